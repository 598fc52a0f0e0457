import pytest
from django.core.exceptions import ValidationError

from motcua.catalog.models import ProcedureVersion, VersionStatus
from motcua.catalog.selectors import version_to_spec
from motcua.catalog.services import (
    procedure_publish,
    procedure_version_create_draft,
    procedure_version_publish,
)
from tests.factories.catalog import procedure_spec

pytestmark = pytest.mark.django_db


def test_editing_publishes_a_new_version_and_keeps_the_old_one_readable():
    spec = procedure_spec(name="Thủ tục cũ")
    v1, created = procedure_publish(spec)
    assert created and v1.number == 1
    v2, created = procedure_publish(spec.model_copy(update={"name": "Thủ tục mới"}))
    assert created and v2.number == 2
    v1.refresh_from_db()
    procedure = v2.procedure
    procedure.refresh_from_db()
    assert v1.status == VersionStatus.SUPERSEDED and v1.name == "Thủ tục cũ"
    assert procedure.current_version == v2 and procedure.name == "Thủ tục mới"
    assert version_to_spec(v1).name == "Thủ tục cũ"


def test_publishing_identical_content_changes_nothing():
    spec = procedure_spec()
    v1, _ = procedure_publish(spec)
    again, created = procedure_publish(spec)
    assert not created and again == v1
    assert ProcedureVersion.objects.filter(procedure=v1.procedure).count() == 1


def test_a_draft_is_copied_from_a_version_and_published_on_demand():
    v1, _ = procedure_publish(procedure_spec())
    draft = procedure_version_create_draft(v1)
    assert draft.status == VersionStatus.DRAFT and draft.number == 2
    assert version_to_spec(draft) == version_to_spec(v1)
    draft.procedure.refresh_from_db()
    assert draft.procedure.current_version == v1
    procedure_version_publish(draft)
    v1.refresh_from_db()
    assert v1.status == VersionStatus.SUPERSEDED
    with pytest.raises(ValidationError):
        procedure_version_publish(v1)


def test_a_published_version_keeps_its_children_after_a_new_one_is_published():
    v1, _ = procedure_publish(procedure_spec())
    procedure_publish(procedure_spec(code=v1.procedure.code, fees=()))
    assert v1.fees.count() == 1


def test_renaming_a_sector_is_not_a_new_version():
    spec = procedure_spec(sector_code="HT", sector_name="Hộ tịch")
    v1, _ = procedure_publish(spec)
    again, created = procedure_publish(spec.model_copy(update={"sector_name": "Hộ tịch (sửa tên)"}))
    assert not created and again == v1
    v1.sector.refresh_from_db()
    assert v1.sector.name == "Hộ tịch (sửa tên)"
