"""A commune's supervisor sees the dossiers of their commune (its committee and the service centre below
it) and nothing of another commune, through every door: the API's list and detail, the back office's
worklist, dossier page and tracking book. The province's supervisor sees every dossier. A supervisor
role held by delegation counts like one's own."""

import datetime as dt
import io

from openpyxl import load_workbook

from motcua.dossiers.selectors import dossier_get, dossier_visible_to
from motcua.organizations.models import Role
from motcua.organizations.selectors import agencies_under
from motcua.organizations.services import delegation_create
from tests.factories.organizations import StaffRoleFactory

from .province import ApiCaller, page_client, province  # noqa: F401 (fixture)
from .world import fixed_clock, media_root  # noqa: F401 (fixtures)


def _api_list(user) -> set[str]:
    response = ApiCaller(user).get("/api/v1/dossiers", limit=200)
    assert response.status_code == 200, response.content
    return {item["code"] for item in response.json()["items"]}


def _supervision_list(user) -> str:
    response = page_client(user).get("/can-bo/", {"ds": "giam-sat"})
    assert response.status_code == 200
    return response.content.decode()


def _book(user, agency) -> tuple[int, str]:
    response = page_client(user).get(
        "/can-bo/so-theo-doi/",
        {"agency": agency.pk, "start": "2026-03-01", "end": "2026-03-31", "format": "xlsx"},
    )
    if response.status_code != 200:
        return response.status_code, ""
    sheet = load_workbook(io.BytesIO(response.content)).active
    return 200, " ".join(str(c.value) for row in sheet.iter_rows() for c in row if c.value)


def test_commune_supervisor_sees_their_commune_only(province):  # noqa: F811
    supervisor = province.user("supervisor_commune")
    mine, below, sibling = (province.code(p) for p in ("commune", "centre_only", "sibling"))

    assert _api_list(supervisor) == {mine, below}
    api = ApiCaller(supervisor)
    assert api.get(f"/api/v1/dossiers/{mine}").status_code == 200
    assert api.get(f"/api/v1/dossiers/{below}").status_code == 200
    refused = api.get(f"/api/v1/dossiers/{sibling}")
    assert refused.status_code == 404
    assert province.applicant.id_number not in refused.content.decode()

    listed = _supervision_list(supervisor)
    assert mine in listed and below in listed and sibling not in listed
    pages = page_client(supervisor)
    assert pages.get(f"/can-bo/ho-so/{mine}/").status_code == 200
    assert pages.get(f"/can-bo/ho-so/{sibling}/").status_code == 404  # not seen: as an unknown code

    status, book = _book(supervisor, province.centre_a)
    assert status == 200 and mine in book and below in book
    assert _book(supervisor, province.centre_b)[0] == 400  # another commune's book is not offered


def test_province_supervisor_sees_every_commune(province):  # noqa: F811
    supervisor = province.user("supervisor_province")
    codes = {province.code(p) for p in ("commune", "centre_only", "sibling")}

    assert _api_list(supervisor) == codes
    api = ApiCaller(supervisor)
    for code in codes:
        detail = api.get(f"/api/v1/dossiers/{code}")
        assert detail.status_code == 200
    listed = _supervision_list(supervisor)
    assert all(code in listed for code in codes)
    assert page_client(supervisor).get(f"/can-bo/ho-so/{province.code('sibling')}/").status_code == 200
    status, book = _book(supervisor, province.centre_b)
    assert status == 200 and province.code("sibling") in book


def test_a_supervisor_below_the_top_is_not_the_province(province):  # noqa: F811
    """Only a supervisor at the province's people's committee sees everything: one at the department
    (a unit right below the province) sees the department's dossiers only."""
    supervisor = StaffRoleFactory(role=Role.SUPERVISOR, agency=province.department).user
    assert _api_list(supervisor) == {province.code("centre_only")}


def test_a_delegated_supervision_counts(province, fixed_clock):  # noqa: F811
    """Commune B's supervisor hands their supervision to commune A's processing officer for a week: the
    officer sees commune B's dossiers for that week only."""
    owner = StaffRoleFactory(role=Role.SUPERVISOR, agency=province.committee_b).user
    officer = province.user("officer")
    sibling = dossier_get(province.code("sibling"))
    assert not dossier_visible_to(sibling, officer)
    delegation_create(
        delegator=owner,
        delegate=officer,
        agency=province.committee_b,
        role=Role.SUPERVISOR,
        starts_at=fixed_clock.at,
        ends_at=fixed_clock.at + dt.timedelta(days=7),
    )
    assert dossier_visible_to(sibling, officer)
    assert province.code("sibling") in _api_list(officer)
    fixed_clock.set(fixed_clock.at + dt.timedelta(days=8))
    assert not dossier_visible_to(sibling, officer)


def test_agencies_under_reads_the_whole_subtree(province):  # noqa: F811
    assert agencies_under([province.committee_a]) == {province.committee_a.pk, province.centre_a.pk}
    everything = {
        a.pk
        for a in (
            province.province,
            province.committee_a,
            province.centre_a,
            province.committee_b,
            province.centre_b,
            province.department,
        )
    }
    assert agencies_under([province.province.pk]) == everything
    assert agencies_under([]) == set()
