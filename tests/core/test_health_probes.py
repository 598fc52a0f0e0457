"""/healthz answers while the process is up; /readyz only while the database and the file storage
answer (core/health.py), so a load balancer takes a web process out of rotation when it cannot serve."""

import json
import secrets

import pytest

from tests.servers import Gunicorn, free_port


@pytest.mark.django_db
def test_both_probes_answer_ok_when_everything_is_up(client):
    health = client.get("/healthz")
    assert health.status_code == 200 and health.json() == {"status": "ok"}
    ready = client.get("/readyz")
    assert ready.status_code == 200
    assert ready.json() == {"status": "ok", "database": "ok", "storage": "ok"}
    assert ready["Cache-Control"] == "no-store"


@pytest.mark.django_db
def test_readiness_fails_when_the_storage_cannot_be_written(client, settings, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(blocker / "media")},
        },
    }
    ready = client.get("/readyz")
    assert ready.status_code == 503
    body = ready.json()
    assert body["status"] == "unavailable" and body["database"] == "ok" and body["storage"] != "ok"
    assert client.get("/healthz").status_code == 200


def test_readiness_fails_when_the_database_is_down(tmp_path):
    """A real gunicorn whose PostgreSQL is not there (nothing listens on the port): the process is alive
    (/healthz 200) but not ready (/readyz 503, naming the database), in production mode, over plain HTTP."""
    dead = f"postgres://postgres@127.0.0.1:{free_port()}/motcua_nowhere"
    env = {
        "MOTCUA_PRODUCTION": "1",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "MOTCUA_VAR_DIR": str(tmp_path),
        "DATABASE_URL": dead,
    }
    with Gunicorn(env) as server:
        status, _, body = server.request("GET", "/readyz")
        assert status == 503, body
        answer = json.loads(body)
        assert answer["database"] == "OperationalError" and answer["storage"] == "ok"
        assert server.request("GET", "/healthz")[0] == 200
        # Structured logs: the readiness failure is one JSON line, and so is the access log line.
        lines = [json.loads(line) for line in server.log_text().splitlines() if line.startswith("{")]
    assert any(line["message"].startswith("readiness failed: database=") for line in lines)
    access = [line for line in lines if line.get("path") == "/readyz"]
    assert access and access[0]["status"] == 503 and access[0]["method"] == "GET"
