"""Who may do what where: each role × the dossier's place (tests/dossiers/province.py) × action × front
door gets the verdict of the one visibility rule (motcua.dossiers.visibility) and of the lifecycle's
permissions, whichever door is used.

Relative to the commune A staff (desk at its centre, the others at its committee), "commune" is their
own agency's dossier, "centre_only" one of a child agency (commune A's centre) only, "sibling" another
commune's. The province supervisor sits above all three.

What "no" looks like, per door (always the same at a door):
- API with a bearer token: 404 for a dossier the caller may not see (it does not exist for them), 403
  for one they see but may not act on; 401 without a token.
- Back office (/can-bo/): 404 for a dossier outside the officer's agencies and oversight (as the API:
  it does not exist for them), 403 for an action they may not take on a dossier they see, or for a
  caller without an officer role; 302 to the login page without a session.
- Portal (/ho-so/): 404 (a page or file that is not the caller's to see does not exist); 302 to login.
"""

from __future__ import annotations

import re

import pytest

from motcua.dossiers.models import Dossier
from motcua.dossiers.visibility import Visibility

from .province import PLACES, ROLES, STAFF, ApiCaller, page_client, province  # noqa: F401 (fixture)
from .world import fixed_clock, media_root  # noqa: F401 (fixtures)

ALL = set(PLACES)

# Which dossiers each role may read (detail, events, files, forms), by place.
VISIBLE: dict[str, set[str]] = {
    "desk": {"commune", "centre_only"},  # received at their centre
    "officer": {"commune"},  # a role at the committee, not below it
    "leader": {"commune"},
    "clerk": {"commune"},
    "supervisor_commune": {"commune", "centre_only"},  # their committee and the unit below it
    "supervisor_province": ALL,  # the top of the tree: everything
    "owner": ALL,
    "other_applicant": set(),
    "anonymous": set(),
}

# What each role's list shows: the API's worklist (GET /api/v1/dossiers: what waits for the caller, and
# for supervisors everything they oversee) and the union of the back office's worklist buckets.
API_LIST: dict[str, set[str]] = {
    "desk": set(),  # waiting at the processing officer's step, not at the desk
    "officer": {"commune"},
    "leader": set(),
    "clerk": set(),
    "supervisor_commune": {"commune", "centre_only"},
    "supervisor_province": ALL,
    "owner": ALL,
    "other_applicant": set(),
}
BACKOFFICE_LIST: dict[str, set[str]] = {
    "desk": {"commune", "centre_only"},  # "just received" at their centre
    "officer": {"commune"},
    "leader": {"commune"},  # "my unit"
    "clerk": {"commune"},
    "supervisor_commune": {"commune", "centre_only"},  # the supervision list
    "supervisor_province": ALL,
}

# request_supplement, per door: who may ask (the desk that received it, the officer at whose step it
# is), who sees the dossier but may not (403), who does not see it (404 on the API).
API_SUPPLEMENT: dict[str, dict[str, int]] = {
    "desk": {"commune": 200, "centre_only": 200, "sibling": 404},
    "officer": {"commune": 200, "centre_only": 404, "sibling": 404},
    "leader": {"commune": 403, "centre_only": 404, "sibling": 404},
    "clerk": {"commune": 403, "centre_only": 404, "sibling": 404},
    "supervisor_commune": {"commune": 403, "centre_only": 403, "sibling": 404},
    "supervisor_province": {"commune": 403, "centre_only": 403, "sibling": 403},
    "owner": {"commune": 403, "centre_only": 403, "sibling": 403},
    "other_applicant": {"commune": 404, "centre_only": 404, "sibling": 404},
    "anonymous": {"commune": 401, "centre_only": 401, "sibling": 401},
}


def _backoffice_supplement(role: str) -> dict[str, int]:
    if role == "anonymous":
        return dict.fromkeys(PLACES, 302)
    if role not in STAFF:  # not an officer: the door itself refuses
        return dict.fromkeys(PLACES, 403)
    # success redirects to the dossier's page; a dossier not seen is 404 (as the API), else 403
    return {place: {200: 302, 404: 404}.get(API_SUPPLEMENT[role][place], 403) for place in PLACES}


@pytest.mark.parametrize("role", ROLES)
def test_reads_through_the_api(province, role):  # noqa: F811
    api = ApiCaller(province.user(role))
    seen = {}
    for place in PLACES:
        code = province.code(place)
        seen[place, "detail"] = api.get(f"/api/v1/dossiers/{code}").status_code
        seen[place, "events"] = api.get(f"/api/v1/dossiers/{code}/events").status_code
    listed = api.get("/api/v1/dossiers", limit=200)
    expected = {}
    for place in PLACES:
        ok = place in VISIBLE[role]
        code = 401 if role == "anonymous" else (200 if ok else 404)
        expected[place, "detail"] = expected[place, "events"] = code
    assert seen == expected
    if role == "anonymous":
        assert listed.status_code == 401
        return
    codes = {item["code"] for item in listed.json()["items"]}
    assert {p for p in PLACES if province.code(p) in codes} == API_LIST[role]
    assert API_LIST[role] <= VISIBLE[role]  # a list never shows what the detail would refuse


@pytest.mark.parametrize("role", ROLES)
def test_reads_through_the_back_office(province, role):  # noqa: F811
    client = page_client(province.user(role))
    seen = {}
    for place in PLACES:
        code = province.code(place)
        seen[place, "detail"] = client.get(f"/can-bo/ho-so/{code}/").status_code
        seen[place, "file"] = client.get(f"/can-bo/ho-so/{code}/tep/{province.files[place].pk}/").status_code
        seen[place, "form 01"] = client.get(f"/can-bo/ho-so/{code}/mau-01.pdf").status_code
    expected = {}
    for place in PLACES:
        visible = role in STAFF and place in VISIBLE[role]
        verdict = 302 if role == "anonymous" else (200 if visible else 404 if role in STAFF else 403)
        for action in ("detail", "file", "form 01"):
            expected[place, action] = verdict
    assert seen == expected
    if role not in STAFF:
        assert client.get("/can-bo/").status_code == (302 if role == "anonymous" else 403)
        return
    worklist = client.get("/can-bo/")
    buckets = re.findall(r'data-bucket="([a-z-]+)"', worklist.content.decode())
    listed = set()
    for key in buckets:
        page = client.get("/can-bo/", {"ds": key}).content.decode()
        listed |= {p for p in PLACES if province.code(p) in page}
    assert listed == BACKOFFICE_LIST[role]
    assert listed <= VISIBLE[role]
    assert ("giam-sat" in buckets) == role.startswith("supervisor")


@pytest.mark.parametrize("role", ROLES)
def test_reads_through_the_portal(province, role):  # noqa: F811
    client = page_client(province.user(role))
    seen = {}
    for place in PLACES:
        code = province.code(place)
        seen[place, "my page"] = client.get(f"/ho-so/{code}/").status_code
        seen[place, "file"] = client.get(f"/ho-so/{code}/tep/{province.files[place].pk}/").status_code
    expected = {}
    for place in PLACES:
        if role == "anonymous":
            expected[place, "my page"] = expected[place, "file"] = 302
            continue
        expected[place, "my page"] = 200 if role == "owner" else 404  # the applicant's own pages
        expected[place, "file"] = 200 if place in VISIBLE[role] else 404  # owner and staff who see it
    assert seen == expected


@pytest.mark.parametrize("role", ROLES)
def test_request_supplement_through_the_api(province, role):  # noqa: F811
    api = ApiCaller(province.user(role))
    seen = {}
    for place in PLACES:
        d = province.dossiers[place]
        response = api.post(
            f"/api/v1/dossiers/{d.code}/actions/request_supplement",
            {"expected_version": d.version, "reason": "Thiếu bản sao giấy khai sinh"},
        )
        seen[place] = response.status_code
        d.refresh_from_db()
        assert (d.state == "supplement_requested") == (response.status_code == 200)
    assert seen == API_SUPPLEMENT[role]


@pytest.mark.parametrize("role", ROLES)
def test_request_supplement_through_the_back_office(province, role):  # noqa: F811
    client = page_client(province.user(role))
    seen = {}
    for place in PLACES:
        d = province.dossiers[place]
        response = client.post(
            f"/can-bo/ho-so/{d.code}/thao-tac/request_supplement/",
            {"expected_version": d.version, "reason": "Thiếu bản sao giấy khai sinh"},
        )
        seen[place] = response.status_code
        d.refresh_from_db()
        changed = d.state == "supplement_requested"
        assert changed == (response.status_code == 302 and role != "anonymous")
    assert seen == _backoffice_supplement(role)


@pytest.mark.parametrize("role", ROLES)
def test_the_filter_and_the_check_agree(province, role):  # noqa: F811
    """`Visibility.condition()` (for lists) and `Visibility.allows()` (for one dossier) are one rule."""
    visibility = Visibility.of(province.user(role))
    condition = visibility.condition()
    rows = Dossier.objects.none() if condition is None else Dossier.objects.filter(condition)
    filtered = set(rows.values_list("pk", flat=True))
    for place in PLACES:
        dossier = province.dossiers[place]
        assert visibility.allows(dossier) == (place in VISIBLE[role]) == (dossier.pk in filtered)
