"""The login and lookup limits at their exact boundary, with the shipped settings (5 failed logins
per account, 10 lookup misses per address): N-1 failures lock nothing (the right answer still works);
the N-th failure is itself answered 429 (it announces the lock), and from then on every try is refused,
the right one too."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.test import Client

from motcua.core import clock
from tests.dossiers.world import PASSWORD, receive

pytestmark = pytest.mark.django_db


def _login(client, password):
    response = client.post(
        "/api/v1/auth/token", {"username": "congdan", "password": password}, content_type="application/json"
    )
    return response.status_code, response.json()


def test_login_locks_at_the_fifth_failure(world, fixed_clock):
    limit = settings.MOTCUA_LOGIN_MAX_FAILURES_PER_IDENTIFIER
    assert limit == 5  # what docs/operations.md and docs/accounts.md state
    client = Client(REMOTE_ADDR="203.0.113.20")
    for _ in range(limit - 1):
        assert _login(client, "sai")[0] == 401
    assert _login(client, PASSWORD)[0] == 201  # four failures lock nothing (and the success resets)
    fixed_clock.set(clock.now() + timedelta(seconds=1))  # failures count from after the success
    for _ in range(limit - 1):
        assert _login(client, "sai")[0] == 401
    status, body = _login(client, "sai")
    assert (status, body["code"]) == (429, "too_many_logins")
    assert _login(client, PASSWORD)[0] == 429


def _lookup(client, code, id_number):
    return client.post(
        f"/api/v1/dossiers/{code}/lookup", {"id_number": id_number}, "application/json"
    ).status_code


def test_lookup_blocks_a_code_at_the_fifth_miss(world, fixed_clock):
    limit = settings.MOTCUA_LOOKUP_MAX_MISSES_PER_CODE
    assert limit == 5  # what docs/operations.md and docs/portal.md state
    dossier = receive(world)
    right = world.applicant.id_number
    client = Client(REMOTE_ADDR="203.0.113.21")
    for n in range(limit - 1):
        assert _lookup(client, dossier.code, f"00000000{n:04d}") == 404
    assert _lookup(client, dossier.code, right) == 200  # four misses block nothing
    assert _lookup(client, dossier.code, "000000009999") == 429
    assert _lookup(client, dossier.code, right) == 429
