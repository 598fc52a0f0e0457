"""A bearer token lives MOTCUA_API_TOKEN_TTL_HOURS from its creation; the token response says until
when, and from that instant the token is a 401 on every method."""

from datetime import timedelta

import pytest
from django.test import Client

from motcua.core import clock
from tests.dossiers.world import PASSWORD

pytestmark = pytest.mark.django_db


def _issue(username: str) -> dict:
    response = Client().post(
        "/api/v1/auth/token", {"username": username, "password": PASSWORD}, content_type="application/json"
    )
    assert response.status_code == 201, response.content
    return response.json()


def _get(token: str):
    return Client().get("/api/v1/dossiers", headers={"Authorization": f"Bearer {token}"})


def test_the_token_response_says_when_it_expires(world, fixed_clock, settings):
    settings.MOTCUA_API_TOKEN_TTL_HOURS = 8
    body = _issue(world.desk.username)
    assert body["expires_in"] == 8 * 3600
    expires = body["expires_at"].replace("Z", "+00:00")
    from datetime import datetime

    assert datetime.fromisoformat(expires) == clock.now() + timedelta(hours=8)


def test_a_token_works_until_its_expiry_then_is_refused(world, fixed_clock, settings):
    settings.MOTCUA_API_TOKEN_TTL_HOURS = 8
    token = _issue(world.desk.username)["token"]
    start = clock.now()
    fixed_clock.set(start + timedelta(hours=8) - timedelta(seconds=1))
    assert _get(token).status_code == 200
    fixed_clock.set(start + timedelta(hours=8))
    response = _get(token)
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["code"] == "invalid_token"
    assert response["WWW-Authenticate"] == 'Bearer error="invalid_token"'
    # a new login gives a new token that works
    assert _get(_issue(world.desk.username)["token"]).status_code == 200


def test_the_default_lifetime_is_thirty_days(world, fixed_clock):
    token = _issue(world.desk.username)["token"]
    start = clock.now()
    fixed_clock.set(start + timedelta(days=29, hours=23))
    assert _get(token).status_code == 200
    fixed_clock.set(start + timedelta(days=30))
    assert _get(token).status_code == 401
