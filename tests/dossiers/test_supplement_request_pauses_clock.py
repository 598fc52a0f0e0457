"""A supplement request pauses the clock; the supplement resumes it and pushes every deadline by the
paused working time (the calendar engine's arithmetic)."""

from motcua.dossiers.deadlines import calendar_for
from motcua.dossiers.models import DossierPause

from .world import act, pdf, receive, submit, vn


def test_pause_pushes_due_date_and_step_deadline_by_paused_working_time(world, fixed_clock):
    dossier = receive(world)  # Monday 2 March 09:00, 3 working days
    assert dossier.due_at == vn(2026, 3, 5, 9, 0)
    step_due = dossier.step_due_at
    fixed_clock.set(vn(2026, 3, 2, 14, 0))
    dossier = act(dossier, "request_supplement", world.officer, reason="Thiếu bản sao CCCD")
    assert dossier.state == "supplement_requested" and dossier.national_status == 5
    assert DossierPause.objects.get(dossier=dossier).ended_at is None
    fixed_clock.set(vn(2026, 3, 4, 10, 0))  # Wednesday 10:00: paused 14-17 Mon, all Tue, 8-10 Wed = 13 h
    dossier = act(
        dossier, "supplement", world.citizen, components=[{"position": 2, "files": [pdf("cccd.pdf")]}]
    )
    assert dossier.state == "received" and dossier.national_status == 2
    cal = calendar_for(world.centre)
    assert dossier.due_at == cal.add(vn(2026, 3, 5, 9, 0), 13 * 3600)
    assert dossier.due_at == vn(2026, 3, 6, 15, 0)
    assert dossier.original_due_at == dossier.due_at
    assert dossier.step_due_at == cal.add(step_due, 13 * 3600)
    assert dossier.supplement_requests == 1
    assert dossier.components.get(position=2).files.get().original_name == "cccd.pdf"
    event = dossier.events.order_by("-seq").first()
    assert event.action == "supplement" and event.due_at == dossier.due_at


def test_supplement_before_receipt_does_not_pause_anything(world, fixed_clock):
    dossier = submit(world)
    dossier = act(dossier, "request_supplement", world.desk, missing=["Bản sao CCCD"])
    assert not DossierPause.objects.filter(dossier=dossier).exists()
    dossier = act(dossier, "supplement", world.citizen)
    assert dossier.state == "submitted" and dossier.national_status == 1 and dossier.supplement_requests == 0


def test_elapsed_processing_time_excludes_the_pause(world, fixed_clock):
    dossier = receive(world)
    fixed_clock.set(vn(2026, 3, 2, 10, 0))
    dossier = act(dossier, "request_supplement", world.officer, reason="Thiếu")
    fixed_clock.set(vn(2026, 3, 3, 10, 0))
    dossier = act(dossier, "supplement", world.citizen)
    pauses = [(p.started_at, p.ended_at) for p in dossier.pauses.all()]
    cal = calendar_for(world.centre)
    assert cal.elapsed(dossier.received_at, vn(2026, 3, 3, 11, 0), pauses) == 2 * 3600
