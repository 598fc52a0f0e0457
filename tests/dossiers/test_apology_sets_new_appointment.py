from datetime import datetime

import pytest

from motcua.dossiers import lifecycle
from motcua.dossiers.errors import InvalidParams, InvalidState

from .world import act, receive, vn


def test_apology_when_late_moves_shown_date_and_keeps_original(world, fixed_clock):
    dossier = receive(world)
    original = dossier.due_at
    fixed_clock.set(vn(2026, 3, 5, 15, 0))  # past Thursday 09:00
    dossier = act(
        dossier,
        "apologize",
        world.leader,
        reason="Chờ kết quả xác minh",
        new_due_at="2026-03-10T16:00:00+07:00",
    )
    assert dossier.due_at == vn(2026, 3, 10, 16, 0)
    assert dossier.original_due_at == original
    event = dossier.events.order_by("-seq").first()
    # The public timeline carries the process's own text; the officer's reason is for the applicant.
    assert event.is_public and event.public_text == "Cơ quan xin lỗi và hẹn lại ngày trả kết quả."
    assert event.data["reason"] == "Chờ kết quả xác minh"
    assert datetime.fromisoformat(event.data["previous_due_at"]) == original


def test_apology_possible_when_due_within_the_window(world, fixed_clock):
    dossier = receive(world)
    fixed_clock.set(vn(2026, 3, 4, 14, 0))  # 3 working hours before Thursday 09:00
    dossier = act(dossier, "apologize", world.leader, reason="Trễ", new_due_at="2026-03-09T16:00:00+07:00")
    assert dossier.apologized_at is not None


def test_apology_refused_while_far_from_due(world, fixed_clock):
    dossier = receive(world)
    with pytest.raises(InvalidState) as info:
        lifecycle.perform(
            dossier,
            "apologize",
            world.leader,
            dossier.version,
            reason="x",
            new_due_at="2026-03-12T16:00:00+07:00",
        )
    assert info.value.code == "not_late"


def test_apology_needs_a_later_date_and_a_reason(world, fixed_clock):
    dossier = receive(world)
    fixed_clock.set(vn(2026, 3, 6, 9, 0))
    with pytest.raises(InvalidParams):
        lifecycle.perform(
            dossier,
            "apologize",
            world.leader,
            dossier.version,
            reason="x",
            new_due_at="2026-03-04T16:00:00+07:00",
        )
    with pytest.raises(InvalidParams):
        lifecycle.perform(
            dossier, "apologize", world.leader, dossier.version, new_due_at="2026-03-12T16:00:00+07:00"
        )
    with pytest.raises(InvalidParams):
        lifecycle.perform(dossier, "apologize", world.leader, dossier.version, reason="x", new_due_at="mai")
