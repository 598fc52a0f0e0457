"""The anonymous API lookup counts misses per code and address like the portal's /tra-cuu/: past the
limit the address gets 429 (with Retry-After) even for a right guess, until the window has passed."""

import json
from datetime import timedelta

import pytest
from django.test import Client

from motcua.core import clock
from motcua.portal.models import LookupAttempt
from tests.dossiers.world import receive

pytestmark = pytest.mark.django_db


@pytest.fixture
def limited(settings):
    settings.MOTCUA_LOOKUP_MAX_MISSES_PER_CODE = 3
    settings.MOTCUA_LOOKUP_WINDOW_MINUTES = 15


def _lookup(client, code, id_number):
    response = client.post(f"/api/v1/dossiers/{code}/lookup", {"id_number": id_number}, "application/json")
    return response.status_code, json.loads(response.content), response


def test_misses_block_the_address_then_the_window_frees_it(world, fixed_clock, limited):
    dossier = receive(world)
    right = world.applicant.id_number
    client = Client(REMOTE_ADDR="203.0.113.7")
    assert _lookup(client, dossier.code, right)[0] == 200
    for guess in ("000000000001", "000000000002"):
        status, body, _ = _lookup(client, dossier.code, guess)
        assert status == 404 and body["code"] == "dossier_not_found"
    status, body, response = _lookup(client, dossier.code, "000000000003")
    assert status == 429 and body["code"] == "too_many_lookups"
    assert body["detail"].startswith("Tra cứu không thành công") and body["detail_en"].startswith("Too many")
    assert response["Content-Type"].startswith("application/problem+json")
    assert 0 < int(response["Retry-After"]) <= 15 * 60
    assert _lookup(client, dossier.code, right)[0] == 429  # a right guess is not confirmed either
    assert _lookup(Client(REMOTE_ADDR="203.0.113.8"), dossier.code, right)[0] == 200  # another address
    fixed_clock.set(clock.now() + timedelta(minutes=16))
    assert _lookup(client, dossier.code, right)[0] == 200
    assert LookupAttempt.objects.filter(ip_address="203.0.113.7", found=False).count() == 3
