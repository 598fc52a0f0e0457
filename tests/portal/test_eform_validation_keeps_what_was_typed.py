from motcua.portal import eforms

from .helpers import start, step_url
from .world import BIRTH_FORM


def test_invalid_values_are_shown_with_messages_and_kept_in_the_draft(citizen_client, world):
    draft = start(citizen_client)
    data = {**BIRTH_FORM, "cccd_me": "12345", "ngay_sinh": "30/02/2026", "so_ban_sao": "99", "go": "next"}
    response = citizen_client.post(step_url(draft, "thong-tin"), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Có thông tin chưa hợp lệ" in page
    assert "12 chữ số" in page  # the ID number rule
    assert 'value="12345"' in page
    draft.refresh_from_db()
    assert draft.eform_data["cccd_me"] == "12345" and draft.eform_data["ho_ten"] == "Trần Minh An"
    problems = dict(eforms.problems(world.version.eform, draft.eform_data))
    assert set(problems) == {
        "Số định danh cá nhân của người mẹ",
        "Ngày, tháng, năm sinh",
        "Số bản sao Giấy khai sinh đề nghị cấp",
    }


def test_required_select_radio_and_types():
    schema = [
        {"name": "a", "label": "A", "type": "select", "required": True, "choices": ["x", "y"]},
        {"name": "b", "label": "B", "type": "radio", "choices": [{"value": "1", "label": "Một"}]},
        {"name": "c", "label": "C", "type": "checkbox", "required": True},
        {"name": "d", "label": "D", "type": "number", "min": 0, "max": 5},
        {"name": "e", "label": "E", "type": "email"},
        {"name": "f", "label": "F", "type": "phone"},
        {"name": "g", "label": "G", "type": "weird"},  # unknown types fall back to text
        {"label": "no name"},  # skipped
    ]
    form = eforms.form_for(schema, data={"a": "z", "b": "1", "d": "7", "e": "x@", "f": "12"})
    assert not form.is_valid()
    assert set(form.errors) == {"a", "c", "d", "e", "f"}
    form = eforms.form_for(schema, data={"a": "x", "c": "on", "d": "2.5", "e": "a@b.vn", "f": "0912345678"})
    assert form.is_valid(), form.errors
    assert form.json_data() == {
        "a": "x",
        "b": "",
        "c": True,
        "d": "2.5",
        "e": "a@b.vn",
        "f": "0912345678",
        "g": "",
    }
    assert eforms.summary_rows(schema, {"b": "1", "c": True})[1:3] == [("B", "Một"), ("C", "Có")]


def test_demo_eforms_are_well_formed():
    from motcua.demo.procedures import procedure_specs

    with_forms = {s.code: s.eform for s in procedure_specs() if s.eform}
    assert {"1.001193", "1.000894", "1.000656"} <= set(with_forms)
    for code, schema in with_forms.items():
        assert eforms.validate_definition(schema) == [], code
