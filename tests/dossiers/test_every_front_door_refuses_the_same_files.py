"""One intake, every front door: each class of bad file sent through the portal (draft upload, answering
a supplement request), the API (submit, supplement, result upload), the desk's receipt page and the
clerk's result upload page gets the verdict and the message of `dossiers.intake` — the same code
everywhere, the domain's own text (Vietnamese, the default language) — and nothing of it is stored: no
row, no file in MEDIA_ROOT. An NFD name and a 200-character Vietnamese name are accepted everywhere
and stored NFC, safe and bounded."""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from motcua.dossiers import intake
from motcua.dossiers.models import Dossier, DossierFile, DossierResult
from motcua.portal.models import DraftFile
from tests.api.test_dossier_full_life import Caller
from tests.backoffice.test_desk_registers_and_decides import desk_post
from tests.dossiers import world as dossier_world
from tests.portal import helpers as portal_pages
from tests.portal import world as portal_world

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 56 + b"/lib64/ld-linux-x86-64.so.2"
PE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 48 + b"PE\x00\x00"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>'
HTML = b"<!doctype html><html><body><script>fetch('/can-bo/')</script></body></html>"
NFD_NAME = unicodedata.normalize("NFD", "Giấy chứng sinh của bé Đặng Thị Ánh.pdf")
LONG_STEM = ("Tờ khai đăng ký khai sinh cho trẻ em sinh ra tại Bệnh viện Phụ sản Hải Phòng " * 4)[:200]


def _pdf(tag: str, extra: int = 0) -> bytes:
    return PDF + f"% {tag}\n".encode() + b"0" * extra


@dataclass(frozen=True)
class Row:
    """A class of file: what is sent (name, content, declared type), the limits in force, the verdict."""

    name: str
    files: tuple[tuple[str, bytes, str], ...]
    code: str | None  # None: accepted
    limits: dict = field(default_factory=dict)


ROWS = [
    Row("elf_renamed_pdf", (("giay-to.pdf", ELF, "application/pdf"),), "file_type_not_allowed"),
    Row("windows_pe_renamed_pdf", (("giay-to.pdf.exe", PE, "application/pdf"),), "file_type_not_allowed"),
    Row("svg_with_script", (("anh-the.svg", SVG, "image/svg+xml"),), "file_type_not_allowed"),
    Row("html", (("to-khai.html", HTML, "text/html"),), "file_type_not_allowed"),
    Row("empty", (("rong.pdf", b"", "application/pdf"),), "file_empty"),
    Row(
        "oversize",
        (("ban-quet-lon.pdf", _pdf("lon", 20_000), "application/pdf"),),
        "file_too_large",
        {"MOTCUA_UPLOAD_MAX_FILE_MB": 0.01},  # 10 KiB
    ),
    Row(
        "too_many",
        (("trang-1.pdf", _pdf("1"), "application/pdf"), ("trang-2.pdf", _pdf("2"), "application/pdf")),
        "too_many_files",
        {"MOTCUA_UPLOAD_MAX_FILES_PER_COMPONENT": 1},
    ),
    Row("nfd_name", ((NFD_NAME, _pdf("nfd"), "application/pdf"),), None),
    Row("name_of_200_characters", ((LONG_STEM + ".pdf", _pdf("dai"), "application/pdf"),), None),
]


def uploads(row: Row) -> list[SimpleUploadedFile]:
    return [SimpleUploadedFile(name, body, content_type=ct) for name, body, ct in row.files]


@dataclass
class Verdict:
    accepted: bool
    code: str | None = None
    message: str = ""  # Vietnamese, as the door shows it


# ----- the doors -------------------------------------------------------------------------------------


class Door:
    name = ""
    use = intake.COMPONENT
    group: object = 1  # what the door's files are counted by (a component position, or the result set)
    all_or_nothing = True  # False: the portal's draft keeps the other valid files of an upload
    single_file = False  # the page takes one file only

    def build(self):  # -> state
        raise NotImplementedError

    def send(self, state, files: list) -> Verdict:
        raise NotImplementedError

    def holding(self, state) -> intake.Holding:
        """What the dossier behind the door already stores (the intake counts it)."""
        return intake.Holding()


def _vn_clock():
    return dossier_world.FixedClock(dossier_world.vn(2026, 3, 2, 9, 0))


class PortalDraft(Door):
    name = "portal_draft_upload_and_submit"
    all_or_nothing = False

    def build(self):
        w = portal_world.make_portal_world()
        client = Client()
        client.force_login(w.citizen)
        draft = portal_pages.start(client)
        client.post(portal_pages.step_url(draft, "thong-tin"), {**portal_world.BIRTH_FORM, "go": "save"})
        return w, client, draft

    def send(self, state, files):
        w, client, draft = state
        response = client.post(
            portal_pages.step_url(draft, "giay-to"),
            {
                "component_1": files,
                "component_2": [portal_world.pdf("giay-chung-sinh.pdf")],
                "component_3": [portal_world.jpeg("cccd.jpg")],
                "go": "next",
            },
        )
        if response.status_code == 422:
            refused = response.context["rejected"][0]
            assert refused.message in response.content.decode()
            return Verdict(False, refused.code, refused.message_vi)
        assert response.status_code == 302, response.content.decode()[:2000]
        client.post(
            portal_pages.step_url(draft, "nhan-ket-qua"),
            {"receiving_agency": w.centre.pk, "result_channel": "electronic"},
        )
        response = client.post(portal_pages.step_url(draft, "xac-nhan"), {"declare": "1"})
        assert response.status_code == 302, response.content.decode()[:2000]
        return Verdict(True)


class PortalSupplement(Door):
    name = "portal_supplement"
    group = 2

    def build(self):
        w = portal_world.make_portal_world()
        client = Client()
        client.force_login(w.citizen)
        dossier = portal_pages.submit(client, w)
        dossier = portal_world.act(dossier, "receive", w.desk)
        dossier = portal_world.act(dossier, "request_supplement", w.officer, reason="Giấy chứng sinh bị mờ")
        return client, dossier

    def holding(self, state):
        return intake.dossier_holding(state[1])

    def send(self, state, files):
        client, dossier = state
        response = client.post(
            reverse("portal:supplement", args=[dossier.code]),
            {"version": dossier.version, "component_2": files},
        )
        if response.status_code == 422:
            refused = response.context["rejected"][0]
            assert refused.message in response.content.decode()
            return Verdict(False, refused.code, refused.message_vi)
        assert response.status_code == 302, response.content.decode()[:2000]
        return Verdict(True)


def _api_verdict(response, ok: int) -> Verdict:
    if response.status_code == ok:
        return Verdict(True)
    assert response.status_code == 422, response.content
    body = response.json()
    assert body["detail_en"] and body["file"] in body["detail"]
    return Verdict(False, body["code"], body["detail"])


class ApiSubmit(Door):
    name = "api_submit"

    def build(self):
        w = dossier_world.make_world()
        return w, Caller(w.citizen)

    def send(self, state, files):
        w, caller = state
        payload = {
            "procedure": w.procedure.code,
            "competent_agency": w.department.identifier,
            "eform_data": {"ho_ten": w.applicant.full_name},
            "components": [{"position": 1}, {"position": 2}],
        }
        good = SimpleUploadedFile("cccd.pdf", _pdf("cccd"), content_type="application/pdf")
        response = caller.client.post(
            "/api/v1/dossiers",
            {"payload": json.dumps(payload), "component_1": files, "component_2": [good]},
            headers=caller.headers,
        )
        return _api_verdict(response, 201)


class ApiSupplement(Door):
    name = "api_supplement"
    group = 2

    def build(self):
        w = dossier_world.make_world()
        dossier = dossier_world.receive(w, dossier_world.submit(w))
        dossier = dossier_world.act(dossier, "request_supplement", w.officer, reason="Thiếu bản sao CCCD")
        return dossier, Caller(w.citizen)

    def holding(self, state):
        return intake.dossier_holding(state[0])

    def send(self, state, files):
        dossier, caller = state
        response = caller.client.post(
            f"/api/v1/dossiers/{dossier.code}/actions/supplement",
            {"payload": json.dumps({"expected_version": dossier.version}), "component_2": files},
            headers=caller.headers,
        )
        return _api_verdict(response, 200)


class DeskReceive(Door):
    name = "desk_receive_page"

    def build(self):
        w = dossier_world.make_world()
        client = Client()
        client.force_login(w.desk)
        return w, client

    def send(self, state, files):
        w, client = state
        response = client.post("/can-bo/tiep-nhan/", desk_post(w, file_1=files))
        if response.status_code == 302:
            return Verdict(True)
        assert response.status_code == 422, response.content.decode()[:2000]
        message = response.context["form"].non_field_errors()[0]
        assert message in response.content.decode()
        return Verdict(False, response.context["error_code"], message)


# the result is a document: number, date and signer with the file (motcua/results/issuing.py)
RESULT_FIELDS = {
    "name": "Giấy xác nhận",
    "number": "7/GXN",
    "signer": "Trần Văn Lãnh",
    "document_date": "2026-03-02",
}


def _approved():
    w = dossier_world.make_world()
    dossier = dossier_world.act(dossier_world.receive(w), "forward", w.officer)
    return w, dossier_world.act(dossier, "approve", w.leader)


class ApiResult(Door):
    name = "api_issue_result"
    use = intake.RESULT
    group = "results"

    def build(self):
        w, dossier = _approved()
        return dossier, Caller(w.clerk)

    def send(self, state, files):
        dossier, caller = state
        payload = {"expected_version": dossier.version, "results": [RESULT_FIELDS]}
        parts = {f"result_{n}": f for n, f in enumerate(files, start=1)}
        response = caller.client.post(
            f"/api/v1/dossiers/{dossier.code}/actions/issue_result",
            {"payload": json.dumps(payload), **parts},
            headers=caller.headers,
        )
        return _api_verdict(response, 200)


class OfficeResult(Door):
    name = "backoffice_issue_result_page"
    use = intake.RESULT
    group = "results"
    single_file = True

    def build(self):
        w, dossier = _approved()
        client = Client()
        client.force_login(w.clerk)
        return dossier, client

    def send(self, state, files):
        dossier, client = state
        (upload,) = files
        response = client.post(
            f"/can-bo/ho-so/{dossier.code}/thao-tac/issue_result/",
            {"expected_version": dossier.version, **RESULT_FIELDS, "result_file": upload},
        )
        if response.status_code == 302:
            return Verdict(True)
        assert response.status_code == 422, response.content.decode()[:2000]
        assert response.context["error"] in response.content.decode()
        return Verdict(False, response.context["error_code"], response.context["error"])


DOORS: list[Door] = [
    PortalDraft(),
    PortalSupplement(),
    ApiSubmit(),
    ApiSupplement(),
    DeskReceive(),
    ApiResult(),
    OfficeResult(),
]

# Every door × every row, except "two files" through a page that takes one file.
CASES = [
    pytest.param(door, row, id=f"{door.name}-{row.name}")
    for door in DOORS
    for row in ROWS
    if not (door.single_file and len(row.files) > 1)
]


# ----- what is stored ----------------------------------------------------------------------------------


def _media(media_root) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in Path(media_root).rglob("*") if p.is_file()}


def _rows() -> dict[str, int]:
    return {
        "dossiers": Dossier.objects.count(),
        "files": DossierFile.objects.count(),
        "draft_files": DraftFile.objects.count(),
        "results": DossierResult.objects.count(),
    }


def _stored_copies(body: bytes) -> list[tuple[str, str]]:
    """(shown name, storage key) of every row whose file has exactly these bytes."""
    found = []
    for model in (DossierFile, DraftFile):
        for row in model.objects.all():
            if row.file.open("rb").read() == body:
                found.append((row.original_name, row.file.name))
            row.file.close()
    for row in DossierResult.objects.exclude(file=""):
        if row.file.open("rb").read() == body:
            found.append((row.name, row.file.name))
        row.file.close()
    return found


def _domain_refusal(door: Door, row: Row, holding: intake.Holding) -> intake.FileRejected:
    """What the one intake says of these files, for the door's use, with what the dossier holds."""
    _accepted, rejected = intake.check_each({door.group: uploads(row)}, use=door.use, holding=holding)
    assert rejected, f"the intake accepts {row.name}"
    return rejected[0]


# ----- the table ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(("door", "row"), CASES)
def test_every_front_door_gives_the_intakes_verdict(door: Door, row: Row, settings, media_root):
    _vn_clock()
    state = door.build()
    for name, value in row.limits.items():
        setattr(settings, name, value)
    media_before, rows_before, holding = _media(media_root), _rows(), door.holding(state)

    verdict = door.send(state, uploads(row))

    if row.code is None:  # accepted, stored NFC, safe, bounded
        assert verdict.accepted, verdict
        (sent_name, body, _type) = row.files[0]
        copies = _stored_copies(body)
        assert copies, "the accepted file was not stored"
        for shown, key in copies:
            if door.use is intake.COMPONENT:
                assert unicodedata.is_normalized("NFC", shown) and shown.endswith(".pdf")
                assert len(shown) <= 160
                assert shown.removesuffix(".pdf") in unicodedata.normalize("NFC", sent_name)
            assert key.isascii() and ".." not in key and not key.startswith("/")
            assert len(Path(key).name.encode()) <= 100
        return

    refusal = _domain_refusal(door, row, holding)
    assert not verdict.accepted
    assert verdict.code == row.code == refusal.code
    assert verdict.message == refusal.message_vi
    refused_name = refusal.file_name
    assert refused_name in verdict.message
    # nothing of the refused file anywhere: no row, no file in MEDIA_ROOT
    refused_body = next(body for name, body, _t in row.files if intake.sent_name(name) == refused_name)
    media_after = _media(media_root)
    assert refused_body not in media_after.values()
    assert _stored_copies(refused_body) == []
    if door.all_or_nothing:
        assert media_after == media_before
        assert _rows() == rows_before
    else:  # the draft keeps the other, valid files of the upload; no dossier was made
        assert _rows()["dossiers"] == rows_before["dossiers"]
        assert not DraftFile.objects.filter(original_name=refused_name).exists()


def test_the_table_covers_every_class_and_door():
    names = {row.name for row in ROWS}
    assert {"elf_renamed_pdf", "windows_pe_renamed_pdf", "svg_with_script", "html", "empty"} <= names
    assert {"oversize", "too_many", "nfd_name", "name_of_200_characters"} <= names
    assert len(LONG_STEM) == 200 and not unicodedata.is_normalized("NFC", NFD_NAME)
    assert len(CASES) == len(DOORS) * len(ROWS) - 1  # the one-file result page cannot send two
