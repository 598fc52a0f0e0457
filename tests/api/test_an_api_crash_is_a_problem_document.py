"""A bug under /api/ in production mode (DEBUG off, what MOTCUA_PRODUCTION=1 sets) is answered
500 application/problem+json, bilingual, without a traceback, and logged with one."""

import logging

import pytest

from motcua.dossiers import api as dossiers_api

from .test_dossier_full_life import Caller

pytestmark = pytest.mark.django_db


@pytest.fixture
def crashing_worklist(monkeypatch):
    """Forces a crash to SIMULATE an unexpected bug: the worklist's selector raises. Patching our own
    code is done here only because no real input may crash the API (that is what the rest of the
    suite checks)."""

    def crash(*args, **kwargs):
        raise RuntimeError("secret 8f3a")

    monkeypatch.setattr(dossiers_api, "dossier_worklist", crash)


def test_a_crash_in_production_mode_is_a_bilingual_problem(
    world, fixed_clock, settings, crashing_worklist, caplog
):
    settings.DEBUG = False
    citizen = Caller(world.citizen)
    with caplog.at_level(logging.ERROR, logger="django.request"):
        response = citizen.get("/api/v1/dossiers")
    assert response.status_code == 500
    assert response["Content-Type"] == "application/problem+json"
    problem = response.json()
    assert (problem["status"], problem["code"]) == (500, "internal_error")
    assert "lỗi" in problem["detail"] and "error" in problem["detail_en"]
    body = response.content.decode()
    assert "Traceback" not in body and "8f3a" not in body and "RuntimeError" not in body
    logged = [r for r in caplog.records if r.name == "django.request" and r.levelno == logging.ERROR]
    assert logged and logged[-1].exc_info[0] is RuntimeError


def test_a_crash_in_development_mode_keeps_the_traceback(world, fixed_clock, settings, crashing_worklist):
    settings.DEBUG = True
    with pytest.raises(RuntimeError, match="8f3a"):  # the test client re-raises what Django's page shows
        Caller(world.citizen).get("/api/v1/dossiers")
