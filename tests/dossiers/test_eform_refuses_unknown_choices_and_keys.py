"""A value outside a select/radio's choices, a key the e-form does not have and a reserved `_` key
are refused; the portal shows the choice message the API returns."""

from motcua.dossiers.models import Dossier

from .doors import BIRTH_FORM, problem

CHOICE = {
    "field": "gioi_tinh",
    "message": "Hãy chọn một giá trị trong danh sách: Nam, Nữ.",
    "message_en": "Choose one of the listed values: Nam, Nữ.",
}


def test_the_api_refuses_a_choice_that_is_not_offered(doors):
    body = problem(doors.api_submit(eform_data={**BIRTH_FORM, "gioi_tinh": "Khác"}), 422, "eform_invalid")
    assert body["errors"] == [CHOICE]
    assert not Dossier.objects.exists()


def test_the_api_refuses_unknown_and_reserved_keys(doors):
    eform = {**BIRTH_FORM, "mau_toc": "đen", "_demo": True}
    body = problem(doors.api_submit(eform_data=eform), 422, "eform_invalid")
    assert [e["field"] for e in body["errors"]] == ["mau_toc", "_demo"]
    assert body["errors"][0]["message"] == "Tờ khai của thủ tục không có trường «mau_toc»."
    assert "reserved" in body["errors"][1]["message_en"]
    body = problem(doors.api_submit(eform_data={f"k{i}": 1 for i in range(500)}), 422, "eform_invalid")
    assert len(body["errors"]) == 50  # a flood of keys gets a bounded answer
    assert not Dossier.objects.exists()


def test_the_portal_shows_the_same_choice_message(doors):
    page = doors.portal_eform(doors.portal_client(), gioi_tinh="Khác")
    assert CHOICE["message"] in page
