import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from motcua.dossiers.models import DossierResult
from tests.dossiers.world import FixedClock, act, make_world, receive, vn

from .test_dossier_full_life import Caller

pytestmark = pytest.mark.django_db


def test_clerk_attaches_the_signed_result_file():
    FixedClock(vn(2026, 3, 2, 9, 0))
    world = make_world()
    dossier = act(act(receive(world), "forward", world.officer), "approve", world.leader)
    clerk = Caller(world.clerk)
    result = {
        "name": "Giấy xác nhận",
        "number": "7/GXN",
        "signer": "Trần Văn Lãnh",
        "document_date": "2026-03-02",
    }
    payload = {"expected_version": dossier.version, "results": [result]}
    signed = SimpleUploadedFile("ket-qua.pdf", b"%PDF-1.7 signed", content_type="application/pdf")
    response = clerk.client.post(
        f"/api/v1/dossiers/{dossier.code}/actions/issue_result",
        {"payload": json.dumps(payload), "result_1": signed},
        headers=clerk.headers,
    )
    assert response.status_code == 200, response.content
    body = response.json()["dossier"]
    assert body["national_status"] == 9
    stored = DossierResult.objects.get(dossier__code=dossier.code)
    assert body["results"] == [
        {
            "id": stored.pk,
            "name": "Giấy xác nhận",
            "number": "7/GXN",
            "signer": "Trần Văn Lãnh",
            "document_date": "2026-03-02",
            "issued_at": body["results"][0]["issued_at"],
            "is_electronic": True,
            "download_url": f"/api/v1/dossiers/{dossier.code}/results/{stored.pk}/file",
        }
    ]
    assert stored.file.read() == b"%PDF-1.7 signed"
    download = clerk.client.get(body["results"][0]["download_url"], headers=clerk.headers)
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content) == b"%PDF-1.7 signed"


def test_files_on_an_action_that_takes_none_are_refused():
    FixedClock(vn(2026, 3, 2, 9, 0))
    world = make_world()
    dossier = receive(world)
    officer = Caller(world.officer)
    response = officer.client.post(
        f"/api/v1/dossiers/{dossier.code}/actions/forward",
        {
            "payload": json.dumps({"expected_version": dossier.version}),
            "component_1": SimpleUploadedFile("a", b"a"),
        },
        headers=officer.headers,
    )
    assert response.status_code == 422
