"""The e-result of a returned dossier is in its applicant's store; in a second dossier the applicant
names it for a component instead of uploading: the component carries the document's file (through the
intake), is recorded as reused (`DuocTaiSuDung` in the national record), and the applicant sees who
used which document when."""

import pytest

from motcua.dossiers.models import DossierEvent, DossierFile
from motcua.integrations.national_portal.records import dossier_record
from motcua.store.models import DocumentUse, StoredDocument
from tests.api.test_dossier_full_life import Caller
from tests.dossiers.world import mandatory_positions, multipart, online_body, pdf

from .world import store_world

pytestmark = pytest.mark.django_db


def test_reuse_of_a_stored_document_in_a_second_dossier_without_uploading(fixed_clock, media_root):
    world = store_world()
    (stored,) = StoredDocument.objects.filter(applicant=world.applicant)
    assert (stored.name, stored.number, stored.source) == ("Bản sao CCCD", "15/GXN", "e_result")
    assert stored.source_dossier == world.first and stored.issuer == world.department.name

    citizen = Caller(world.citizen)
    positions = mandatory_positions(world)
    reused, uploaded = positions[-1], positions[:-1]
    body = online_body(
        world,
        components=[{"position": p} for p in uploaded] + [{"position": reused, "store_document": stored.pk}],
    )
    response = citizen.client.post(
        "/api/v1/dossiers",
        multipart(body, {p: [pdf(f"tp-{p}.pdf")] for p in uploaded}),
        headers=citizen.headers,
    )
    assert response.status_code == 201, response.content
    code = response.json()["code"]
    component = next(c for c in response.json()["components"] if c["position"] == reused)
    assert component["reused_from_store"] is True

    file = DossierFile.objects.get(component__dossier__code=code, component__position=reused)
    assert file.sha256 == stored.sha256  # the same document, not an upload
    use = DocumentUse.objects.get(document=stored)
    assert (use.dossier.code, use.position, use.used_by) == (code, reused, world.citizen)
    event = DossierEvent.objects.get(dossier__code=code, action="submit")
    assert event.data["reused_from_store"] == [reused]
    record = dossier_record(event)
    # TaiLieuNop is one entry per file, naming its component (MaThanhPhanHoSo, TenThanhPhanHoSo); only the
    # reused component's file is flagged
    flagged = [c for c in record["TaiLieuNop"] if c["DuocTaiSuDung"] == "1"]
    assert [(c["MaThanhPhanHoSo"], c["TenThanhPhanHoSo"], c["TenTepDinhKem"]) for c in flagged] == [
        (str(reused), component["name"], file.original_name)
    ]
    assert {c["MaThanhPhanHoSo"] for c in record["TaiLieuNop"]} >= {str(p) for p in uploaded}

    listed = citizen.get("/api/v1/store").json()
    assert listed[0]["uses"][0]["dossier"] == code and listed[0]["uses"][0]["used_by"]
    citizen.client.force_login(world.citizen)  # the page takes a session
    page = citizen.client.get("/kho-giay-to/").content.decode()
    assert code in page and "Bản sao CCCD" in page
