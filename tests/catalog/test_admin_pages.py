import pytest

from motcua.catalog.models import ProcedureVersion, VersionStatus
from tests.factories.catalog import publish_procedure
from tests.factories.organizations import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def test_admin_lists_and_searches_procedures_with_folded_terms(admin_client):
    publish_procedure(name="Thủ tục đăng ký khai sinh")
    response = admin_client.get("/admin/catalog/procedure/", {"q": "dang ky khai sinh"})
    assert response.status_code == 200
    assert "Thủ tục đăng ký khai sinh" in response.content.decode()


def test_admin_login_page_is_vietnamese(client):
    html = client.get("/admin/login/").content.decode()
    assert "Đăng nhập" in html


def test_published_version_cannot_be_edited_but_can_become_a_draft(admin_client):
    procedure = publish_procedure()
    version = procedure.current_version
    url = f"/admin/catalog/procedureversion/{version.pk}/change/"
    response = admin_client.post(url, {"name": "Sửa trực tiếp"})
    assert response.status_code == 403
    admin_client.post(
        "/admin/catalog/procedureversion/",
        {"action": "make_draft", "_selected_action": [version.pk]},
    )
    draft = ProcedureVersion.objects.get(procedure=procedure, status=VersionStatus.DRAFT)
    assert draft.number == 2
    admin_client.post(
        "/admin/catalog/procedureversion/", {"action": "publish", "_selected_action": [draft.pk]}
    )
    draft.refresh_from_db()
    assert draft.status == VersionStatus.PUBLISHED


def test_admin_changelists_render(admin_client):
    publish_procedure()
    for url in [
        "/admin/organizations/agency/",
        "/admin/organizations/user/",
        "/admin/organizations/staffrole/",
        "/admin/organizations/applicant/",
        "/admin/organizations/delegation/",
        "/admin/catalog/procedureversion/",
        "/admin/catalog/sector/",
    ]:
        assert admin_client.get(url).status_code == 200, url
