import pytest

from motcua.workflow.runner import runner_cache_clear


@pytest.fixture(autouse=True)
def _fresh_runner_cache():
    runner_cache_clear()
    yield
    runner_cache_clear()
