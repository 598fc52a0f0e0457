import pytest

from motcua.core import clock


@pytest.fixture(autouse=True)
def _real_clock():
    """Every test starts and ends with the real clock, whatever a test set."""
    clock.set_now(None)
    yield
    clock.set_now(None)
