"""A receipt costs a fixed, small number of queries: reference data (procedure rules, process,
calendar) comes from in-memory caches that check themselves, the dossier is written once."""

from datetime import date
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext

from motcua.calendar.models import DayKind, Notice, NoticeDay
from motcua.catalog.services import procedure_publish
from motcua.catalog.spec import FeeSpec, TimeSpec
from motcua.core.choices import Channel
from motcua.dossiers.models import DossierComponent, DossierEvent, DossierFee
from tests.factories.catalog import procedure_spec

from .world import receive, submit, vn


def _writes(queries):
    return [q["sql"].split()[0] for q in queries if q["sql"].split()[0] in ("INSERT", "UPDATE", "DELETE")]


def test_desk_receipt_of_a_new_dossier(world, fixed_clock):
    receive(world)  # warms the caches the way the previous receipt of the day does
    with CaptureQueriesContext(connection) as queries:
        dossier = receive(world, components=[{"position": 1, "digitised": True}, {"position": 2}])
    # grants; procedure in force, agencies, process in one statement (dossiers/references.py); counter,
    # calendar revision, dossier, component, fee, event, outbox (+ BEGIN/COMMIT or SAVEPOINT on the
    # test's transaction: 11 in all). The "received" notification and the statistics are the worker's
    # projector's (jobs/projector.py), off this path.
    assert len(queries) <= 11, [q["sql"][:80] for q in queries]
    assert _writes(queries).count("UPDATE") == 1  # the day's counter only: the dossier is inserted once
    assert DossierEvent.objects.get(dossier=dossier).seq == dossier.version == 1
    assert DossierComponent.objects.filter(dossier=dossier, digitised=True).count() == 1
    assert DossierFee.objects.filter(dossier=dossier).exists()


def test_receipt_of_a_submitted_dossier(world, fixed_clock):
    receive(world, submit(world))
    dossier = submit(world)
    with CaptureQueriesContext(connection) as queries:
        received = receive(world, dossier)
    # act() re-reads the dossier before and after; the action itself: grants, lock, update, event, outbox
    # (the notification and the statistics, 8 more statements when they ran here, are the projector's)
    action = [q for q in queries if "SAVEPOINT" not in q["sql"]][1:-1]
    assert len(action) <= 5, [q["sql"][:80] for q in action]
    assert received.state == "received" and received.version == 2
    assert [e.seq for e in DossierEvent.objects.filter(dossier=dossier)] == [1, 2]


def test_an_edited_calendar_is_seen_by_the_next_receipt(world, fixed_clock):
    """The revision token read with the lock decides which cached calendar a receipt uses: a day
    off added by a notice after one receipt moves the due date of the next one."""
    fixed_clock.set(vn(2026, 3, 9, 10, 0))  # Monday; 3 working days → Thursday 12 Mar 10:00
    assert receive(world, submit(world)).due_at == vn(2026, 3, 12, 10, 0)
    notice = Notice.objects.create(number="99/TB-THU", title="Nghỉ thử nghiệm", year=2026)
    NoticeDay.objects.create(notice=notice, date=date(2026, 3, 10), kind=DayKind.OFF)
    assert receive(world, submit(world)).due_at == vn(2026, 3, 13, 10, 0)  # Tuesday off: one day later


def test_a_new_version_applies_to_new_dossiers_and_the_pinned_one_to_old_ones(world, fixed_clock):
    """Rules are cached per published version: publishing v2 changes new receipts, not old dossiers."""
    fixed_clock.set(vn(2026, 3, 9, 10, 0))
    old = submit(world)
    receive(world)  # v1's rules are now cached
    spec = procedure_spec(
        code=world.procedure.code,
        competent_agencies=(world.department.identifier, world.other.identifier),
        receiving_agencies=(world.centre.identifier,),
        times=tuple(TimeSpec(channel=c, value=Decimal(5)) for c in (Channel.IN_PERSON, Channel.POST)),
        fees=(FeeSpec(amount=12000),),
    )
    procedure_publish(spec)
    new = receive(world)
    assert new.due_at == vn(2026, 3, 16, 10, 0)  # 5 working days
    assert [f.amount for f in DossierFee.objects.filter(dossier=new)] == [12000]
    old = receive(world, old)
    assert old.due_at == vn(2026, 3, 12, 10, 0)  # still v1's 3 days
    assert [f.amount for f in DossierFee.objects.filter(dossier=old)] == [8000]
