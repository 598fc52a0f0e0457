"""The portal's upload step offers no file input for a component that is only presented at the desk
("xuất trình"), says to bring the original, and its pre-check does not ask for it."""

from motcua.catalog.models import Component, ComponentKind
from motcua.catalog.selectors import version_rules_cache_clear
from motcua.portal.services import draft_problems

from .helpers import start, step_url
from .world import BIRTH_FORM, pdf


def test_present_only_component_has_no_upload_and_is_not_required_online(world, citizen_client):
    Component.objects.filter(version=world.version, position=3).update(kind=ComponentKind.PRESENT)
    version_rules_cache_clear()
    draft = start(citizen_client)
    citizen_client.post(step_url(draft, "thong-tin"), {**BIRTH_FORM, "go": "next"})
    page = citizen_client.get(step_url(draft, "giay-to")).content.decode()
    assert 'name="component_1"' in page and 'name="component_3"' not in page
    assert "mang bản chính đến bộ phận một cửa để xuất trình" in page
    citizen_client.post(
        step_url(draft, "giay-to"),
        {"component_1": [pdf("to-khai.pdf")], "component_2": [pdf("giay-chung-sinh.pdf")], "go": "stay"},
    )
    draft.refresh_from_db()
    name_3 = Component.objects.get(version=world.version, position=3).name
    assert not any(name_3 in problem for problem in draft_problems(draft))
