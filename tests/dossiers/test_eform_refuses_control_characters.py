"""A NUL or another control character in an e-form value is refused as a field error (422), on SQLite
and on PostgreSQL alike (where a NUL could not even be stored in JSON); line breaks stay allowed in a
textarea. Text is stored in Unicode NFC."""

import unicodedata

from motcua.catalog.eform_schema import EField, FieldError, clean_value
from motcua.dossiers.models import Dossier

from .doors import BIRTH_FORM, problem


def test_the_api_refuses_a_nul_in_a_value(doors):
    body = problem(
        doors.api_submit(eform_data={**BIRTH_FORM, "noi_sinh": "Hải\x00Phòng"}), 422, "eform_invalid"
    )
    assert body["errors"] == [
        {
            "field": "noi_sinh",
            "message": "Có ký tự điều khiển không được phép.",
            "message_en": "The value contains control characters.",
        }
    ]
    assert not Dossier.objects.exists()


def test_text_is_stored_in_nfc(doors):
    decomposed = unicodedata.normalize("NFD", "Trần Minh Ấn")
    response = doors.api_submit(eform_data={**BIRTH_FORM, "ho_ten": f"  {decomposed} "})
    assert response.status_code == 201, response.content
    assert response.json()["eform_data"]["ho_ten"] == unicodedata.normalize("NFC", "Trần Minh Ấn")


def test_a_textarea_keeps_its_line_breaks():
    area = EField(name="ghi_chu", label="Ghi chú", type="textarea")
    assert clean_value(area, "dòng 1\r\ndòng 2\tcuối") == "dòng 1\r\ndòng 2\tcuối"
    line = EField(name="ten", label="Tên", type="text")
    try:
        clean_value(line, "a\nb")
    except FieldError as exc:
        assert exc.field == "ten"
    else:  # pragma: no cover
        raise AssertionError("a line break in a one-line field must be refused")
