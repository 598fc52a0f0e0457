"""A dossier's whole life through the HTTP API alone, with bearer tokens for every actor."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from tests.dossiers.world import PASSWORD, multipart, online_body, pdf, vn

pytestmark = pytest.mark.django_db


def token_for(client: Client, user) -> str:
    response = client.post(
        "/api/v1/auth/token",
        {"username": user.username, "password": PASSWORD},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    return response.json()["token"]


class Caller:
    def __init__(self, user):
        self.client = Client()
        self.headers = {"Authorization": f"Bearer {token_for(self.client, user)}"}

    def get(self, path, **params):
        return self.client.get(path, params, headers=self.headers)

    def post(self, path, body, **headers):
        return self.client.post(
            path, json.dumps(body), content_type="application/json", headers={**self.headers, **headers}
        )

    def post_multipart(self, path, body, files=None, **headers):
        """`body` as the multipart `payload`, with a small PDF per listed component (`world.multipart`)."""
        return self.client.post(path, multipart(body, files), headers={**self.headers, **headers})

    def act(self, code, action, version, **params):
        response = self.post(
            f"/api/v1/dossiers/{code}/actions/{action}", {"expected_version": version, **params}
        )
        assert response.status_code == 200, response.content
        return response.json()["dossier"]


def test_full_life_online_submission_to_status_10(world, fixed_clock):
    citizen, desk, officer, leader, clerk = (
        Caller(u) for u in (world.citizen, world.desk, world.officer, world.leader, world.clerk)
    )
    payload = {
        "procedure": world.procedure.code,
        "competent_agency": world.department.identifier,
        "eform_data": {"ho_ten": "Trần Thị Bình"},
        "components": [{"position": 1}, {"position": 2}],
    }
    upload = SimpleUploadedFile("to-khai.pdf", b"%PDF-1.4 to khai", content_type="application/pdf")
    response = citizen.client.post(
        "/api/v1/dossiers",
        {"payload": json.dumps(payload), "component_1": upload, "component_2": pdf("cccd.pdf")},
        headers={**citizen.headers, "Idempotency-Key": "lan-1"},
    )
    assert response.status_code == 201, response.content
    dossier = response.json()
    code = dossier["code"]
    assert dossier["national_status"] == 1
    assert dossier["components"][0]["files"][0]["name"] == "to-khai.pdf"

    inbox = desk.get("/api/v1/dossiers", state="submitted").json()
    assert [d["code"] for d in inbox["items"]] == [code]

    dossier = desk.act(code, "receive", dossier["version"])
    assert dossier["national_status"] == 2 and dossier["due_at"]
    assert [d["code"] for d in officer.get("/api/v1/dossiers").json()["items"]] == [code]
    dossier = officer.act(code, "forward", dossier["version"], comment="Đủ điều kiện")
    assert dossier["national_status"] == 4 and dossier["current_step"] == "trinh-lanh-dao"
    dossier = leader.act(code, "approve", dossier["version"])
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
    dossier = response.json()["dossier"]
    assert dossier["national_status"] == 9
    dossier = desk.act(code, "return_result", dossier["version"])
    assert dossier["state"] == "returned" and dossier["national_status"] == 10

    events = desk.get(f"/api/v1/dossiers/{code}/events").json()["events"]
    assert [e["action"] for e in events] == [
        "submit",
        "receive",
        "forward",
        "approve",
        "issue_result",
        "return_result",
    ]
    assert [e["national_status"] for e in events] == [1, 2, 4, 4, 9, 10]
    assert events[2]["step_outcome"] in ("early", "on_time")

    public = (
        Client()
        .post(f"/api/v1/dossiers/{code}/lookup", {"id_number": world.applicant.id_number}, "application/json")
        .json()
    )
    assert public["national_status"] == 10
    assert "applicant" not in public and world.applicant.full_name not in json.dumps(public)


def test_supplement_round_trip_through_the_api(world, fixed_clock):
    citizen, desk, officer = Caller(world.citizen), Caller(world.desk), Caller(world.officer)
    response = citizen.post_multipart("/api/v1/dossiers", online_body(world))
    code = response.json()["code"]
    dossier = desk.act(code, "receive", 1)
    due = dossier["due_at"]
    dossier = officer.act(code, "request_supplement", dossier["version"], reason="Thiếu bản sao CCCD")
    assert dossier["national_status"] == 5
    fixed_clock.set(vn(2026, 3, 3, 9, 0))  # a working day later
    upload = SimpleUploadedFile("cccd.jpg", b"\xff\xd8\xff\xe0 jpeg", content_type="image/jpeg")
    response = citizen.client.post(
        f"/api/v1/dossiers/{code}/actions/supplement",
        {"payload": json.dumps({"expected_version": dossier["version"]}), "component_2": upload},
        headers=citizen.headers,
    )
    assert response.status_code == 200, response.content
    dossier = response.json()["dossier"]
    assert dossier["national_status"] == 2
    assert dossier["due_at"] > due  # pushed by one working day
    assert dossier["pauses"][0]["ended_at"]
