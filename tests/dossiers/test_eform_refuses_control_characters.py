"""A NUL or another control character in an e-form value is refused as a field error (422), on SQLite
and on PostgreSQL alike (where a NUL could not even be stored in JSON); line breaks stay allowed in a
textarea. Text is stored in Unicode NFC."""

import unicodedata

import pytest

from motcua.catalog.eform_schema import EField, FieldError, clean_value
from motcua.dossiers import lifecycle
from motcua.dossiers.models import Dossier
from motcua.dossiers.submission import EFormInvalid

from .doors import BIRTH_FORM, problem


def test_the_api_refuses_a_nul_in_a_value_before_the_domain(doors):
    """Over HTTP the input middleware answers first (400, core.bad_input)."""
    problem(doors.api_submit(eform_data={**BIRTH_FORM, "noi_sinh": "Hải\x00Phòng"}), 400, "control_character")
    assert not Dossier.objects.exists()


def test_the_lifecycle_refuses_a_nul_in_a_value(doors):
    """A door that does not pass through HTTP (an inbound record, a command) meets the domain's rule."""
    with pytest.raises(EFormInvalid) as caught:
        lifecycle.perform(
            None,
            "submit",
            doors.world.citizen,
            **doors.body(eform_data={**BIRTH_FORM, "noi_sinh": "Hải\x00Phòng"}),
        )
    body = {"errors": caught.value.extra["errors"]}
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
