"""The ranking reads every unit in one pass; each unit's index in it is the index that unit gets
alone (the dashboard shows both side by side), also when a dossier is received in one ranked unit
and decided in another: both count it, as their scopes do (`Scope.q`), and a unit holding both
agencies counts it once."""

from django.core.cache import cache

from motcua.reports import index766
from motcua.reports import selectors as sel
from tests.dossiers.world import act
from tests.factories.organizations import AgencyFactory

from .cases import at, processed, received_on

MARCH = sel.Period.month(2026, 3)


def _alone(agency_id) -> dict:
    _agency, subtree = sel.ranking_units()[agency_id]
    return index766.compute(MARCH, sel.Scope(agency_ids=subtree))


def _ranked() -> dict[int, dict]:
    cache.clear()
    return {r["agency_id"]: r for r in index766.ranking(MARCH)}


def test_a_unit_ranks_with_the_dossiers_it_received_for_another(world, fixed_clock):
    # the centre becomes a desk of the other department: what it receives for the department (the
    # decider) is also the other department's, as its leader's dashboard counts it
    world.centre.parent = world.other
    world.centre.save()
    on_time = received_on(world, fixed_clock, 2026, 3, 2, 9, 0)
    on_time = processed(world, fixed_clock, on_time, 2026, 3, 3, 9, 0)
    at(fixed_clock, 2026, 3, 3, 10, 0)
    act(on_time, "return_result", world.desk, return_channel="desk")
    received_on(world, fixed_clock, 2026, 3, 4, 9, 0)  # open, overdue by the end of March
    at(fixed_clock, 2026, 3, 31, 16, 0)

    ranked = _ranked()
    for unit in (world.department, world.other):
        alone = _alone(unit.pk)
        on_time_alone = next(r for r in alone["indicators"] if r["code"] == "ON_TIME")
        assert on_time_alone["denominator"] == 2  # both units see both dossiers
        assert ranked[unit.pk]["total"] == alone["total"]
        assert ranked[unit.pk]["received"] == 2
        assert ranked[unit.pk]["on_time_rate"] == on_time_alone["rate"]


def test_a_unit_holding_both_agencies_counts_a_dossier_once(world, fixed_clock):
    parent = AgencyFactory(name="Ủy ban nhân dân xã Thử Nghiệm", kind="commune_committee")
    for agency in (world.centre, world.department):
        agency.parent = parent
        agency.save()
    received_on(world, fixed_clock, 2026, 3, 2, 9, 0)
    received_on(world, fixed_clock, 2026, 3, 5, 9, 0, competent_agency=world.other.identifier)
    at(fixed_clock, 2026, 3, 31, 16, 0)

    ranked = _ranked()
    assert ranked[parent.pk]["received"] == 2  # received at its centre: both; decided by it: one
    assert ranked[parent.pk]["total"] == _alone(parent.pk)["total"]
    assert ranked[world.other.pk]["received"] == 1
