"""30 February is not a date: the API (ISO or dd/mm/yyyy) and the portal refuse it with one message."""

from motcua.dossiers.models import Dossier

from .doors import BIRTH_FORM, problem

ERROR = {
    "field": "ngay_sinh",
    "message": "Không có ngày 30/02/2026 trên lịch.",
    "message_en": "2026-02-30 is not a real date.",
}


def test_the_api_refuses_30_february_in_both_spellings(doors):
    for typed in ("2026-02-30", "30/02/2026"):
        body = problem(doors.api_submit(eform_data={**BIRTH_FORM, "ngay_sinh": typed}), 422, "eform_invalid")
        assert body["errors"] == [ERROR]
    body = problem(doors.api_submit(eform_data={**BIRTH_FORM, "ngay_sinh": "mai"}), 422, "eform_invalid")
    assert body["errors"][0]["message_en"].startswith("A date must look like dd/mm/yyyy")
    assert not Dossier.objects.exists()


def test_a_real_date_is_stored_in_iso_form(doors):
    response = doors.api_submit(eform_data={**BIRTH_FORM, "ngay_sinh": "29/02/2028"})
    assert response.status_code == 201, response.content
    assert response.json()["eform_data"]["ngay_sinh"] == "2028-02-29"


def test_the_portal_shows_the_same_message(doors):
    page = doors.portal_eform(doors.portal_client(), ngay_sinh="30/02/2026")
    assert ERROR["message"] in page
    page = doors.portal_eform(doors.portal_client(english=True), ngay_sinh="2026-02-30")
    assert ERROR["message_en"] in page
