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


def test_a_supplement_is_checked_by_the_same_rule(doors):
    from tests.api.test_dossier_full_life import Caller

    code = doors.api_submit().json()["code"]
    dossier = doors.desk.act(code, "receive", 1)
    officer = Caller(doors.world.officer)
    dossier = officer.act(code, "request_supplement", dossier["version"], reason="Sai ngày sinh")
    path = f"/api/v1/dossiers/{code}/actions/supplement"
    wrong = doors.citizen.post(
        path, {"expected_version": dossier["version"], "eform_data": {"ngay_sinh": "30/02/2026"}}
    )
    assert problem(wrong, 422, "eform_invalid")["errors"] == [ERROR]
    right = doors.citizen.post(
        path, {"expected_version": dossier["version"], "eform_data": {"ngay_sinh": "28/02/2026"}}
    )
    assert right.status_code == 200, right.content
    data = right.json()["dossier"]["eform_data"]
    assert data["ngay_sinh"] == "2026-02-28" and data["ho_ten"] == BIRTH_FORM["ho_ten"]
