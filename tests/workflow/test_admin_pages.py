"""The admin edits drafts with inlines, shows published ones read-only, and publishes through the service."""

import pytest

from motcua.workflow.models import DefinitionStatus, ProcessDefinition
from motcua.workflow.services import default_definition_for
from tests.factories.catalog import publish_procedure
from tests.factories.organizations import UserFactory
from tests.workflow.builders import make_definition, simple_steps

pytestmark = pytest.mark.django_db

URL = "/admin/workflow/processdefinition/"


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def test_pages_render_in_vietnamese(admin_client):
    definition = default_definition_for(publish_procedure())
    listing = admin_client.get(URL).content.decode()
    assert "quy trình nội bộ" in listing.lower()
    page = admin_client.get(f"{URL}{definition.pk}/change/").content.decode()
    assert "Thụ lý hồ sơ" in page and "Vào số, đóng dấu" in page
    assert admin_client.get(f"{URL}add/").status_code == 200


def test_published_is_read_only_and_can_become_a_draft(admin_client):
    definition = default_definition_for(publish_procedure())
    response = admin_client.post(f"{URL}{definition.pk}/change/", {"name": "Sửa trực tiếp"})
    assert response.status_code == 403
    admin_client.post(URL, {"action": "make_draft", "_selected_action": [definition.pk]})
    draft = ProcessDefinition.objects.get(procedure=definition.procedure, number=2)
    assert draft.status == DefinitionStatus.DRAFT
    admin_client.post(URL, {"action": "publish", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.status == DefinitionStatus.PUBLISHED


def test_publish_action_shows_every_problem(admin_client):
    steps = simple_steps(hours=("100", "4", "0"))
    steps[2]["is_terminal"] = False
    definition = make_definition(publish_procedure(), steps)
    response = admin_client.post(URL, {"action": "publish", "_selected_action": [definition.pk]}, follow=True)
    text = response.content.decode()
    assert "bước kết thúc" in text and "vượt thời hạn" in text
    definition.refresh_from_db()
    assert definition.status == DefinitionStatus.DRAFT


def test_export_action_downloads_json(admin_client):
    definition = default_definition_for(publish_procedure())
    response = admin_client.post(URL, {"action": "export_json", "_selected_action": [definition.pk]})
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["steps"][0]["key"] == "thu-ly"


def _inline_management(prefix, total=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def test_adding_a_draft_numbers_it_in_its_series(admin_client):
    procedure = publish_procedure()
    default_definition_for(procedure)
    data = {
        "procedure": procedure.pk,
        "name": "Quy trình mới",
        "description": "",
        **_inline_management("steps", 1),
        **_inline_management("transitions"),
        "steps-0-position": "1",
        "steps-0-key": "thu-ly",
        "steps-0-name": "Thụ lý",
        "steps-0-kind": "normal",
        "steps-0-role": "processing_officer",
        "steps-0-allotment_hours": "4",
        "steps-0-public_status": "Đang thụ lý",
        "steps-0-required_component_positions": "[]",
        "steps-0-required_fields": "[]",
    }
    response = admin_client.post(f"{URL}add/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    draft = ProcessDefinition.objects.get(procedure=procedure, name="Quy trình mới")
    assert draft.number == 2 and draft.status == DefinitionStatus.DRAFT
    assert draft.steps.get().key == "thu-ly"
