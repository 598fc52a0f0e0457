"""The messages are written by the worker's outbox projector (jobs/projector.py), after the action
committed, from the EVENT (its action, states, data, seq) — not from the dossier as it is by then; an
action rolled back leaves no outbox record hence no message; projecting an event twice writes nothing
more (unique per dossier, event seq, kind, channel and address)."""

import pytest
from django.db import transaction

from motcua.dossiers.models import Dossier, OutboxMessage
from motcua.jobs.projector import Projector
from motcua.notifications.models import Notification
from motcua.notifications.services import vn_datetime
from tests.dossiers.world import act, vn
from tests.projection import project

from .people import REP, with_email
from .people import received as _received

received = _received.__wrapped__  # the action alone: the worker has not run yet


class Boom(Exception):
    pass


def test_rolled_back_action_leaves_no_message(world, fixed_clock, channels, fake_sms):
    with pytest.raises(Boom), transaction.atomic():
        received(with_email(world))
        raise Boom
    assert project().projected == 0
    assert not Dossier.objects.exists() and not Notification.objects.exists()
    assert fake_sms.calls == []


def test_nothing_before_the_projector_then_once(world, fixed_clock, channels):
    dossier = received(with_email(world))
    assert not Notification.objects.filter(dossier=dossier).exists()  # the request wrote none
    assert project().projected == OutboxMessage.objects.count() == 1  # the desk's receipt
    assert Notification.objects.filter(dossier=dossier, kind="received").count() == 5
    # the same records again (their projected mark cleared, as if the settle had been lost): no duplicate
    OutboxMessage.objects.update(projected_at=None)
    assert project().projected == 1
    assert Notification.objects.filter(dossier=dossier, kind="received").count() == 5


def test_the_same_batch_twice_writes_nothing_more(world, fixed_clock, channels):
    dossier = received(with_email(world))
    projector = Projector(worker_id="w1")
    ids = projector.claim()
    assert projector.project(ids) == len(ids) == 1  # the desk's receipt
    assert projector.project(ids) == 0  # already projected: nothing runs
    before = list(Notification.objects.order_by("pk").values_list("kind", "channel", "address"))
    OutboxMessage.objects.update(projected_at=None, projection_claimed_by="")
    project()
    assert list(Notification.objects.order_by("pk").values_list("kind", "channel", "address")) == before
    assert Notification.objects.filter(dossier=dossier).count() == 5


def test_the_event_decides_even_when_the_dossier_moved_on(world, fixed_clock, channels):
    """Received (due Thursday 09:00), then the due date moved by an apology before the worker ran: the
    "received" message still says what the receipt said; the apology's says the new date."""
    dossier = received(with_email(world))
    first_due = dossier.due_at
    fixed_clock.set(vn(2026, 3, 5, 15, 0))
    dossier = act(
        dossier, "apologize", world.leader, reason="Chờ xác minh", new_due_at="2026-03-10T16:00:00+07:00"
    )
    assert dossier.due_at != first_due
    project()
    receipt = Notification.objects.filter(dossier=dossier, kind="received")
    apology = Notification.objects.filter(dossier=dossier, kind="apology")
    assert receipt.count() == apology.count() == 5
    assert {n.context["ngay_hen_tra"] for n in receipt} == {vn_datetime(first_due)}
    assert {n.context["ngay_hen_tra"] for n in apology} == {vn_datetime(dossier.due_at)}
    assert {n.event_seq for n in receipt} == {1} and {n.event_seq for n in apology} == {2}
    assert {n.recipient_name for n in receipt if n.recipient_role == "representative"} == {REP["name"]}


def test_skipped_projection_marks_without_notifying(world, fixed_clock, channels):
    """The demo's replayed history: projected into the statistics only, nobody notified."""
    dossier = received(with_email(world))
    project(skip=frozenset({"notifications"}))
    assert not Notification.objects.filter(dossier=dossier).exists()
    assert not OutboxMessage.objects.filter(projected_at__isnull=True).exists()
    assert project().projected == 0
