"""An Idempotency-Key names one request: sent again with the same body it returns the first dossier
(200); with another body (e-form, component, file bytes) it is refused (422), nothing is created."""

import json

from django.core.files.uploadedfile import SimpleUploadedFile

from motcua.dossiers.models import Dossier, IdempotencyKey

from .doors import BIRTH_FORM, problem
from .world import pdf

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_same_key_same_body_replays_and_another_body_is_refused(doors):
    first = doors.api_submit(key="nop-1")
    assert first.status_code == 201, first.content
    again = doors.api_submit(key="nop-1")
    assert again.status_code == 200 and again.json()["code"] == first.json()["code"]
    other = doors.api_submit(key="nop-1", eform_data={**BIRTH_FORM, "ho_ten": "Trần Minh Bảo"})
    body = problem(other, 422, "idempotency_key_reused")
    assert "Idempotency-Key" in body["detail"] and "different request body" in body["detail_en"]
    assert Dossier.objects.count() == 1
    assert len(IdempotencyKey.objects.get().fingerprint) == 64


def _multipart(doors, key: str, content: bytes):
    payload = doors.body()
    upload = SimpleUploadedFile("to-khai.pdf", content, content_type="application/pdf")
    return doors.citizen.client.post(
        "/api/v1/dossiers",
        {
            "payload": json.dumps(payload),
            "component_1": upload,
            "component_2": pdf("giay-chung-sinh.pdf"),
            "component_3": pdf("cccd.pdf"),
        },
        headers={**doors.citizen.headers, "Idempotency-Key": key},
    )


def test_the_files_bytes_are_part_of_the_body(doors):
    first = _multipart(doors, "tep-1", PDF)
    assert first.status_code == 201, first.content
    assert _multipart(doors, "tep-1", PDF).status_code == 200
    problem(_multipart(doors, "tep-1", PDF + b"% sua\n"), 422, "idempotency_key_reused")
    assert Dossier.objects.count() == 1


def test_a_key_stored_before_fingerprints_still_replays(doors):
    first = doors.api_submit(key="cu")
    IdempotencyKey.objects.update(fingerprint="")
    replay = doors.api_submit(key="cu", summary="khác")
    assert replay.status_code == 200 and replay.json()["code"] == first.json()["code"]
