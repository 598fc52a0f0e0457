"""The outbox projector (jobs/projector.py) beside the national-portal relay: a dead letter at the portal
stops neither the statistics nor the notifications; a worker that dies between its claim and its settle
loses nothing (its lease ends, another worker projects the records, once); a rating reaches the
statistics through its own outbox record, which the portal's plugin ignores; a projection that fails
holds back only its own dossier."""

import pytest

from motcua.dossiers import projections
from motcua.dossiers.models import OutboxMessage
from motcua.integrations import registry
from motcua.jobs.projector import Projector
from motcua.portal.services import rating_create
from motcua.reports.models import DailyRollup, DossierStat, StepRollup
from motcua.reports.rollups import rebuild
from tests.integrations.portal import Tick
from tests.projection import project

from ..dossiers.world import act, receive, to_result


def _counts():
    daily = sorted(
        (r.agency_id, r.day, r.received, r.finished_early, r.returned) for r in DailyRollup.objects.all()
    )
    steps = sorted((r.agency_id, r.step, r.day, r.left, r.late) for r in StepRollup.objects.all())
    return daily, steps


def test_a_dead_letter_at_the_portal_stops_no_projection(world, fake_portal, relay, settings):
    settings.MOTCUA_RELAY_MAX_ATTEMPTS = 2
    dossier = act(receive(world), "forward", world.officer)
    fake_portal.fail_next(10, http_status=500)
    for _ in range(4):
        relay.drain()
        relay.tick.advance(3600)
    head = OutboxMessage.objects.filter(key=dossier.code).order_by("id").first()
    assert head.dead_at is not None  # the portal gave up on it: the dossier's records wait at the relay
    dossier = act(dossier, "approve", world.leader)
    assert project().projected == 3  # receive, forward, approve: all projected regardless
    assert not OutboxMessage.objects.filter(projected_at__isnull=True).exists()
    assert DossierStat.objects.get(dossier=dossier).received_day is not None
    assert StepRollup.objects.filter(left=1).count() == 2  # the desk's step, the officer's step
    assert OutboxMessage.objects.filter(processed_at__isnull=True).count() == 3  # still at the relay


def test_a_worker_killed_between_claim_and_settle_loses_nothing(world, fixed_clock, settings):
    settings.MOTCUA_PROJECTOR_LEASE_SECONDS = 60
    dossiers = [to_result(world, receive(world)) for _ in range(3)]
    tick = Tick()
    dead = Projector(worker_id="killed", now=tick)
    claimed = dead.claim()  # ... and the process dies here: nothing projected, nothing settled
    assert len(claimed) == 3  # the oldest record of each dossier
    other = Projector(worker_id="survivor", now=tick)
    assert other.claim() == []  # the dead worker's records are leased; the later ones wait behind them
    tick.advance(61)
    assert other.drain().projected == OutboxMessage.objects.count()
    assert dead.project(claimed) == 0  # had it woken up: its lease is gone, it writes nothing
    assert DossierStat.objects.filter(dossier__in=dossiers).count() == 3
    projected = _counts()
    rebuild()
    assert _counts() == projected  # counted once: the same as the event log says


def test_the_same_batch_projected_twice_counts_once(world, fixed_clock):
    """The derived rows commit with the records' mark, under a row lock: a batch run again (a worker
    retrying after an error it did not see the end of) finds its records projected and writes nothing."""
    to_result(world, receive(world))
    projector = Projector(worker_id="twice")
    while ids := projector.claim():
        assert projector.project(ids) == len(ids)
        before = _counts()
        assert projector.project(ids) == 0
        assert _counts() == before
    projected = _counts()
    rebuild()
    assert _counts() == projected


def test_a_rating_reaches_the_statistics_through_its_own_record(world, fixed_clock, fake_portal, relay):
    dossier = act(to_result(world, receive(world)), "return_result", world.desk)
    project()
    rating_create(dossier, user=world.citizen, score=5)
    record = OutboxMessage.objects.get(topic=projections.CHANGED_TOPIC)
    assert record.key == dossier.code and record.projected_at is None
    assert not any(plugin.handles(record.topic) for plugin in registry.outbox_plugins())
    project()
    assert DossierStat.objects.get(dossier=dossier).rating == 5
    assert sum(r.rating_satisfied for r in DailyRollup.objects.all()) == 1
    relay.drain()
    record.refresh_from_db()
    assert record.processed_at is not None  # the relay marks it done without sending it anywhere


@pytest.fixture
def failing_for():
    """A projection that fails for one dossier (registered like the real ones, removed after)."""
    victims = set()

    def boom(items):
        if any(item.dossier_id in victims for item in items):
            raise RuntimeError("projection failed")

    projections.register("test-boom", boom)
    yield victims
    projections._PROJECTIONS.pop("test-boom", None)


def test_a_failing_projection_holds_back_only_its_dossier(world, fixed_clock, failing_for, settings):
    settings.MOTCUA_PROJECTOR_LEASE_SECONDS = 60
    bad, good = receive(world), receive(world)
    failing_for.add(bad.pk)
    bad = act(bad, "forward", world.officer)
    good = act(good, "forward", world.officer)
    tick = Tick()
    result = Projector(now=tick).drain()
    assert result.failed == 1
    assert not OutboxMessage.objects.filter(key=good.code, projected_at__isnull=True).exists()
    assert OutboxMessage.objects.filter(key=bad.code, projected_at__isnull=True).count() == 2  # in order
    assert not DossierStat.objects.filter(dossier=bad).exists()
    failing_for.clear()
    tick.advance(61)  # its lease ends: tried again
    assert Projector(now=tick).drain().projected == 2
    assert DossierStat.objects.filter(dossier=bad).exists()


def test_the_command_drains_the_outbox_once(world, fixed_clock):
    from io import StringIO

    from django.core.management import call_command

    dossier = receive(world)
    out = StringIO()
    call_command("project_outbox", stdout=out)
    assert "projected: 1;" in out.getvalue()
    assert DossierStat.objects.filter(dossier=dossier).exists()
    call_command("project_outbox", stdout=out)
    assert "projected: 0;" in out.getvalue()
