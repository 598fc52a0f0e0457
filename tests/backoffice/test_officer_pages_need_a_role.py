"""Only staff holding a role (or a delegation) now reach the back office; others get the login page or 403."""

import pytest

from motcua.organizations.models import Role
from tests.dossiers.world import receive
from tests.factories.organizations import StaffRoleFactory, UserFactory

PAGES = ["/can-bo/", "/can-bo/so-theo-doi/", "/can-bo/uy-quyen/"]


@pytest.mark.parametrize("url", PAGES)
def test_anonymous_is_sent_to_the_login_page(client, world, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/tai-khoan/dang-nhap/?next=")


@pytest.mark.parametrize("url", [*PAGES, "/can-bo/tiep-nhan/"])
def test_citizen_and_staff_without_a_role_get_403(login, world, url):
    assert login(world.citizen).get(url).status_code == 403
    assert login(UserFactory(is_staff=True)).get(url).status_code == 403


def test_expired_role_gives_403(login, world):
    stale = StaffRoleFactory(role=Role.DESK_OFFICER, agency=world.centre, valid_to="2020-01-01").user
    assert login(stale).get("/can-bo/").status_code == 403


def test_only_the_desk_registers_dossiers(login, world):
    assert login(world.officer).get("/can-bo/tiep-nhan/").status_code == 403
    assert login(world.desk).get("/can-bo/tiep-nhan/").status_code == 200


def test_officer_of_another_agency_cannot_see_or_act(login, world):
    """A dossier the officer may not see answers as an unknown code does (404, as the API)."""
    dossier = receive(world)
    client = login(world.other_officer)
    base = f"/can-bo/ho-so/{dossier.code}/"
    assert client.get(base).status_code == 404
    assert client.get(base + "mau-01.pdf").status_code == 404
    response = client.post(base + "thao-tac/forward/", {"expected_version": dossier.version})
    assert response.status_code == 404
    unknown = f"/can-bo/ho-so/{dossier.code[:-4]}9999/"
    assert client.get(unknown).status_code == client.get(unknown + "mau-01.pdf").status_code == 404
    dossier.refresh_from_db()
    assert dossier.version == 1 and dossier.state == "received"


def test_unknown_dossier_is_404(login, world):
    assert login(world.desk).get("/can-bo/ho-so/000.00.00.H99-990101-0001/").status_code == 404
