"""What a submission or an action answers (built from what the lifecycle wrote, dossiers/action_view.py)
is exactly what a GET of the same dossier by the same caller answers right after, at every step of a
life. A stranger (another unit's staff, another citizen) gets the same 404 for the dossier as for a
code that does not exist, on the read, the events and an action."""

import json

import pytest
from django.test import Client

from tests.api.test_dossier_full_life import Caller
from tests.dossiers.world import online_body, pdf
from tests.factories.organizations import ApplicantFactory, UserFactory

pytestmark = pytest.mark.django_db


def _same_as_read(caller: Caller, answered: dict) -> dict:
    read = caller.get(f"/api/v1/dossiers/{answered['code']}")
    assert read.status_code == 200, read.content
    assert read.json() == answered
    return answered


def _act(caller: Caller, code: str, action: str, version: int, **params) -> dict:
    return _same_as_read(caller, caller.act(code, action, version, **params))


def test_every_step_answers_what_a_later_read_shows(world, fixed_clock):
    citizen, desk, officer, leader, clerk = (
        Caller(u) for u in (world.citizen, world.desk, world.officer, world.leader, world.clerk)
    )
    response = citizen.post_multipart("/api/v1/dossiers", online_body(world))
    assert response.status_code == 201, response.content
    dossier = _same_as_read(citizen, response.json())
    code = dossier["code"]
    dossier = _act(desk, code, "receive", dossier["version"])
    dossier = _act(officer, code, "request_supplement", dossier["version"], reason="Thiếu bản sao")
    response = citizen.client.post(
        f"/api/v1/dossiers/{code}/actions/supplement",
        {"payload": json.dumps({"expected_version": dossier["version"]}), "component_2": pdf("bo-sung.pdf")},
        headers=citizen.headers,
    )
    assert response.status_code == 200, response.content
    dossier = _same_as_read(citizen, response.json()["dossier"])
    dossier = _act(officer, code, "forward", dossier["version"], comment="Đủ điều kiện")
    dossier = _act(leader, code, "approve", dossier["version"])
    result = {"number": "15/GXN", "signer": "Trần Văn Lãnh", "document_date": "2026-03-02"}
    response = clerk.client.post(
        f"/api/v1/dossiers/{code}/actions/issue_result",
        {
            "payload": json.dumps({"expected_version": dossier["version"], "results": [result]}),
            "result_1": pdf("giay-xac-nhan.pdf"),
        },
        headers=clerk.headers,
    )
    assert response.status_code == 200, response.content
    dossier = _same_as_read(clerk, response.json()["dossier"])
    dossier = _act(desk, code, "return_result", dossier["version"])
    assert dossier["state"] == "returned"


def test_a_desk_registration_answers_what_a_later_read_shows(world, fixed_clock):
    desk = Caller(world.desk)
    body = {
        **online_body(world),
        "channel": "post",
        "applicant_id": world.applicant.pk,
        "receiving_agency": world.centre.identifier,
    }
    response = desk.post("/api/v1/dossiers", body)
    assert response.status_code == 201, response.content
    dossier = _same_as_read(desk, response.json())
    _act(desk, dossier["code"], "receive", dossier["version"])


def test_a_stranger_gets_the_same_404_as_for_a_code_that_does_not_exist(world, fixed_clock):
    citizen = Caller(world.citizen)
    response = citizen.post_multipart("/api/v1/dossiers", online_body(world))
    code = response.json()["code"]
    other_citizen = UserFactory()
    ApplicantFactory(user=other_citizen)
    missing = code[:-3] + ("999" if not code.endswith("999") else "998")
    for stranger in (world.other_desk, world.other_officer, other_citizen):
        caller = Caller(stranger)
        for path in (f"/api/v1/dossiers/{code}", f"/api/v1/dossiers/{code}/events"):
            real = caller.get(path)
            fake = caller.get(path.replace(code, missing))
            assert real.status_code == 404, (stranger.username, path, real.content)
            assert real.json() == fake.json()
        real = caller.post(f"/api/v1/dossiers/{code}/actions/receive", {"expected_version": 1})
        fake = caller.post(f"/api/v1/dossiers/{missing}/actions/receive", {"expected_version": 1})
        assert real.status_code == fake.status_code == 404, (real.content, fake.content)
        assert real.json() == fake.json()
    # without any credentials: 401, never the dossier
    assert Client().get(f"/api/v1/dossiers/{code}").status_code == 401
