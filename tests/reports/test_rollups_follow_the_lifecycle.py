"""The rollups move with the dossier once the worker's projector ran after each action: receipt,
supplement, result, return."""

from datetime import timedelta

import pytest

from motcua.dossiers.errors import DossierError
from motcua.reports.models import DailyRollup, DossierStat
from tests.dossiers.world import act, receive, to_result, vn
from tests.projection import project


def _sum(name, **filters):
    return sum(getattr(r, name) for r in DailyRollup.objects.filter(**filters))


def test_counts_follow_a_dossier(world, fixed_clock):
    dossier = receive(world)
    assert not DossierStat.objects.filter(dossier=dossier).exists()  # not on the request's path
    project()
    stat = DossierStat.objects.get(dossier=dossier)
    assert stat.received_day == vn(2026, 3, 2).date() and stat.agency_id == world.department.pk
    assert _sum("received") == 1 and _sum("fee_bearing") == 1
    fixed_clock.set(fixed_clock.at + timedelta(hours=2))
    dossier = to_result(world, dossier)
    project()
    assert _sum("finished_early") == 1  # three working days, done the same day
    assert _sum("cohort_on_time") == 1 and _sum("cohort_late") == 0
    act(dossier, "return_result", world.desk)
    project()
    assert _sum("returned") == 1
    assert _sum("received") == 1  # nothing counted twice


def test_a_refused_action_leaves_no_count(world, fixed_clock):
    dossier = receive(world)
    project()
    before = list(DailyRollup.objects.values())
    with pytest.raises(DossierError):
        act(dossier, "refuse", world.desk)  # no reason: refused by the lifecycle
    project()
    assert list(DailyRollup.objects.values()) == before
