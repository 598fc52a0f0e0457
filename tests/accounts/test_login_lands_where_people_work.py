import pytest

from motcua.organizations.models import Role
from tests.factories.organizations import ApplicantFactory, StaffRoleFactory, UserFactory

pytestmark = pytest.mark.django_db

LOGIN = "/tai-khoan/dang-nhap/"
PASSWORD = "matkhau-thu-nghiem"


def test_an_officer_lands_on_the_worklist(client):
    role = StaffRoleFactory(role=Role.DESK_OFFICER)
    response = client.post(LOGIN, {"username": role.user.username, "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/can-bo/"


def test_a_citizen_lands_on_their_dossiers(client):
    user = UserFactory()
    ApplicantFactory(user=user)
    response = client.post(LOGIN, {"username": user.username, "password": PASSWORD})
    assert response["Location"] == "/ho-so/"


def test_next_still_wins(client):
    role = StaffRoleFactory(role=Role.DESK_OFFICER)
    response = client.post(LOGIN + "?next=/thu-tuc/", {"username": role.user.username, "password": PASSWORD})
    assert response["Location"] == "/thu-tuc/"
