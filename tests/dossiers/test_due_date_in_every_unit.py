"""At receipt the dossier's due date comes from the procedure's term in its own unit, and form 01
prints it (a calendar-day procedure no longer gets no due date)."""

from datetime import time
from decimal import Decimal

from motcua.catalog.models import TimeUnit
from motcua.documents.builders import processing_time_text

from .world import make_world, receive, vn


def test_calendar_day_procedure_gets_a_due_date(db, fixed_clock):
    world = make_world(days=Decimal(15), unit=TimeUnit.DAY)
    fixed_clock.set(vn(2026, 3, 2, 10))
    dossier = receive(world)
    assert dossier.due_at == vn(2026, 3, 17, 17)
    assert dossier.deadline_unit == "calendar_day"
    assert processing_time_text(dossier) == "15 ngày"


def test_same_day_procedure_with_its_cutoff_received_monday_ten_is_due_monday(db, fixed_clock):
    world = make_world(days=Decimal(0), unit=TimeUnit.SAME_DAY, same_day_cutoff=time(15))
    fixed_clock.set(vn(2026, 3, 9, 10))
    dossier = receive(world)
    assert dossier.same_day
    assert dossier.due_at == vn(2026, 3, 9, 17)


def test_same_day_cutoff_is_the_procedures(db, fixed_clock):
    world = make_world(days=Decimal(0), unit=TimeUnit.SAME_DAY, same_day_cutoff=time(11))
    fixed_clock.set(vn(2026, 3, 9, 11, 0, 1))
    assert receive(world).due_at == vn(2026, 3, 10, 17)


def test_half_day_procedure(db, fixed_clock):
    world = make_world(days=Decimal(1), unit=TimeUnit.HALF_DAY)
    fixed_clock.set(vn(2026, 3, 9, 9))
    assert receive(world).due_at == vn(2026, 3, 9, 14)
