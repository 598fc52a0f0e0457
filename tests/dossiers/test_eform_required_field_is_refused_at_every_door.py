"""An empty required e-form field is refused by the lifecycle whatever the door: the API's online
submission, the desk's registration through the API (a typed e-form is checked even on paper), and
the portal's wizard, all with the same words (Vietnamese and English)."""

from motcua.dossiers.models import Dossier

from .doors import BIRTH_FORM, problem

REQUIRED = {"field": "ho_ten", "message": "Trường này là bắt buộc.", "message_en": "This field is required."}


def test_the_api_refuses_an_empty_required_name(doors):
    body = problem(doors.api_submit(eform_data={**BIRTH_FORM, "ho_ten": "   "}), 422, "eform_invalid")
    assert body["errors"] == [REQUIRED]
    assert "Trường này là bắt buộc." in body["detail"] and "This field is required." in body["detail_en"]
    body = problem(
        doors.api_submit(eform_data={k: v for k, v in BIRTH_FORM.items() if k != "ho_ten"}),
        422,
        "eform_invalid",
    )
    assert body["errors"] == [REQUIRED]
    assert not Dossier.objects.exists()


def test_the_desk_may_leave_a_paper_declaration_untyped_but_not_half_typed(doors):
    problem(doors.api_desk_register(eform_data={**BIRTH_FORM, "ho_ten": ""}), 422, "eform_invalid")
    assert not Dossier.objects.exists()
    response = doors.api_desk_register(eform_data={})
    assert response.status_code == 201, response.content
    assert response.json()["eform_data"] == {} and response.json()["channel"] == "post"


def test_the_portal_shows_the_same_message_in_each_language(doors):
    page = doors.portal_eform(doors.portal_client(), ho_ten="")
    assert f"Họ, chữ đệm, tên của trẻ: {REQUIRED['message']}" in page
    page = doors.portal_eform(doors.portal_client(english=True), ho_ten="")
    assert REQUIRED["message_en"] in page and REQUIRED["message"] not in page
