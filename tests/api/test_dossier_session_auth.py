import pytest
from django.test import Client

from tests.dossiers.world import FixedClock, make_world, multipart, online_body, vn

pytestmark = pytest.mark.django_db


def test_session_writes_need_the_csrf_token_and_openapi_lists_the_routes():
    FixedClock(vn(2026, 3, 2, 9, 0))
    world = make_world()
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.citizen)
    body = online_body(world)
    response = client.post("/api/v1/dossiers", multipart(body))
    assert response.status_code in (401, 403) and response["Content-Type"] == "application/problem+json"
    secret = "k" * 32  # a CSRF secret in the cookie and the same in the header
    client.cookies["csrftoken"] = secret
    response = client.post("/api/v1/dossiers", multipart(body), headers={"X-CSRFToken": secret})
    assert response.status_code == 201, response.content
    paths = Client().get("/api/v1/openapi.json").json()["paths"]
    assert {"/api/v1/dossiers", "/api/v1/dossiers/{code}/actions/receive", "/api/v1/auth/token"} <= set(paths)
