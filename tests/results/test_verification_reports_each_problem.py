"""`POST /api/v1/verify` (and the service behind it) answers exactly
{valid, intact, signer, signed_at, issued_here, dossier, reason}: a document this system signed and
issued is valid and on record; a tampered PDF, one signed by an unknown certificate and a non-PDF
are invalid, each with its reason in Vietnamese and English."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from motcua.dossiers.models import DossierResult
from motcua.results import devca, keys, signing, verification
from motcua.results.models import SigningCertificate
from tests.dossiers.world import act
from tests.factories.signing import real_pdf_bytes

from .world import signed_result, signing_world

pytestmark = pytest.mark.django_db
KEYS = {"valid", "intact", "signer", "signed_at", "issued_here", "dossier", "reason"}


def _post(data: bytes, name="ket-qua.pdf"):
    return Client().post("/api/v1/verify", {"file": SimpleUploadedFile(name, data)})


@pytest.fixture
def issued(fixed_clock, media_root):
    world = signing_world()
    dossier, doc = signed_result(world, signer="Trần Văn Lãnh")
    dossier = act(dossier, "issue_result", world.clerk, results=[{"signed": doc.pk}])
    return dossier, doc.file.read()


def test_the_issued_signed_result_is_valid_and_on_record(issued):
    dossier, data = issued
    response = _post(data)
    assert response.status_code == 200
    body = response.json()
    assert set(body) == KEYS
    assert body["valid"] and body["intact"] and body["issued_here"]
    assert body["dossier"] == dossier.code and body["reason"] is None
    assert body["signer"] and body["signed_at"]
    result = DossierResult.objects.get(dossier=dossier)
    by_id = Client().post(
        "/api/v1/verify", {"code": dossier.code, "result": result.pk}, content_type="application/json"
    )
    assert by_id.json() == body


def test_a_tampered_pdf_is_invalid(issued):
    _dossier, data = issued
    # change one character of the signed content (the page's text stream is inside the signed range)
    at = data.index(b"/Type /Page") if b"/Type /Page" in data else len(data) // 3
    tampered = data[:at] + data[at:].replace(b"/Type /Page", b"/Type /Pagf", 1)
    body = _post(tampered).json()
    assert set(body) == KEYS
    assert body["valid"] is False and body["intact"] is False and body["issued_here"] is False
    assert "đã bị thay đổi sau khi ký" in body["reason"] and "changed after it was signed" in body["reason"]


def test_an_update_appended_after_signing_is_invalid(issued):
    from pyhanko.pdf_utils.generic import pdf_string
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    _dossier, data = issued
    writer = IncrementalPdfFileWriter(io.BytesIO(data))
    writer.root["/Lang"] = pdf_string("en")  # an innocent-looking incremental update of the catalogue
    writer.update_root()
    out = io.BytesIO()
    writer.write(out)
    body = _post(out.getvalue()).json()
    assert body["valid"] is False and body["intact"] is True
    assert "sửa đổi, bổ sung sau khi ký" in body["reason"] and "modified after signing" in body["reason"]


def test_a_pdf_signed_by_an_unknown_certificate_is_invalid(fixed_clock, media_root):
    world = signing_world()
    stranger = devca.issue(devca.make_ca("CA lạ"), "Cơ quan lạ")
    row = SigningCertificate(  # never saved: its root is not one the province configured
        certificate_pem=keys._pem(stranger.certificate),
        chain_pem="".join(keys._pem(c) for c in stranger.chain),
        key_encrypted=keys.encrypt(stranger.key_der),
    )
    signed = signing.sign_pdf(real_pdf_bytes(), row, signer_name="Người lạ", agency_name="Cơ quan lạ")
    body = _post(signed.data).json()
    assert body["valid"] is False and body["intact"] is True and body["issued_here"] is False
    assert body["signer"] == "Cơ quan lạ"
    assert (
        "không thuộc tổ chức" in body["reason"] and "does not chain to a trusted authority" in body["reason"]
    )
    assert world.department.pk  # the trusted roots exist (the department's CA), the stranger's is not one


def test_a_non_pdf_is_invalid():
    body = _post(b"MZ\x90\x00\x03\x00\x00\x00 a Windows program", "ket-qua.pdf").json()
    assert set(body) == KEYS
    assert body["valid"] is False and body["intact"] is False
    assert body["reason"] == verification.NOT_PDF
    assert "không phải PDF" in body["reason"] and "not a PDF" in body["reason"]


def test_an_unsigned_pdf_is_invalid():
    body = _post(real_pdf_bytes()).json()
    assert body["valid"] is False and "không có chữ ký số" in body["reason"]


def test_a_request_without_file_or_code_is_a_clear_422():
    response = Client().post("/api/v1/verify", {})
    assert response.status_code == 422
    assert response.json()["detail"].startswith("Gửi tệp PDF")


def test_an_unknown_result_id_is_invalid_not_an_error():
    response = Client().post(
        "/api/v1/verify", {"code": "KHONG-CO", "result": 999}, content_type="application/json"
    )
    assert response.status_code == 200 and response.json()["valid"] is False
    assert response.json()["reason"] == verification.NOT_FOUND
