import pytest

from tests.portal.world import make_portal_world


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploads go to a temporary directory, not the project's var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def world(db):
    return make_portal_world()


@pytest.fixture
def citizen_client(client, world):
    client.force_login(world.citizen)
    return client
