"""A citizen ID that is not 12 digits is refused by the e-form rule at the API and the portal alike."""

from motcua.dossiers.models import Dossier

from .doors import BIRTH_FORM, problem

ERROR = {
    "field": "cccd_me",
    "message": "Số định danh cá nhân (CCCD) gồm đúng 12 chữ số.",
    "message_en": "A personal ID number has exactly 12 digits.",
}


def test_the_api_refuses_a_short_id_number(doors):
    body = problem(doors.api_submit(eform_data={**BIRTH_FORM, "cccd_me": "12345"}), 422, "eform_invalid")
    assert body["errors"] == [ERROR]
    assert not Dossier.objects.exists()


def test_every_bad_value_is_listed(doors):
    eform = {**BIRTH_FORM, "cccd_me": "12345", "dien_thoai": "12", "so_ban_sao": "99", "ho_ten": 7.5}
    body = problem(doors.api_submit(eform_data=eform), 422, "eform_invalid")
    assert [e["field"] for e in body["errors"]] == ["dien_thoai", "ho_ten", "cccd_me", "so_ban_sao"]
    assert body["detail_en"].endswith("(and 3 more)")


def test_the_portal_shows_the_same_message(doors):
    page = doors.portal_eform(doors.portal_client(), cccd_me="12345")
    assert ERROR["message"] in page
    page = doors.portal_eform(doors.portal_client(english=True), cccd_me="12345")
    assert ERROR["message_en"] in page and ERROR["message"] not in page
