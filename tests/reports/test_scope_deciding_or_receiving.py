"""Who reads which dossiers: a service centre's leader reads what the centre received (receipts,
returns, on-time rate, its queue), a department's leader what the department decides, and a scope
holding both counts each dossier once."""

from motcua.organizations.models import Role
from motcua.reports.access import stats_scope
from motcua.reports.dashboard import overdue_dossiers
from motcua.reports.index766 import compute
from motcua.reports.selectors import Period, Scope
from motcua.reports.summary import summary
from tests.dossiers.world import act
from tests.factories.organizations import AgencyFactory

from .cases import at, processed, received_on

MARCH = Period.month(2026, 3)


def _month(world, clock):
    on_time = received_on(world, clock, 2026, 3, 2, 9, 0)
    on_time = processed(world, clock, on_time, 2026, 3, 3, 9, 0)
    at(clock, 2026, 3, 3, 10, 0)
    act(on_time, "return_result", world.desk, return_channel="desk")
    received_on(world, clock, 2026, 3, 4, 9, 0)  # still open: overdue from 9 March
    received_on(world, clock, 2026, 3, 5, 9, 0, competent_agency=world.other.identifier)  # another decider
    at(clock, 2026, 3, 20, 9, 0)


def test_the_service_centre_leader_reads_what_the_centre_received(world, fixed_clock):
    _month(world, fixed_clock)
    centre_leader = world.staff(Role.LEADER, world.centre)
    scope = stats_scope(centre_leader)
    s = summary(MARCH, scope)
    assert s["received"]["new"] == 3  # every dossier received at the centre, whoever decides it
    assert s["returned"] == 1 and s["processed"]["total"] == 1
    assert s["in_progress"] == {"total": 2, "on_time": 0, "overdue": 2}  # the centre's queue
    on_time = next(r for r in compute(MARCH, scope)["indicators"] if r["code"] == "ON_TIME")
    assert (on_time["numerator"], on_time["denominator"]) == (1, 3)
    assert overdue_dossiers(scope)[0] == 2


def test_a_department_leader_reads_what_it_decides(world, fixed_clock):
    _month(world, fixed_clock)
    s = summary(MARCH, stats_scope(world.leader))
    assert s["received"]["new"] == 2 and s["in_progress"]["total"] == 1
    other = summary(MARCH, Scope.of_agency(world.other))
    assert other["received"]["new"] == 1


def test_a_dossier_received_and_decided_inside_one_scope_counts_once(world, fixed_clock):
    _month(world, fixed_clock)
    parent = AgencyFactory(name="UBND tỉnh")
    for agency in (world.centre, world.department, world.other):
        agency.parent = parent
        agency.save()
    s = summary(MARCH, Scope.of_agency(parent))
    assert s["received"]["new"] == 3 and s["in_progress"]["total"] == 2
    both = Scope(agency_ids=frozenset({world.centre.pk, world.department.pk}))
    assert summary(MARCH, both)["received"]["new"] == 3
