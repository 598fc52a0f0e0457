"""Two projectors (two workers) at once on the same outbox: every record is projected by exactly one of
them, a dossier's records one at a time, and the rollups equal a rebuild from the event log (nothing
counted twice, nothing lost, no deadlock between their upserts of the same rollup rows)."""

import threading

import pytest
from django.db import connection

from motcua.dossiers.models import OutboxMessage
from motcua.jobs.projector import Projector
from motcua.reports.models import DailyRollup, DossierStat, MonthlyRollup, StepRollup
from motcua.reports.rollups import rebuild

from ..dossiers.world import act, make_world, receive


def _rollups():
    return (
        sorted(DailyRollup.objects.values_list("agency_id", "day", "channel", "received", "finished_early")),
        sorted(MonthlyRollup.objects.values_list("agency_id", "month", "channel", "received")),
        sorted(StepRollup.objects.values_list("agency_id", "step", "day", "left", "late")),
    )


@pytest.mark.django_db(transaction=True)
def test_two_workers_split_the_outbox_and_count_once(settings):
    settings.MOTCUA_PROJECTOR_BATCH = 3
    world = make_world()
    dossiers = [act(act(receive(world), "forward", world.officer), "approve", world.leader) for _ in range(8)]
    errors = []
    projected = {"p0": 0, "p1": 0}

    def work(name):
        try:
            projector = Projector(worker_id=name)
            for _ in range(300):
                projected[name] += projector.run_once().projected
                if not OutboxMessage.objects.filter(projected_at__isnull=True).exists():
                    break
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=(f"p{i}",)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert not errors
    assert projected["p0"] + projected["p1"] == OutboxMessage.objects.count() == 24  # each record once
    assert not OutboxMessage.objects.filter(projected_at__isnull=True).exists()
    assert DossierStat.objects.filter(dossier__in=dossiers).count() == 8
    incremental = _rollups()
    rebuild()
    assert _rollups() == incremental
