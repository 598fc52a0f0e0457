"""'²'.isdigit() is True but int('²') fails: wherever a number is read from text (worklist cursor,
agency references, file part names, the back office's transfer form) only ASCII digits count, and
anything else is a 4xx, never a 500."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from motcua.dossiers.models import Dossier
from tests.dossiers.world import online_body, receive

from .test_dossier_full_life import Caller

pytestmark = pytest.mark.django_db

ODD_DIGITS = [
    "\u00b2",
    "\u2460",
    "\u0663",
    "\uff11",
]  # superscript two, circled one, Arabic-Indic three, full-width one


def _problem(response, status=None):
    assert 400 <= response.status_code < 500, response.content
    if status is not None:
        assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/problem+json"
    return response.json()


@pytest.mark.parametrize("digit", ODD_DIGITS)
def test_worklist_cursor_of_other_digits_is_422(world, fixed_clock, digit):
    assert (
        _problem(Caller(world.citizen).get("/api/v1/dossiers", cursor=digit), 422)["code"] == "invalid_cursor"
    )


@pytest.mark.parametrize("digit", ODD_DIGITS)
def test_agency_references_of_other_digits_are_unknown(world, fixed_clock, digit):
    citizen = Caller(world.citizen)
    for field in ("receiving_agency", "competent_agency"):
        response = citizen.post("/api/v1/dossiers", online_body(world, **{field: digit}))
        assert _problem(response)["code"] == "unknown_agency"
    assert Dossier.objects.count() == 0
    dossier = receive(world)
    response = Caller(world.desk).post(
        f"/api/v1/dossiers/{dossier.code}/actions/transfer",
        {"expected_version": dossier.version, "competent_agency": digit},
    )
    assert _problem(response)["code"] == "unknown_agency"
    assert Dossier.objects.get(pk=dossier.pk).version == dossier.version


def test_back_office_transfer_to_other_digits_is_refused(client, world, fixed_clock):
    dossier = receive(world)
    client.force_login(world.desk)
    response = client.post(
        f"/can-bo/ho-so/{dossier.code}/thao-tac/transfer/",
        {"expected_version": dossier.version, "competent_agency": "\u00b2"},
    )
    assert response.status_code in (200, 302, 400, 422), response.status_code
    refreshed = Dossier.objects.get(pk=dossier.pk)
    assert (refreshed.version, refreshed.competent_agency_id) == (
        dossier.version,
        dossier.competent_agency_id,
    )


@pytest.mark.parametrize(
    ("path", "part"),
    [
        ("/api/v1/dossiers", "component_\u00b2"),
        ("/api/v1/dossiers/X/actions/supplement", "component_\u2460"),
        ("/api/v1/dossiers/X/actions/issue_result", "result_\u00b2"),
        ("/api/v1/dossiers/X/actions/issue_result", "result_\uff11"),
    ],
)
def test_file_parts_numbered_with_other_digits_are_422(world, fixed_clock, path, part):
    caller = Caller(world.citizen)
    upload = SimpleUploadedFile("a.pdf", b"%PDF-1.4 x", content_type="application/pdf")
    response = caller.client.post(
        path, {"payload": json.dumps({"expected_version": 1}), part: upload}, headers=caller.headers
    )
    problem = _problem(response, 422)
    assert problem["code"] == "invalid_input"
    assert part in problem["detail"]


def test_a_content_length_of_other_digits_is_400(world):
    response = Client().generic(
        "POST", "/api/v1/auth/token", b"{}", "application/json", CONTENT_LENGTH="\u00b2"
    )
    assert _problem(response, 400)["code"] == "bad_content_length"
