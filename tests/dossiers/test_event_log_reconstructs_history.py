"""The append-only event log is enough to replay a dossier's life: states, steps, versions, dates."""

import pytest

from motcua.dossiers.models import AppendOnlyError, DossierEvent
from motcua.dossiers.states import national_status_for

from .world import act, issued, receive, vn


def test_events_replay_to_the_dossier_as_it_is(world, fixed_clock):
    dossier = receive(world)
    fixed_clock.set(vn(2026, 3, 2, 10, 0))
    dossier = act(dossier, "request_supplement", world.officer, reason="Thiếu")
    fixed_clock.set(vn(2026, 3, 2, 11, 0))
    dossier = act(dossier, "supplement", world.citizen)
    dossier = act(dossier, "forward", world.officer)
    dossier = act(dossier, "send_back", world.leader, reason="Làm rõ")
    dossier = act(dossier, "forward", world.officer)
    dossier = act(dossier, "approve", world.leader)
    dossier = act(dossier, "issue_result", world.clerk, **issued("9/GXN"))
    dossier = act(dossier, "return_result", world.desk)

    events = list(DossierEvent.objects.filter(dossier=dossier).order_by("seq"))
    state, step, version = "", "", 0
    for event in events:
        assert event.from_state == state and event.from_step == step
        assert event.dossier_version == version + 1
        assert event.national_status == national_status_for(event.to_state)
        state, step, version = event.to_state, event.to_step, event.dossier_version
    assert (state, step, version) == (dossier.state, dossier.current_step, dossier.version)
    assert events[-1].due_at == dossier.due_at
    assert [e.seq for e in events] == list(range(1, len(events) + 1))
    roles = [e.role for e in events]
    assert roles == [
        "desk_officer",
        "processing_officer",
        "applicant",
        "processing_officer",
        "leader",
        "processing_officer",
        "leader",
        "clerk",
        "desk_officer",
    ]
    handovers = [e for e in events if e.step_outcome]
    assert handovers and all(e.step_due_at for e in handovers)


def test_events_cannot_be_changed_or_deleted(world, fixed_clock):
    event = receive(world).events.get()
    event.comment = "sửa"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()


def test_a_step_left_after_its_deadline_is_late(world, fixed_clock):
    dossier = receive(world)  # thụ lý has 60% of 24 h = 14.5 h
    fixed_clock.set(vn(2026, 3, 5, 16, 0))
    dossier = act(dossier, "forward", world.officer)
    event = dossier.events.order_by("-seq").first()
    assert event.step_outcome == "late" and event.step_due_at < event.at


def test_a_step_left_the_same_day_is_on_time_and_a_day_early_is_early(world, fixed_clock):
    dossier = receive(world)
    due = dossier.step_due_at.astimezone(vn(2026, 1, 1).tzinfo)
    fixed_clock.set(due.replace(hour=8, minute=0))
    dossier = act(dossier, "forward", world.officer)
    assert dossier.events.order_by("-seq").first().step_outcome == "on_time"
    dossier = act(dossier, "send_back", world.leader, reason="x")
    dossier = act(dossier, "forward", world.officer)
    assert dossier.events.order_by("-seq").first().step_outcome == "early"
