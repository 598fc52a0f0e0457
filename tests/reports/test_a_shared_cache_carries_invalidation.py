"""With a cache shared by every process (MOTCUA_CACHE_URL, Redis), `rebuild_rollups` run in another
process invalidates what this process keeps for the day (reports/cache.py): the real Redis on loopback,
the real command in a subprocess."""

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
import redis
from django.conf import settings as django_settings

from motcua.reports import cache

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def shared_cache(settings):
    url = django_settings.MOTCUA_REDIS_URL
    try:
        redis.Redis.from_url(url).ping()
    except redis.ConnectionError:
        pytest.skip("no Redis at MOTCUA_REDIS_URL")  # CI starts one; this machine has 127.0.0.1:6379
    prefix = f"motcua-test-{uuid.uuid4().hex[:8]}"
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": prefix,
        }
    }
    yield url, prefix
    connection = redis.Redis.from_url(url)
    for key in connection.scan_iter(f"{prefix}:*"):
        connection.delete(key)


@pytest.mark.django_db(transaction=True)
def test_a_rebuild_in_another_process_reaches_this_one(shared_cache):
    url, prefix = shared_cache
    calls = []

    def compute():
        calls.append(1)
        return len(calls)

    assert cache.daily(("probe",), compute) == 1
    assert cache.daily(("probe",), compute) == 1  # kept
    env = {
        **os.environ,
        "MOTCUA_CACHE_URL": url,
        "MOTCUA_CACHE_PREFIX": prefix,
        "DATABASE_URL": _database_url(),
        "PYTHONPATH": str(ROOT / "src"),
    }
    subprocess.run(
        [sys.executable, "-m", "motcua.manage", "rebuild_rollups"], env=env, check=True, capture_output=True
    )
    assert cache.daily(("probe",), compute) == 2  # the other process's rebuild bumped the generation


def _database_url() -> str:
    from django.db import connection

    db = connection.settings_dict
    if connection.vendor == "postgresql":
        return f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    return f"sqlite:///{db['NAME']}"
