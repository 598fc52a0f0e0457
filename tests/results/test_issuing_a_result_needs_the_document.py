"""`issue_result` refuses, where the procedure's result is a document, a result without number, date,
signer or file — whatever the door — and writes nothing; a renamed executable is refused as a result
by the intake (content, not name); `return_result` on the electronic channel refuses without an
e-result."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from motcua.catalog.models import Result
from motcua.dossiers import intake, lifecycle
from motcua.dossiers.models import Dossier, DossierResult
from motcua.results.issuing import EResultRequired, ResultDocumentRequired
from tests.api.test_dossier_full_life import Caller
from tests.dossiers.world import act, issued, make_world, pdf

from .world import approved

pytestmark = pytest.mark.django_db
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00 This program cannot be run in DOS mode."


@pytest.fixture
def ready(fixed_clock, media_root):
    world = make_world()
    return world, approved(world)


def _unchanged(dossier):
    after = Dossier.objects.get(pk=dossier.pk)
    assert (after.state, after.version) == ("approved", dossier.version)
    assert not DossierResult.objects.filter(dossier=dossier).exists()


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"number": "15/GXN"},
        {"results": [{"number": "15/GXN", "signer": "Trần Văn Lãnh", "document_date": "2026-03-02"}]},
        {"results": [{"number": "15/GXN", "file": pdf()}]},
    ],
    ids=["nothing", "number_only", "no_file", "no_signer_no_date"],
)
def test_issue_result_without_the_document_is_refused(ready, params):
    world, dossier = ready
    with pytest.raises(ResultDocumentRequired) as refused:
        lifecycle.perform(dossier, "issue_result", world.clerk, dossier.version, **params)
    assert refused.value.status == 422 and refused.value.code == "result_document_required"
    assert "cần số, ký hiệu, ngày ban hành, người ký và tệp PDF" in refused.value.message_vi
    assert "needs a number, a date, a signer and a PDF file" in refused.value.message_en
    _unchanged(dossier)


def test_the_api_gives_the_same_refusal(ready):
    world, dossier = ready
    clerk = Caller(world.clerk)
    response = clerk.post(
        f"/api/v1/dossiers/{dossier.code}/actions/issue_result",
        {"expected_version": dossier.version, "number": "15/GXN"},
    )
    assert response.status_code == 422 and response.json()["code"] == "result_document_required"
    assert response.json()["missing"] == [{"index": 1, "fields": ["document_date", "signer", "file"]}]
    _unchanged(dossier)


def test_a_renamed_executable_is_refused_as_a_result(ready):
    world, dossier = ready
    clerk = Caller(world.clerk)
    fields = {"number": "15/GXN", "signer": "Trần Văn Lãnh", "document_date": "2026-03-02"}
    response = clerk.client.post(
        f"/api/v1/dossiers/{dossier.code}/actions/issue_result",
        {
            "payload": json.dumps({"expected_version": dossier.version, "results": [fields]}),
            "result_1": SimpleUploadedFile("ket-qua.pdf", EXE, content_type="application/pdf"),
        },
        headers=clerk.headers,
    )
    assert response.status_code == 422, response.content
    assert response.json()["code"] == "file_type_not_allowed"
    assert "không phải PDF" in response.json()["detail"]
    _unchanged(dossier)
    with pytest.raises(intake.FileTypeNotAllowed):  # nor can a leader sign it
        lifecycle.perform(
            dossier,
            "sign_result",
            world.leader,
            dossier.version,
            number="1",
            file=SimpleUploadedFile("a.pdf", EXE),
        )


def test_a_complete_document_is_issued(ready):
    world, dossier = ready
    dossier = act(dossier, "issue_result", world.clerk, **issued("15/GXN"))
    row = DossierResult.objects.get(dossier=dossier)
    assert (row.number, row.signer, row.document_date.isoformat()) == (
        "15/GXN",
        "Trần Văn Lãnh",
        "2026-03-02",
    )
    assert row.file and len(row.sha256) == 64


def test_electronic_return_without_an_e_result_is_refused(ready):
    world, dossier = ready
    Result.objects.update(is_document=False)  # a procedure whose result is not a document
    dossier = act(dossier, "issue_result", world.clerk)
    with pytest.raises(EResultRequired) as refused:
        lifecycle.perform(dossier, "return_result", world.desk, dossier.version, return_channel="electronic")
    assert refused.value.code == "e_result_required"
    assert Dossier.objects.get(pk=dossier.pk).state == "result_ready"
    dossier = act(dossier, "return_result", world.desk, return_channel="desk")  # paper is still possible
    assert dossier.state == "returned"
