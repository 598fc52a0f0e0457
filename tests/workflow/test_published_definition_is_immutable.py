"""A published definition never changes; editing means a new draft copy, published later."""

import pytest
from django.core.exceptions import ValidationError

from motcua.organizations.models import Role
from motcua.workflow.models import DefinitionStatus, FrozenDefinition, ProcessDefinition, Transition
from motcua.workflow.services import (
    process_definition_create_draft,
    process_definition_export,
    process_definition_publish,
)
from tests.factories.catalog import publish_procedure
from tests.factories.organizations import AgencyFactory
from tests.workflow.builders import make_definition

pytestmark = pytest.mark.django_db


@pytest.fixture
def published():
    return make_definition(publish_procedure(), publish=True)


def test_definition_fields_cannot_change(published):
    published.name = "Sửa trực tiếp"
    with pytest.raises(FrozenDefinition):
        published.save()


def test_steps_cannot_change_be_added_or_deleted(published):
    step = published.steps.get(key="thu-ly")
    step.allotment_hours = 1
    with pytest.raises(FrozenDefinition):
        step.save()
    with pytest.raises(FrozenDefinition):
        step.delete()
    with pytest.raises(FrozenDefinition):
        published.steps.create(key="moi", name="Mới", role=Role.LEADER, position=9)
    with pytest.raises(FrozenDefinition):
        step.consulted_agencies.add(AgencyFactory())


def test_transitions_cannot_change(published):
    transition = published.transitions.first()
    with pytest.raises(FrozenDefinition):
        transition.delete()
    with pytest.raises(FrozenDefinition):
        Transition.objects.create(
            definition=published, from_step=transition.from_step, action="reject", to_step=None
        )


def test_definition_cannot_be_deleted_or_published_twice(published):
    with pytest.raises(FrozenDefinition):
        published.delete()
    with pytest.raises(ValidationError):
        process_definition_publish(published)


def test_draft_copy_is_editable_and_publishing_it_supersedes_the_old(published):
    draft = process_definition_create_draft(published)
    assert draft.status == DefinitionStatus.DRAFT
    assert draft.number == published.number + 1
    old, new = process_definition_export(published), process_definition_export(draft)
    assert old["steps"] == new["steps"]

    step = draft.steps.get(key="thu-ly")
    step.allotment_hours = 2
    step.save()
    process_definition_publish(draft)

    published.refresh_from_db()
    assert published.status == DefinitionStatus.SUPERSEDED
    assert published.steps.get(key="thu-ly").allotment_hours == 8
    assert (
        ProcessDefinition.objects.filter(
            procedure=published.procedure, status=DefinitionStatus.PUBLISHED
        ).get()
        == draft
    )
