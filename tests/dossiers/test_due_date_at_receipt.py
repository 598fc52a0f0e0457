"""The due date comes from receipt and the procedure's time for the channel, by the calendar engine."""

from decimal import Decimal

import pytest

from motcua.dossiers.deadlines import calendar_for

from .world import make_world, receive, submit, vn


@pytest.fixture
def same_day_world(db):
    return make_world(days=Decimal(0))


def test_due_date_is_receipt_plus_working_days_not_submission(world, fixed_clock):
    fixed_clock.set(vn(2026, 3, 6, 16, 0))  # submitted online on Friday afternoon
    dossier = submit(world)
    fixed_clock.set(vn(2026, 3, 9, 10, 0))  # received on Monday 10:00
    dossier = receive(world, dossier)
    assert dossier.received_at == vn(2026, 3, 9, 10, 0)
    assert dossier.due_at == calendar_for(world.centre).add(vn(2026, 3, 9, 10, 0), 24 * 3600)
    assert dossier.due_at == vn(2026, 3, 12, 10, 0)
    assert dossier.processing_hours == 24


def test_holidays_are_skipped(world, fixed_clock):
    fixed_clock.set(vn(2026, 4, 24, 9, 0))  # Friday; Mon 27 Apr (Hùng Kings, moved), 30 Apr, 1 May off
    assert receive(world).due_at == vn(2026, 5, 4, 9, 0)  # Tue 28, Wed 29 worked; 30 Apr, 1 May off


def test_same_day_procedure_received_before_15h_is_due_today(same_day_world, fixed_clock):
    fixed_clock.set(vn(2026, 3, 2, 14, 59))
    dossier = receive(same_day_world)
    assert dossier.same_day and dossier.due_at == vn(2026, 3, 2, 17, 0)


def test_same_day_procedure_received_after_15h_is_due_next_working_day(same_day_world, fixed_clock):
    fixed_clock.set(vn(2026, 3, 6, 15, 30))  # Friday
    assert receive(same_day_world).due_at == vn(2026, 3, 9, 17, 0)
