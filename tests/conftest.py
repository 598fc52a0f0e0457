import pytest

from motcua.core import clock


@pytest.fixture(autouse=True)
def _real_clock():
    """Every test starts and ends with the real clock, whatever a test set."""
    clock.set_now(None)
    yield
    clock.set_now(None)


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Argon2 is deliberately slow; tests that are not about hashing don't need to pay for it."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
