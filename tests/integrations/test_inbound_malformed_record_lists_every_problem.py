"""A malformed forwarded record is refused with 422 listing EVERY problem (field path, code, Vietnamese
and English), and nothing is created: no dossier, no applicant, no file on disk."""

import base64

from motcua.dossiers.models import Dossier, DossierEvent, OutboxMessage
from motcua.integrations.models import ExternalDossier
from motcua.organizations.models import Applicant
from tests.factories.national_records import new_dossier_record
from tests.integrations.inbound import integration_token, post_record, stored_files


def _nothing_created(media_root, applicants_before):
    assert not Dossier.objects.exists() and not DossierEvent.objects.exists()
    assert not OutboxMessage.objects.exists() and not ExternalDossier.objects.exists()
    assert Applicant.objects.count() == applicants_before
    assert stored_files(media_root) == []


def test_every_problem_is_listed(client, world, fixed_clock, media_root):
    _, token = integration_token()
    before = Applicant.objects.count()
    record = new_dossier_record(world, "mã có dấu cách")
    record.update(
        {
            "MaTTHC": "9.999999",
            "SoGiayToChuHoSo": "12345",
            "Email": "khong-phai-email",
            "DonViXuLy": "999.99.99.H00",
            "NgayNopHoSo": "20260302253000",  # hour 25
            "TrangThaiHoSo": "9",
        }
    )
    record["TaiLieuNop"][0]["NoiDungTep"] = "không phải base64!"
    record["DanhSachLePhi"] = [{"TenPhiLePhi": "Lệ phí", "Gia": -5}]

    response = post_record(client, token, record)

    assert response.status_code == 422, response.content
    body = response.json()
    assert body["code"] == "invalid_record"
    fields = {p["field"] for p in body["problems"]}
    assert {
        "MaHoSo",
        "MaTTHC",
        "SoGiayToChuHoSo",
        "Email",
        "DonViXuLy",
        "NgayNopHoSo",
        "TrangThaiHoSo",
        "TaiLieuNop[0].NoiDungTep",
        "DanhSachLePhi[0].Gia",
    } <= fields
    assert all(p["message"] and p["message_en"] and p["code"] for p in body["problems"])
    assert "yyyyMMddHHmmss" in body["detail"] and "yyyyMMddHHmmss" in body["detail_en"]
    _nothing_created(media_root, before)


def test_every_bad_file_is_listed_and_none_stored(client, world, fixed_clock, media_root):
    _, token = integration_token()
    before = Applicant.objects.count()
    record = new_dossier_record(world, "G22.99-260302-0200")
    for item in record["TaiLieuNop"]:
        item["NoiDungTep"] = base64.b64encode(b"MZ\x90\x00 this is an executable").decode()

    response = post_record(client, token, record)

    assert response.status_code == 422
    fields = [p["field"] for p in response.json()["problems"]]
    assert fields == [f"TaiLieuNop[{i}].NoiDungTep" for i in range(len(record["TaiLieuNop"]))]
    _nothing_created(media_root, before)


def test_a_lifecycle_refusal_creates_nothing_either(client, world, fixed_clock, media_root):
    """One mandatory component's file missing: the lifecycle's completeness check refuses it after the
    other files were checked — no row, no file left behind."""
    _, token = integration_token()
    before = Applicant.objects.count()
    record = new_dossier_record(world, "G22.99-260302-0201")
    record["TaiLieuNop"] = record["TaiLieuNop"][:1]

    response = post_record(client, token, record)

    assert response.status_code == 422 and response.json()["code"] == "components_missing"
    assert response.json()["problems"][0]["message_en"]
    _nothing_created(media_root, before)


def test_a_record_that_is_not_new_is_refused(client, world, fixed_clock, media_root):
    _, token = integration_token()
    record = new_dossier_record(
        world, "G22.99-260302-0202", NgayTiepNhan="20260302090000", KenhThucHien="1", TrangThaiHoSo="4"
    )
    response = post_record(client, token, record)
    assert response.status_code == 422
    assert {"NgayTiepNhan", "KenhThucHien", "TrangThaiHoSo"} <= {
        p["field"] for p in response.json()["problems"]
    }
    assert not Dossier.objects.exists()
