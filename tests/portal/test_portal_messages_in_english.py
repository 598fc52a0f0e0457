"""Messages the portal writes in Python (flash messages, refusals, upload checks, the completeness
pre-check, the public lookup) are Vietnamese by default and English once the user switched language
with /i18n/setlang/, like the templates."""

import html

from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse
from django.utils import translation

from motcua.portal import eforms

from .helpers import fill_all, start, step_url, submit
from .world import BIRTH_FORM, PDF, act, fake, finish_and_return, jpeg, pdf


def _english(client) -> None:
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302


def _text(response) -> str:
    return html.unescape(response.content.decode())


# ----- submission ---------------------------------------------------------------------------------------


def test_the_submission_message_is_vietnamese_by_default(citizen_client, world):
    draft = fill_all(citizen_client, world)
    page = _text(citizen_client.post(step_url(draft, "xac-nhan"), {"declare": "1"}, follow=True))
    draft.refresh_from_db()
    assert f"Đã nộp hồ sơ. Mã hồ sơ của bạn: {draft.dossier.code}" in page


def test_the_submission_message_is_english_on_request(citizen_client, world):
    draft = fill_all(citizen_client, world)
    _english(citizen_client)
    page = _text(citizen_client.post(step_url(draft, "xac-nhan"), {"declare": "1"}, follow=True))
    draft.refresh_from_db()
    assert f"Dossier submitted. Your dossier code: {draft.dossier.code}" in page
    assert "Đã nộp hồ sơ" not in page


def test_refusals_of_the_wizard_are_english_on_request(citizen_client, world):
    draft = start(citizen_client)
    _english(citizen_client)
    page = _text(citizen_client.get(step_url(draft, "thong-tin")))
    assert "— Choose —" in page and "— Chọn —" not in page  # the e-form's empty select choice
    response = citizen_client.post(step_url(draft, "thong-tin"), {**BIRTH_FORM, "go": "save"}, follow=True)
    assert "Draft saved. You can come back and continue at any time." in _text(response)

    # delivery: a PortalError raised by services.draft_set_delivery
    response = citizen_client.post(step_url(draft, "nhan-ket-qua"), {"receiving_agency": world.centre.pk})
    assert response.status_code == 422
    page = _text(response)
    assert "Choose how to receive the result." in page and "Hãy chọn hình thức" not in page
    response = citizen_client.post(step_url(draft, "nhan-ket-qua"), {"result_channel": "electronic"})
    assert "Choose a receiving place from the list." in _text(response)

    # the completeness pre-check and the declaration
    page = _text(citizen_client.get(step_url(draft, "xac-nhan")))
    assert "Required document not uploaded yet: Giấy chứng sinh" in page
    assert "Chưa tải lên giấy tờ bắt buộc" not in page
    response = citizen_client.post(step_url(draft, "xac-nhan"), {})
    assert response.status_code == 422
    assert "Tick the declaration box before submitting." in _text(response)
    response = citizen_client.post(step_url(draft, "xac-nhan"), {"declare": "1"})
    assert response.status_code == 422
    assert "The dossier is incomplete: Required document not uploaded yet" in _text(response)


def test_the_delivery_refusal_is_vietnamese_by_default(citizen_client, world):
    draft = start(citizen_client)
    response = citizen_client.post(step_url(draft, "nhan-ket-qua"), {"receiving_agency": world.centre.pk})
    assert response.status_code == 422 and "Hãy chọn hình thức nhận kết quả." in _text(response)
    response = citizen_client.post(step_url(draft, "xac-nhan"), {})
    assert "Hãy đánh dấu vào ô cam đoan trước khi nộp hồ sơ." in _text(response)


def test_upload_refusals_and_the_saved_files_message_are_english_on_request(citizen_client, world):
    draft = start(citizen_client)
    _english(citizen_client)
    response = citizen_client.post(
        step_url(draft, "giay-to"),
        {"component_2": [fake("giay-chung-sinh.pdf")], "component_3": [jpeg("cccd.jpg")], "go": "next"},
    )
    assert response.status_code == 422
    page = _text(response)
    assert "The file “giay-chung-sinh.pdf” is not a PDF, JPEG or PNG" in page
    assert "không phải PDF" not in page and "/ Only PDF" not in page
    assert "1 file saved to the draft." in page


def test_size_refusals_are_english_on_request_and_vietnamese_by_default(citizen_client, world, settings):
    settings.MOTCUA_UPLOAD_MAX_FILE_MB = 1
    draft = start(citizen_client)
    big = {"component_1": [pdf("lon.pdf", size=1024 * 1024 + 10)], "go": "stay"}
    page = _text(citizen_client.post(step_url(draft, "giay-to"), big))
    assert "Tệp «lon.pdf» có dung lượng 1.0 MB, vượt giới hạn 1 MB mỗi tệp." in page
    assert "/ The file exceeds" not in page  # one language at a time, no English after a slash
    _english(citizen_client)
    big = {"component_1": [pdf("lon.pdf", size=1024 * 1024 + 10)], "go": "stay"}
    page = _text(citizen_client.post(step_url(draft, "giay-to"), big))
    assert "The file “lon.pdf” is 1.0 MB, over the limit of 1 MB per file." in page


def test_the_e_form_display_values_follow_the_language():
    field = eforms.EField(name="dong_y", label="Đồng ý", type="checkbox")
    with translation.override("vi"):
        assert eforms.display_value(field, True) == "Có"
    with translation.override("en"):
        assert eforms.display_value(field, True) == "Yes"
        assert eforms.display_value(field, False) == "No"


# ----- following a dossier -------------------------------------------------------------------------------


def test_withdrawal_messages_and_a_lifecycle_refusal_are_english_on_request(citizen_client, world):
    dossier = submit(citizen_client, world)
    stale = dossier.version
    dossier = act(dossier, "receive", world.desk)
    _english(citizen_client)
    url = reverse("portal:withdraw", args=[dossier.code])
    response = citizen_client.post(url, {"version": dossier.version, "reason": ""})
    assert response.status_code == 422
    assert "Give the reason for withdrawing the dossier." in _text(response)
    # the lifecycle's own refusal (DossierConflict) in the active language
    response = citizen_client.post(url, {"version": stale, "reason": "Nộp nhầm thủ tục"})
    assert response.status_code == 422
    page = _text(response)
    assert "The dossier has changed since you read it; reload and try again." in page
    assert "tải lại" not in page
    response = citizen_client.post(
        url, {"version": dossier.version, "reason": "Nộp nhầm thủ tục"}, follow=True
    )
    assert "The dossier has been withdrawn." in _text(response)


def test_the_withdrawal_message_is_vietnamese_by_default(citizen_client, world):
    dossier = submit(citizen_client, world)
    url = reverse("portal:withdraw", args=[dossier.code])
    response = citizen_client.post(
        url, {"version": dossier.version, "reason": "Nộp nhầm thủ tục"}, follow=True
    )
    assert "Đã rút hồ sơ." in _text(response)


def test_supplement_and_rating_messages_are_english_on_request(citizen_client, world):
    dossier = submit(citizen_client, world)
    dossier = act(dossier, "receive", world.desk)
    dossier = act(dossier, "request_supplement", world.officer, reason="Giấy chứng sinh bị mờ")
    _english(citizen_client)
    response = citizen_client.post(
        reverse("portal:supplement", args=[dossier.code]),
        {"version": dossier.version, "component_2": [pdf("giay-chung-sinh-ro.pdf")]},
        follow=True,
    )
    assert "Supplementary documents sent. Processing of the dossier resumes." in _text(response)

    url = reverse("portal:rate", args=[dossier.code])
    response = citizen_client.post(url, {"score": "5"})
    assert response.status_code == 422
    assert "You can rate only once you have received the result." in _text(response)
    dossier.refresh_from_db()
    finish_and_return(world, dossier, ContentFile(PDF, name="giay-khai-sinh.pdf"))
    response = citizen_client.post(url, {"score": "5"}, follow=True)
    assert "Thank you for your rating." in _text(response)
    response = citizen_client.post(url, {"score": "4"})
    assert response.status_code == 422 and "This dossier has already been rated." in _text(response)


# ----- the public lookup ---------------------------------------------------------------------------------


def test_lookup_messages_are_vietnamese_by_default_and_english_on_request(db, settings):
    settings.MOTCUA_LOOKUP_MAX_MISSES_PER_CODE = 2
    settings.MOTCUA_LOOKUP_WINDOW_MINUTES = 1
    url = reverse("portal:lookup")
    vietnamese, english = Client(), Client()
    _english(english)

    page = _text(english.post(url, {"cccd": "031190000123"}))
    assert "Enter both the dossier code and the applicant's ID number or tax code." in page
    assert "Hãy nhập cả mã hồ sơ và số định danh (CCCD) hoặc mã số thuế của người nộp." in _text(
        vietnamese.post(url, {"cccd": "031190000123"})
    )

    miss = {"ma": "000.00.90.H99-260302-0001", "cccd": "031190000123"}
    response = vietnamese.post(url, miss, REMOTE_ADDR="10.0.0.1")
    assert response.status_code == 404
    assert "Không tìm thấy hồ sơ với mã hồ sơ và số định danh này." in _text(response)
    response = english.post(url, miss, REMOTE_ADDR="10.0.0.2")
    assert response.status_code == 404
    page = _text(response)
    assert "No dossier matches this code and ID number." in page and "Không tìm thấy" not in page

    # the second miss from each address reaches the limit
    response = vietnamese.post(url, miss, REMOTE_ADDR="10.0.0.1")
    assert response.status_code == 429
    assert "Bạn đã tra cứu không thành công quá nhiều lần" in _text(response)
    assert "hãy thử lại sau 1 phút (lúc " in _text(response)
    response = english.post(url, miss, REMOTE_ADDR="10.0.0.2")
    assert response.status_code == 429
    page = _text(response)
    assert "Too many unsuccessful lookups." in page and "try again in 1 minute (at " in page
    assert "quá nhiều lần" not in page
