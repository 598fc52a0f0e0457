"""The domain's e-form rule (catalog.eform_schema) value by value: what each type accepts, what it
stores, and that odd JSON (a 5,000-digit number, NaN, objects, booleans) is a field error, never a crash."""

import pytest

from motcua.catalog.eform_schema import EFormErrors, clean, parse

SCHEMA = [
    {"name": "ten", "label": "Tên", "required": True, "max_length": 10},
    {"name": "so", "label": "Số", "type": "integer", "min": 1, "max": 10},
    {"name": "tien", "label": "Tiền", "type": "number", "min": 0},
    {"name": "ngay", "label": "Ngày", "type": "date"},
    {"name": "chon", "label": "Chọn", "type": "select", "choices": [{"value": "1", "label": "Một"}, "Hai"]},
    {"name": "dong_y", "label": "Đồng ý", "type": "checkbox"},
    {"name": "mst", "label": "MST", "type": "tax_code"},
    {"name": "thu", "label": "Thư", "type": "email"},
]
FULL = {"ten": "An"}


def _errors(data, **kwargs):
    with pytest.raises(EFormErrors) as refused:
        clean(SCHEMA, {**FULL, **data}, **kwargs)
    return {e.field: e.message_en for e in refused.value.errors}


def test_values_are_stored_as_json():
    cleaned = clean(
        SCHEMA,
        {
            "ten": " An ",
            "so": "2.0",
            "tien": "2.50",
            "ngay": "1/2/2026",
            "chon": 1,
            "dong_y": True,
            "mst": "0200123456",
        },
    )
    assert cleaned == {
        "ten": "An",
        "so": 2,
        "tien": "2.5",
        "ngay": "2026-02-01",
        "chon": "1",
        "dong_y": True,
        "mst": "0200123456",
        "thu": "",
    }
    assert clean(SCHEMA, FULL)["dong_y"] is False


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"ten": ""}, "ten", "This field is required."),
        ({"ten": "x" * 11}, "ten", "At most 10 characters (this has 11)."),
        ({"ten": {"a": 1}}, "ten", "The value must be text."),
        ({"ten": 10**5000}, "ten", "The value must be text."),
        ({"so": 10**5000}, "so", "The value must be a number."),
        ({"so": float("nan")}, "so", "The value must be a number."),
        ({"so": True}, "so", "The value must be a number."),
        ({"so": "2.5"}, "so", "The value must be a whole number."),
        ({"so": 11}, "so", "The largest allowed value is 10."),
        ({"tien": "-1"}, "tien", "The smallest allowed value is 0."),
        ({"ngay": "2026-13-01"}, "ngay", "2026-13-01 is not a real date."),
        ({"ngay": [2026, 2, 1]}, "ngay", "A date must look like dd/mm/yyyy or yyyy-mm-dd (e.g. 20/02/2026)."),
        ({"chon": "Ba"}, "chon", "Choose one of the listed values: 1, Hai."),
        ({"dong_y": "yes"}, "dong_y", "The value must be true or false."),
        ({"mst": "123"}, "mst", "A tax code has 10 digits, or 13 for a dependent unit."),
        ({"thu": "a@"}, "thu", "The e-mail address is not valid."),
    ],
)
def test_each_bad_value_is_a_field_error(data, field, message):
    assert _errors(data) == {field: message}


def test_partial_checks_only_what_is_sent():
    assert clean(SCHEMA, {"so": 3}, partial=True) == {"so": 3}
    assert _errors({"ten": ""}, partial=True) == {"ten": "This field is required."}


def test_a_required_checkbox_must_be_ticked_and_malformed_entries_are_skipped():
    fields = parse(
        [{"name": "cam_doan", "label": "Cam đoan", "type": "checkbox", "required": True}, {"x": 1}, "y"]
    )
    assert [f.name for f in fields] == ["cam_doan"]
    with pytest.raises(EFormErrors) as refused:
        clean(fields, {})
    assert refused.value.errors[0].message == "Cần đánh dấu vào ô này."
    with pytest.raises(EFormErrors) as refused:
        clean(fields, ["not", "an", "object"])
    assert refused.value.errors[0].field == ""
