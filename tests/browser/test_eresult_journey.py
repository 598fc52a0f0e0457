"""The e-result journey in Chromium: the leader generates the result from the procedure's template and
signs it (PAdES, the commune's development certificate), the clerk issues the signed result, the desk
returns it electronically → the citizen downloads it and verifies it on /xac-thuc/ (valid, issued
here), a tampered copy is reported invalid → the citizen reuses it ("dùng lại") in a new dossier
without uploading it again."""

from pathlib import Path

import pytest
from django.test import Client
from playwright.sync_api import expect

from motcua.dossiers import lifecycle
from motcua.dossiers.models import Dossier, DossierFile
from motcua.portal import services as portal_services
from motcua.store.models import DocumentUse, StoredDocument
from tests.factories.signing import certify_agency
from tests.portal.world import BIRTH_FORM, PDF, act, make_portal_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def world(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    world = make_portal_world()
    for agency in (world.committee, world.centre):
        certify_agency(agency)
    return world


def _login(page, live_server, user):
    client = Client()
    client.force_login(user)
    page.context.clear_cookies()
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def _file(name: str, body: bytes) -> dict:
    return {"name": name, "mimeType": "application/pdf", "buffer": body}


def _approved(world) -> Dossier:
    components = [
        {"position": c.position, "files": [_upload(f"tp-{c.position}.pdf")]}
        for c in world.version.components.all()
        if c.mandatory
    ]
    dossier = lifecycle.perform(
        None,
        "submit",
        world.citizen,
        procedure=world.procedure.code,
        competent_agency=world.committee.identifier,
        receiving_agency=world.centre.identifier,
        eform_data=BIRTH_FORM,
        components=components,
        return_channel="electronic",
    )
    dossier = act(dossier, "receive", world.desk)
    dossier = act(dossier, "forward", world.officer)
    return act(dossier, "approve", world.leader)


def _upload(name):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def test_generate_sign_issue_download_verify_reuse(page, live_server, world, tmp_path):
    dossier = _approved(world)

    # The leader generates the result from the template and signs it.
    _login(page, live_server, world.leader)
    page.goto(f"/can-bo/ho-so/{dossier.code}/")
    page.locator("#action-sign_result").evaluate("el => el.open = true")
    form = page.locator("#action-sign_result form")
    form.get_by_label("Số, ký hiệu văn bản kết quả").fill("15/2026/TLKS")
    expect(form.get_by_label("Tạo văn bản từ mẫu của thủ tục")).to_be_checked()
    form.get_by_role("button", name="Ký số kết quả").click()
    page.wait_for_url(f"**/can-bo/ho-so/{dossier.code}/")
    signed = Dossier.objects.get(pk=dossier.pk).signed_documents.get()
    assert signed.generated and signed.signed_by == world.leader and signed.number == "15/2026/TLKS"

    # The clerk issues the signed result (offered first on the form).
    _login(page, live_server, world.clerk)
    page.goto(f"/can-bo/ho-so/{dossier.code}/")
    page.locator("#action-issue_result").evaluate("el => el.open = true")
    form = page.locator("#action-issue_result form")
    expect(form.get_by_label("15/2026/TLKS", exact=False)).to_be_checked()
    form.get_by_role("button", name="Ban hành kết quả").click()
    page.wait_for_url(f"**/can-bo/ho-so/{dossier.code}/")
    dossier = Dossier.objects.get(pk=dossier.pk)
    assert dossier.state == "result_ready" and dossier.results.get().sha256 == signed.sha256
    act(dossier, "return_result", world.desk, return_channel="electronic")

    # The citizen downloads the e-result…
    _login(page, live_server, world.citizen)
    page.goto(f"/ho-so/{dossier.code}/")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Tải kết quả điện tử").click()
    downloaded = Path(download_info.value.path()).read_bytes()
    assert downloaded == signed.file.open("rb").read()

    # …and verifies it on /xac-thuc/ (no account needed).
    saved = tmp_path / "ket-qua.pdf"
    saved.write_bytes(downloaded)
    page.context.clear_cookies()
    page.goto("/xac-thuc/")
    page.get_by_label("Tệp PDF cần xác thực").set_input_files(str(saved))
    page.get_by_role("button", name="Xác thực", exact=True).click()
    expect(page.locator("#verdict-h")).to_have_text("Văn bản hợp lệ")
    assert dossier.code in page.locator("#verify-issued-here").inner_text()
    assert page.locator("#verify-signer").inner_text() == world.committee.name
    # a copy changed by one byte is not
    tampered = downloaded.replace(b"/Type /Page", b"/Type /Pagf", 1)
    page.get_by_label("Tệp PDF cần xác thực").set_input_files(_file("ket-qua-sua.pdf", tampered))
    page.get_by_role("button", name="Xác thực", exact=True).click()
    expect(page.locator("#verdict-h")).to_have_text("Văn bản không hợp lệ")
    assert "đã bị thay đổi sau khi ký" in page.locator("#verify-reason").inner_text()

    # The citizen's store has it; a new dossier reuses it without uploading it again.
    _login(page, live_server, world.citizen)
    page.goto("/kho-giay-to/")
    assert "15/2026/TLKS" in page.locator("#store-documents").inner_text()
    stored = StoredDocument.objects.get(applicant=world.applicant)
    first = Dossier.objects.get(pk=dossier.pk)
    draft = portal_services.draft_start(user=world.citizen, version=world.version)
    portal_services.draft_save_eform(draft, BIRTH_FORM)
    page.goto(f"/nop-ho-so/{draft.pk}/giay-to/")
    mandatory = [c for c in world.version.components.all() if c.mandatory]
    reused, uploaded = mandatory[-1], mandatory[:-1]
    for c in uploaded:
        page.locator(f"#component_{c.position}").set_input_files(_file(f"tp-{c.position}.pdf", PDF))
    page.locator(f"#reuse_{reused.position}").select_option(str(stored.pk))
    page.get_by_role("button", name="Tải lên và tiếp tục").click()
    page.wait_for_url("**/nhan-ket-qua/")
    page.get_by_label("Nơi tiếp nhận hồ sơ", exact=True).select_option(label=world.centre.name)
    page.get_by_label("Nhận kết quả điện tử (tải về trên cổng)").check()
    page.get_by_role("button", name="Lưu và tiếp tục").click()
    page.wait_for_url("**/xac-nhan/")
    assert "hồ sơ có đủ thông tin và giấy tờ bắt buộc" in page.locator("#precheck").inner_text()
    assert "dùng lại" in page.content()
    page.get_by_label("Tôi xin cam đoan", exact=False).check()
    page.get_by_role("button", name="Nộp hồ sơ").click()
    page.wait_for_url("**/bien-nhan/")
    code = page.locator("#dossier-code").inner_text()
    second = Dossier.objects.get(code=code)
    component = second.components.get(position=reused.position)
    assert component.reused_from_store
    assert DossierFile.objects.get(component=component).sha256 == stored.sha256
    assert DocumentUse.objects.get(document=stored).dossier == second and second != first
    page.goto("/kho-giay-to/")
    page.locator("#store-documents details summary").first.click()
    assert code in page.locator("#store-documents").inner_text()
