"""A component "taken from the e-document store" counts only when the claim can be verified
(`submission.verify_reuse`). An applicant's bare claim (naming no document of their store) is refused
at every door with 422 `reuse_not_verifiable` — never ignored, nothing stored — while a desk officer,
who looked the document up in the national databases, may declare it and the event names them.
Reuse that names a document of the applicant's own store: tests/store/."""

import pytest

from motcua.dossiers import lifecycle, submission
from motcua.dossiers.models import Dossier, DossierFile
from motcua.dossiers.submission import ReuseNotVerifiable

from .doors import problem
from .world import pdf

VI = "Không xác minh được giấy tờ lấy từ kho dữ liệu; hãy chọn giấy tờ trong kho của mình hoặc tải tệp lên."
EN = (
    "The document taken from a data store cannot be verified; choose one from your own store or upload "
    "the file."
)


def stored_files(media_root) -> list:
    return [p for p in media_root.rglob("*") if p.is_file()] if media_root.exists() else []


def assert_refused(response) -> dict:
    body = problem(response, 422, "reuse_not_verifiable")
    assert body["detail"] == VI and body["detail_en"] == EN
    return body


def test_an_applicant_claiming_reuse_in_a_json_body_is_refused(doors, settings):
    claims = [{"position": p, "reused_from_store": True} for p in (1, 2, 3)]
    body = assert_refused(doors.citizen.post("/api/v1/dossiers", doors.body(components=claims)))
    assert body["positions"] == [1, 2, 3]
    assert not Dossier.objects.exists()


def test_an_applicant_claiming_reuse_beside_real_files_is_refused_and_no_file_is_kept(doors, settings):
    components = [{"position": 1}, {"position": 2}, {"position": 3, "reused_from_store": True}]
    files = {1: [pdf("to-khai.pdf")], 2: [pdf("giay-chung-sinh.pdf")]}
    body = assert_refused(doors.api_submit(files=files, components=components))
    assert body["positions"] == [3]
    assert not Dossier.objects.exists() and not DossierFile.objects.exists()
    assert stored_files(settings.MEDIA_ROOT) == []


def test_the_same_refusal_through_perform(doors, settings):
    w = doors.world
    components = [
        {"position": 1, "files": [pdf("to-khai.pdf")]},
        {"position": 2, "files": [pdf("giay-chung-sinh.pdf")], "reused_from_store": True},
        {"position": 3, "files": [pdf("cccd.pdf")]},
    ]
    with pytest.raises(ReuseNotVerifiable) as refused:
        lifecycle.perform(None, "submit", w.citizen, **{**doors.body(), "components": components})
    assert refused.value.status == 422 and refused.value.code == "reuse_not_verifiable"
    assert (refused.value.message_vi, refused.value.message_en) == (VI, EN)
    assert not Dossier.objects.exists() and stored_files(settings.MEDIA_ROOT) == []


def test_an_applicant_cannot_claim_reuse_in_a_supplement_either(doors):
    code = doors.api_submit().json()["code"]
    dossier = Dossier.objects.get(code=code)
    dossier = lifecycle.perform(dossier, "request_supplement", doors.world.desk, 1, reason="Thiếu CCCD")
    with pytest.raises(ReuseNotVerifiable):
        lifecycle.perform(
            dossier, "supplement", doors.world.citizen, dossier.version,
            components=[{"position": 3, "reused_from_store": True}],
        )  # fmt: skip
    dossier.refresh_from_db()
    assert (
        dossier.state == "supplement_requested" and not dossier.components.get(position=3).reused_from_store
    )


def test_a_desk_officer_registering_a_postal_dossier_may_declare_reuse_and_is_named(doors):
    components = [{"position": 1}, {"position": 2, "reused_from_store": True}, {"position": 3}]
    response = doors.api_desk_register(components=components)
    assert response.status_code == 201, response.content
    dossier = Dossier.objects.get(code=response.json()["code"])
    assert [c.reused_from_store for c in dossier.components.order_by("position")] == [False, True, False]
    event = dossier.events.get()
    assert event.actor == doors.world.desk and event.data["reused_from_store"] == [2]


def test_an_unverified_claim_is_no_evidence():
    assert submission.reuse_allowed(as_applicant=False) and not submission.reuse_allowed(as_applicant=True)
    assert submission.verify_reuse([], as_applicant=True) == {}
    claimed = {1: {"files": [], "reused_from_store": True}}
    required = {1: "Tờ khai"}
    assert submission.evidence_of(claimed)[1].reused_from_store is False
    assert submission.missing_components(required, submission.evidence_of(claimed), online=True)
    verified = {1: {**claimed[1], "reuse_verified": True}}
    assert submission.missing_components(required, submission.evidence_of(verified), online=True) == []
