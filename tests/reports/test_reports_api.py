"""GET /api/v1/reports/index-766 and /summary: the shape the issue states, scoped to the caller."""

from motcua.organizations.models import AgencyKind, Role
from tests.factories.organizations import AgencyFactory, StaffRoleFactory

from .cases import at, processed, received_on


def _march(world, clock):
    d = received_on(world, clock, 2026, 3, 2, 9, 0)
    processed(world, clock, d, 2026, 3, 3, 9, 0)
    received_on(world, clock, 2026, 3, 4, 9, 0, channel="post")
    at(clock, 2026, 4, 1, 9, 0)


def _get(client, user, path):
    client.force_login(user)
    return client.get(path)


def test_index_shape_for_a_leader(client, world, fixed_clock):
    _march(world, fixed_clock)
    response = _get(client, world.leader, "/api/v1/reports/index-766?from=2026-03-01&to=2026-03-31")
    assert response.status_code == 200, response.content
    doc = response.json()
    assert doc["max"] == 100 and isinstance(doc["total"], float)
    assert {g["key"] for g in doc["groups"]} >= {"transparency", "dvc-progress-tree", "dossier-digitized"}
    on_time = next(i for i in doc["indicators"] if i["code"] == "ON_TIME")
    assert set(on_time) >= {
        "code",
        "group",
        "numerator",
        "denominator",
        "rate",
        "points",
        "max_points",
        "source",
    }
    assert (on_time["numerator"], on_time["denominator"]) == (1, 2)  # the second was overdue on 1 April


def test_summary_counts(client, world, fixed_clock):
    _march(world, fixed_clock)
    response = _get(client, world.leader, "/api/v1/reports/summary?from=2026-03-01&to=2026-03-31")
    assert response.status_code == 200, response.content
    doc = response.json()
    assert doc["received"] == {
        "total": 2,
        "carried_over": 0,
        "new": 2,
        "new_online": 0,
        "new_in_person_or_post": 2,
        "new_in_person": 1,
        "new_post": 1,
    }
    assert doc["processed"]["early"] == 1 and doc["processed"]["total"] == 1
    assert doc["in_progress"] == {"total": 1, "on_time": 0, "overdue": 1}
    april = _get(client, world.leader, "/api/v1/reports/summary?from=2026-04-01&to=2026-04-30").json()
    assert april["received"]["carried_over"] == 1 and april["received"]["new"] == 0


def test_who_may_read_what(client, world, fixed_clock):
    _march(world, fixed_clock)
    path = "/api/v1/reports/summary?from=2026-03-01&to=2026-03-31"
    assert _get(client, world.desk, path).status_code == 403  # a desk officer reads no statistics
    other_leader = StaffRoleFactory(role=Role.LEADER, agency=world.other).user
    assert _get(client, other_leader, path).json()["received"]["new"] == 0  # not their department
    outside = _get(client, other_leader, path + f"&agency={world.department.identifier}")
    assert outside.status_code == 403 and outside.json()["code"] == "forbidden"
    province = AgencyFactory(kind=AgencyKind.PROVINCE_COMMITTEE, parent=None)
    supervisor = StaffRoleFactory(role=Role.SUPERVISOR, agency=province).user
    assert _get(client, supervisor, path).json()["received"]["new"] == 2
    assert _get(client, supervisor, path + f"&agency={world.department.identifier}").status_code == 200


def test_bad_parameters_are_refused_in_both_languages(client, world, fixed_clock):
    for query in ("from=2026-13-01&to=2026-03-31", "from=2026-03-31&to=2026-03-01", "to=2026-03-01"):
        response = _get(client, world.leader, f"/api/v1/reports/index-766?{query}")
        assert response.status_code in (400, 422), (query, response.content)
        body = response.json()
        assert body["detail"] and body["detail_en"]
    unknown = _get(client, world.leader, "/api/v1/reports/index-766?from=2026-03-01&to=2026-03-31&agency=x")
    assert unknown.status_code == 422 and unknown.json()["code"] == "unknown_agency"
    assert client.logout() is None
    assert client.get("/api/v1/reports/index-766?from=2026-03-01&to=2026-03-31").status_code == 401
