"""The dossier API's refusals: problem+json in both languages, never a 500 for bad input."""

import json

import pytest
from django.test import Client

from motcua.dossiers.models import ApiToken
from tests.dossiers.world import online_body

from .test_dossier_full_life import Caller

pytestmark = pytest.mark.django_db


def _problem(response, status, code=None):
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["detail"] and body["detail_en"]
    if code:
        assert body["code"] == code
    return body


def _submit(caller, world, **extra):
    return caller.post_multipart("/api/v1/dossiers", online_body(world, **extra))


def test_stale_version_is_409(world, fixed_clock):
    citizen, desk = Caller(world.citizen), Caller(world.desk)
    code = _submit(citizen, world).json()["code"]
    desk.act(code, "receive", 1)
    body = _problem(
        desk.post(
            f"/api/v1/dossiers/{code}/actions/request_supplement", {"expected_version": 1, "reason": "x"}
        ),
        409,
        "version_conflict",
    )
    assert body["current_version"] == 2


def test_wrong_role_is_403_and_wrong_state_409(world, fixed_clock):
    citizen, officer, desk = Caller(world.citizen), Caller(world.officer), Caller(world.desk)
    code = _submit(citizen, world).json()["code"]
    _problem(
        citizen.post(f"/api/v1/dossiers/{code}/actions/receive", {"expected_version": 1}), 403, "forbidden"
    )
    _problem(desk.post(f"/api/v1/dossiers/{code}/actions/return_result", {"expected_version": 1}), 409)
    # an officer of the competent agency sees the dossier, but cannot receive it
    _problem(officer.post(f"/api/v1/dossiers/{code}/actions/receive", {"expected_version": 1}), 403)


def test_strangers_do_not_learn_that_a_dossier_exists(world, fixed_clock):
    code = _submit(Caller(world.citizen), world).json()["code"]
    stranger = Caller(world.other_officer)
    _problem(stranger.get(f"/api/v1/dossiers/{code}"), 404, "dossier_not_found")
    _problem(stranger.post(f"/api/v1/dossiers/{code}/actions/withdraw", {"expected_version": 1}), 404)
    # not even a stale version or a wrong state gives it away
    _problem(stranger.post(f"/api/v1/dossiers/{code}/actions/withdraw", {"expected_version": 9}), 404)
    _problem(stranger.post(f"/api/v1/dossiers/{code}/actions/return_result", {"expected_version": 1}), 404)
    _problem(stranger.post("/api/v1/dossiers/KHONG-CO/actions/withdraw", {"expected_version": 1}), 404)
    _problem(Client().get(f"/api/v1/dossiers/{code}"), 401)
    _problem(
        Client().post(f"/api/v1/dossiers/{code}/lookup", {"id_number": "079000000000"}, "application/json"),
        404,
    )


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"procedure": "9.999999"},
        {"procedure": "x", "channel": "fax"},
        {"procedure": "x", "eform_data": []},
        {"procedure": "x", "components": [{"position": "một"}]},
        {"procedure": "x", "unknown": 1},
        {"procedure": "x", "return_channel": "post"},  # post without an address
        {"procedure": "x", "return_channel": "pigeon"},
    ],
)
def test_bad_submissions_are_4xx_problems(world, fixed_clock, body):
    citizen = Caller(world.citizen)
    if body.get("procedure") == "x":
        body = {**body, "procedure": world.procedure.code, "competent_agency": world.department.identifier}
    response = citizen.post("/api/v1/dossiers", body)
    assert 400 <= response.status_code < 500
    _problem(response, response.status_code)


def test_the_requested_result_channel_is_stored_and_shown(world, fixed_clock):
    citizen = Caller(world.citizen)
    response = _submit(citizen, world, return_channel="post", return_address="Số 5 Điện Biên Phủ, Hải Phòng")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["requested_return_channel"] == "post"
    assert body["return_address"] == "Số 5 Điện Biên Phủ, Hải Phòng"
    assert body["return_channel"] == ""  # not returned yet


def test_bad_bodies_and_unknown_actions(world, fixed_clock):
    citizen = Caller(world.citizen)
    code = _submit(citizen, world).json()["code"]
    response = citizen.client.post(
        "/api/v1/dossiers", "{not json", content_type="application/json", headers=citizen.headers
    )
    _problem(response, 400, "invalid_json")
    _problem(
        citizen.post(f"/api/v1/dossiers/{code}/actions/fly", {"expected_version": 1}), 404, "unknown_action"
    )
    _problem(citizen.post(f"/api/v1/dossiers/{code}/actions/withdraw", {}), 422, "invalid_input")
    _problem(citizen.post(f"/api/v1/dossiers/{code}/actions/withdraw", {"expected_version": "một"}), 422)
    _problem(citizen.get("/api/v1/dossiers", cursor="abc"), 422)
    _problem(citizen.get("/api/v1/dossiers", state="flying"), 422)


def test_idempotency_key_returns_the_same_dossier_over_http(world, fixed_clock):
    citizen = Caller(world.citizen)
    first = _submit(citizen, world, **{})
    body = online_body(world)
    a = citizen.post_multipart("/api/v1/dossiers", body, **{"Idempotency-Key": "k-1"})
    b = citizen.post_multipart("/api/v1/dossiers", body, **{"Idempotency-Key": "k-1"})
    assert (a.status_code, b.status_code) == (201, 200)
    assert a.json()["code"] == b.json()["code"] != first.json()["code"]


def test_tokens_are_hashed_and_revocable(world, fixed_clock):
    client = Client()
    _problem(
        client.post(
            "/api/v1/auth/token",
            {"username": world.desk.username, "password": "sai"},
            content_type="application/json",
        ),
        401,
        "invalid_credentials",
    )
    desk = Caller(world.desk)
    token = desk.headers["Authorization"].split()[1]
    assert not ApiToken.objects.filter(key_hash=token).exists()
    assert desk.get("/api/v1/dossiers").status_code == 200
    assert desk.client.delete("/api/v1/auth/token", headers=desk.headers).status_code == 204
    _problem(desk.get("/api/v1/dossiers"), 401)


def test_session_login_works_without_a_token(world, fixed_clock):
    client = Client()
    client.force_login(world.desk)
    assert client.get("/api/v1/dossiers").status_code == 200


def test_worklist_pages_with_a_cursor_and_filters(world, fixed_clock):
    citizen, desk = Caller(world.citizen), Caller(world.desk)
    codes = [_submit(citizen, world).json()["code"] for _ in range(5)]
    page = desk.get("/api/v1/dossiers", limit=2).json()
    seen = [d["code"] for d in page["items"]]
    while page["next_cursor"]:
        page = desk.get("/api/v1/dossiers", limit=2, cursor=page["next_cursor"]).json()
        seen += [d["code"] for d in page["items"]]
    assert seen == list(reversed(codes))
    desk.act(codes[0], "receive", 1)
    assert [d["code"] for d in desk.get("/api/v1/dossiers", state="received").json()["items"]] == []
    officer = Caller(world.officer)
    items = officer.get("/api/v1/dossiers", step="thu-ly", procedure=world.procedure.code).json()["items"]
    assert [d["code"] for d in items] == [codes[0]]
    assert officer.get("/api/v1/dossiers", due_before="2026-03-01T00:00:00+07:00").json()["items"] == []
    assert [d["code"] for d in citizen.get("/api/v1/dossiers").json()["items"]] == list(reversed(codes))
    json.dumps(page)
