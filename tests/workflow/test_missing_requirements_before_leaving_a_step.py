"""A step can demand components and e-form fields before the dossier leaves it."""

import pytest

from motcua.catalog.spec import ComponentSpec
from motcua.workflow.runner import runner_for
from tests.factories.catalog import publish_procedure
from tests.workflow.builders import make_definition, simple_steps

pytestmark = pytest.mark.django_db


def test_missing_components_and_fields_in_vietnamese():
    procedure = publish_procedure(
        components=(ComponentSpec(name="Tờ khai"), ComponentSpec(name="Bản sao CCCD")),
        eform=({"name": "ho_ten"}, {"name": "ngay_sinh"}),
    )
    steps = simple_steps()
    steps[0]["required_component_positions"] = [1, 2]
    steps[0]["required_fields"] = ["ho_ten", "ngay_sinh"]
    runner = runner_for(make_definition(procedure, steps, publish=True).pk)

    messages = runner.missing_requirements("thu-ly", {1}, {"ho_ten"})
    assert messages == [
        "Thiếu thành phần hồ sơ số 2 (bắt buộc trước khi rời bước «Bước thu-ly»).",
        "Chưa nhập thông tin: ngay_sinh (bắt buộc trước khi rời bước «Bước thu-ly»).",
    ]
    assert runner.missing_requirements("thu-ly", {1, 2}, {"ho_ten", "ngay_sinh"}) == []
    assert runner.missing_requirements("duyet", set(), set()) == []
    info = runner.step("thu-ly")
    assert info.required_component_positions == (1, 2)
    assert info.required_fields == ("ho_ten", "ngay_sinh")


def test_required_field_must_be_on_the_eform():
    from django.core.exceptions import ValidationError

    procedure = publish_procedure(eform=({"name": "ho_ten"},))
    steps = simple_steps()
    steps[0]["required_fields"] = ["so_thua"]
    with pytest.raises(ValidationError) as info:
        make_definition(procedure, steps, publish=True)
    assert [e.code for e in info.value.error_list] == ["unknown_field"]
