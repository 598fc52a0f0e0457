"""A request that presents a bearer token is judged by the token alone: unknown, malformed, expired or
revoked is a 401 problem (Vietnamese and English, WWW-Authenticate: Bearer) on GET, POST and DELETE
alike (the API has no PUT or PATCH route: those are 405 whoever asks), never the session's 403 "CSRF
check failed". A session cookie keeps its CSRF check."""

from datetime import timedelta

import pytest
from django.test import Client

from motcua.api.auth import token_issue, token_revoke
from motcua.core import clock

pytestmark = pytest.mark.django_db

ENDPOINTS = [
    ("get", "/api/v1/dossiers"),
    ("post", "/api/v1/dossiers"),
    ("post", "/api/v1/dossiers/HS-0000/actions/receive"),
    ("delete", "/api/v1/auth/token"),
    ("get", "/api/v1/dossiers/HS-0000/events"),
    ("get", "/api/v1/dossiers/HS-0000"),
]


def _bad_tokens(world, fixed_clock) -> dict[str, str]:
    revoked = token_issue(world.desk)[1]
    token_revoke(revoked)
    fixed_clock.set(clock.now() - timedelta(days=31))
    expired = token_issue(world.desk)[1]
    fixed_clock.set(clock.now() + timedelta(days=31))
    return {"unknown": "mc_" + "x" * 43, "malformed": "not-a-token", "revoked": revoked, "expired": expired}


@pytest.mark.parametrize(("method", "path"), ENDPOINTS)
def test_every_bad_token_is_a_401_problem(world, fixed_clock, method, path):
    for kind, token in _bad_tokens(world, fixed_clock).items():
        # enforce_csrf_checks: the browser rules apply, so a fall-back to the session would be a 403
        client = Client(enforce_csrf_checks=True)
        client.force_login(world.citizen)  # even with a live session cookie alongside
        headers = {"Authorization": f"Bearer {token}"}
        if method == "get":
            response = client.get(path, headers=headers)
        else:
            response = getattr(client, method)(
                path, data="{}", content_type="application/json", headers=headers
            )
        assert response.status_code == 401, (kind, method, path, response.content)
        assert response["Content-Type"] == "application/problem+json"
        assert response["WWW-Authenticate"] == 'Bearer error="invalid_token"'
        body = response.json()
        assert body["code"] == "invalid_token"
        assert body["detail"].startswith("Mã truy cập không hợp lệ")
        assert body["detail_en"] == "The token is invalid, expired or revoked."


def test_no_credentials_at_all_is_a_401_naming_the_scheme(world, fixed_clock):
    response = Client().post("/api/v1/dossiers", data="{}", content_type="application/json")
    assert response.status_code == 401 and response["WWW-Authenticate"] == "Bearer"


def test_a_session_cookie_still_needs_the_csrf_token(world, fixed_clock):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.citizen)
    response = client.post("/api/v1/dossiers", data="{}", content_type="application/json")
    assert response.status_code == 403
    assert response["Content-Type"] == "application/problem+json"


def test_the_scheme_is_read_as_ninja_reads_it(world, fixed_clock):
    """`BearerToken` reads the header from META (api/auth.py) with ninja's rules: the scheme in any case,
    the token after the first space; another scheme is no token at all (the session decides, here none:
    401 naming the scheme)."""
    token = token_issue(world.desk)[1]
    for scheme in ("Bearer", "bearer", "BEARER"):
        response = Client().get("/api/v1/dossiers", headers={"Authorization": f"{scheme} {token}"})
        assert response.status_code == 200, (scheme, response.content)
    response = Client().get("/api/v1/dossiers", headers={"Authorization": f"Basic {token}"})
    assert response.status_code == 401 and response["WWW-Authenticate"] == "Bearer"
    client = Client()
    client.force_login(world.desk)  # a GET with the session: no CSRF token needed
    response = client.get("/api/v1/dossiers", headers={"Authorization": f"Token {token}"})
    assert response.status_code == 200, response.content
