import pytest
from django.test import Client

from tests.factories.organizations import UserFactory

from .world import receive


def test_admin_lists_and_shows_dossiers_without_edit_rights(world, fixed_clock):
    dossier = receive(world)
    admin = UserFactory(is_staff=True, is_superuser=True)
    client = Client()
    client.force_login(admin)
    assert client.get("/admin/dossiers/dossier/").status_code == 200
    page = client.get(f"/admin/dossiers/dossier/{dossier.pk}/change/")
    assert page.status_code == 200 and dossier.code in page.content.decode()
    assert client.get("/admin/dossiers/dossier/add/").status_code == 403
    assert client.get("/admin/dossiers/outboxmessage/").status_code == 200
    assert client.get("/admin/dossiers/apitoken/").status_code == 200


pytestmark = pytest.mark.django_db
