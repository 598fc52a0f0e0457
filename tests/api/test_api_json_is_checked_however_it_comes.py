"""The API reads only JSON that core.bad_input checked: a multipart `payload` whatever its first
character, never a body that is not UTF-8, never a body of another content type (415). Control
characters, NUL included, are refused on SQLite and PostgreSQL alike and nothing is stored."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from motcua.dossiers.models import Dossier
from tests.dossiers.world import multipart, online_body

from .test_dossier_full_life import Caller

pytestmark = pytest.mark.django_db

DEEP = "[" * 100_000 + "]" * 100_000


def _pdf():
    return SimpleUploadedFile("a.pdf", b"%PDF-1.4 x", content_type="application/pdf")


def _multipart(caller, payload_text, path="/api/v1/dossiers", positions=(1,)):
    files = {f"component_{p}": _pdf() for p in positions}
    return caller.client.post(path, {"payload": payload_text, **files}, headers=caller.headers)


def _raw(caller, body: bytes, content_type: str, path="/api/v1/dossiers"):
    return caller.client.post(path, body, content_type=content_type, headers=caller.headers)


def _refused(response, status, code):
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/problem+json"
    problem = response.json()
    assert problem["code"] == code
    assert problem["detail"] and problem["detail_en"]
    assert Dossier.objects.count() == 0


@pytest.mark.parametrize("lead", [" ", "\n", "\t", "\r\n  "])
def test_multipart_payload_after_whitespace_gets_the_json_checks(world, fixed_clock, lead):
    citizen = Caller(world.citizen)
    body = online_body(world)
    _refused(_multipart(citizen, lead + '{"summary": ' + DEEP + "}"), 400, "json_too_deep")
    _refused(_multipart(citizen, lead + json.dumps({**body, "summary": "a\x00b"})), 400, "control_character")
    representative = {"name": "A\x07B", "id_number": "", "phone": "", "relation": "x"}
    sent = json.dumps({**body, "representative": representative})
    _refused(_multipart(citizen, lead + sent), 400, "control_character")
    _refused(
        _multipart(citizen, lead + json.dumps({**body, "applicant_id": 10**30})), 400, "number_out_of_range"
    )
    _refused(_multipart(citizen, lead + '{"procedure": NaN}'), 400, "invalid_json")


def test_multipart_payload_after_whitespace_is_still_read(world, fixed_clock):
    citizen = Caller(world.citizen)
    body = online_body(world, summary="Có khoảng trắng")
    positions = [c["position"] for c in body["components"]]
    response = _multipart(citizen, "\n " + json.dumps(body), positions=positions)
    assert response.status_code == 201, response.content
    assert response.json()["summary"] == "Có khoảng trắng"


def test_a_body_that_is_not_utf8_is_invalid_json(world, fixed_clock):
    citizen = Caller(world.citizen)
    good = json.dumps(online_body(world, summary="PLACEHOLDER")).encode()
    with_controls = good.replace(b"PLACEHOLDER", b"x\\u001b[2J\\u0007\\u0000\xff")
    _refused(_raw(citizen, with_controls, "application/json"), 400, "invalid_json")
    _refused(
        _raw(citizen, b'{"x":"\xff", "y":' + DEEP.encode() + b"}", "application/json"), 400, "invalid_json"
    )
    # an action, and UTF-16 (which json.loads would guess) is not UTF-8 either
    action = "/api/v1/dossiers/X/actions/withdraw"
    _refused(
        _raw(citizen, b'{"expected_version": 1, "reason": "\xff"}', "application/json", action),
        400,
        "invalid_json",
    )
    _refused(_raw(citizen, good.decode().encode("utf-16"), "application/json"), 400, "invalid_json")


def test_token_endpoint_refuses_a_body_that_is_not_utf8(world):
    response = Client().post(
        "/api/v1/auth/token", b'{"username":"a\\u0000\xff","password":"x"}', content_type="application/json"
    )
    assert response.status_code == 400, response.content
    assert response["Content-Type"] == "application/problem+json"


@pytest.mark.parametrize(
    "content_type", ["application/x-www-form-urlencoded", "text/plain", "application/xml"]
)
def test_json_under_another_content_type_is_415(world, fixed_clock, content_type):
    citizen = Caller(world.citizen)
    sent = json.dumps(online_body(world)).encode()
    _refused(_raw(citizen, sent, content_type), 415, "unsupported_media_type")
    action = "/api/v1/dossiers/X/actions/withdraw"
    _refused(_raw(citizen, b'{"expected_version": 1}', content_type, action), 415, "unsupported_media_type")


def test_bad_json_under_another_content_type_is_refused(world, fixed_clock):
    citizen = Caller(world.citizen)
    for body, code in (
        ('{"x": ' + DEEP + "}", "json_too_deep"),
        (json.dumps(online_body(world, summary="a\x1b[2J\x07b")), "control_character"),
        (json.dumps(online_body(world, applicant_id=10**40)), "number_out_of_range"),
    ):
        # a form is not JSON-checked by the middleware: the API refuses its type
        form = "application/x-www-form-urlencoded"
        _refused(_raw(citizen, body.encode(), form), 415, "unsupported_media_type")
        # any other type is, before the API sees it
        _refused(_raw(citizen, body.encode(), "text/plain"), 400, code)


def test_nul_is_refused_on_every_database(world, fixed_clock):
    citizen = Caller(world.citizen)
    body = online_body(world, summary="\x00Hồ sơ")
    _refused(citizen.post("/api/v1/dossiers", body), 400, "control_character")
    _refused(_multipart(citizen, " " + json.dumps(body)), 400, "control_character")
    _refused(_raw(citizen, json.dumps(body).encode(), "text/plain"), 400, "control_character")
    form = "application/x-www-form-urlencoded"
    _refused(_raw(citizen, json.dumps(body).encode(), form), 415, "unsupported_media_type")
    response = citizen.client.post(
        "/api/v1/dossiers", multipart(online_body(world, summary="Hồ sơ")), headers=citizen.headers
    )
    assert response.status_code == 201, response.content
