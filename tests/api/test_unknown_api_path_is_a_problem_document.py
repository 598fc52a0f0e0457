"""A path under /api/v1/ that no route answers is a 404 problem document (Vietnamese and English), like
every other API error, whatever the method and whoever asks; known paths are untouched."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/nonexistent",
        "/api/v1/dossiers/a/b/c",
        "/api/v1/dossiers/..%2f..%2f",
        "/api/v1/dossiers/a%2Fb",
        "/api/v1/reports/",
    ],
)
@pytest.mark.parametrize("method", ["get", "post", "delete"])
def test_an_unknown_api_path_is_a_404_problem(path, method):
    response = getattr(Client(), method)(path)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["code"] == "not_found" and body["detail"] and body["detail_en"]


def test_known_paths_still_answer():
    client = Client()
    assert client.get("/api/v1/procedures").status_code == 200
    assert client.get("/api/v1/openapi.json").status_code == 200
    assert client.get("/api/v1/reports/summary").status_code == 401
