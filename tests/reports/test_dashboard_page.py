"""The leaders' dashboard: who may open it, what it shows for their scope."""

from motcua.organizations.models import AgencyKind, Role
from tests.factories.organizations import AgencyFactory, StaffRoleFactory

from .cases import at, processed, received_on


def _data(world, clock):
    d = received_on(world, clock, 2026, 3, 2, 9, 0)
    processed(world, clock, d, 2026, 3, 3, 9, 0)
    received_on(world, clock, 2026, 3, 4, 9, 0)  # due Mon 9 Mar, still open
    at(clock, 2026, 3, 20, 9, 0)


def test_a_leader_sees_their_department(client, world, fixed_clock):
    _data(world, fixed_clock)
    client.force_login(world.leader)
    page = client.get("/can-bo/thong-ke/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Sở Tư pháp" in html and "<svg" in html
    assert page.context["overdue_count"] == 1
    assert page.context["overdue"][0]["unit"]  # who holds it
    assert page.context["on_time"]["numerator"] == 1 and page.context["on_time"]["denominator"] == 2
    assert page.context["rank"]["agency"] == "Sở Tư pháp"


def test_a_province_supervisor_sees_everything_and_others_nothing(client, world, fixed_clock):
    _data(world, fixed_clock)
    province = AgencyFactory(kind=AgencyKind.PROVINCE_COMMITTEE, parent=None)
    supervisor = StaffRoleFactory(role=Role.SUPERVISOR, agency=province).user
    client.force_login(supervisor)
    page = client.get("/can-bo/thong-ke/?from=2026-03-01&to=2026-03-31")
    assert page.status_code == 200 and page.context["on_time"]["denominator"] == 2
    assert len(page.context["ranking"]) == 2  # both departments ranked
    client.force_login(world.desk)
    assert client.get("/can-bo/thong-ke/").status_code == 403
    other = StaffRoleFactory(role=Role.LEADER, agency=world.other).user
    client.force_login(other)
    assert client.get(f"/can-bo/thong-ke/?agency={world.department.identifier}").status_code == 403


def test_bad_dates_are_explained_not_a_500(client, world, fixed_clock):
    client.force_login(world.leader)
    page = client.get("/can-bo/thong-ke/?from=2026-02-30&to=2026-03-01")
    assert page.status_code == 200 and "YYYY-MM-DD" in page.content.decode()
