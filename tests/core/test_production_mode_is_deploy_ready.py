"""Production mode (MOTCUA_PRODUCTION=1 with a SECRET_KEY) passes `manage.py check --deploy` with no
warning, turns DEBUG off, redirects plain HTTP to HTTPS (learning the scheme from the proxy's
X-Forwarded-Proto) and sends HSTS. Settings are read once per process, so each check runs in a fresh
interpreter with the production environment."""

import json
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src"


@pytest.fixture
def production_env(tmp_path):
    return {
        "PATH": "/usr/bin:/bin",
        "PYTHONPATH": str(SRC),
        "DJANGO_SETTINGS_MODULE": "motcua.settings",
        "MOTCUA_PRODUCTION": "1",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "MOTCUA_ALLOWED_HOSTS": "dichvucong.example.vn",
        "MOTCUA_PUBLIC_URL": "https://dichvucong.example.vn",
        "MOTCUA_VAR_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }


def run(env, *args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, *args], env=env, capture_output=True, text=True, timeout=120)


def test_check_deploy_is_clean_in_production_mode(production_env):
    result = run(production_env, "-m", "motcua.manage", "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_check_deploy_fails_without_a_public_url(production_env):
    """Without MOTCUA_PUBLIC_URL, links (QR codes, password-reset e-mails) would name a development
    address; in production the Host header is never used for them (core.public_url)."""
    del production_env["MOTCUA_PUBLIC_URL"]
    result = run(production_env, "-m", "motcua.manage", "check", "--deploy")
    assert result.returncode != 0 and "core.E001" in result.stdout + result.stderr
    production_env["MOTCUA_PUBLIC_URL"] = "http://dichvucong.example.vn"
    result = run(production_env, "-m", "motcua.manage", "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode != 0 and "core.W001" in result.stdout + result.stderr


def test_check_deploy_warns_in_development_mode(production_env):
    """The test above can fail: without production mode the same check complains."""
    env = {**production_env, "MOTCUA_PRODUCTION": "0"}
    result = run(env, "-m", "motcua.manage", "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode != 0
    assert "security.W004" in result.stderr and "security.W008" in result.stderr  # HSTS, SSL redirect


PROBE = """
import json, django
django.setup()
from django.conf import settings
from django.test import Client
client = Client(raise_request_exception=False)
plain = client.get("/api/v1/openapi.json", headers={"Host": "dichvucong.example.vn"})
proxied = client.get(
    "/api/v1/openapi.json",
    headers={"Host": "dichvucong.example.vn", "X-Forwarded-Proto": "https"},
)
print(json.dumps({
    "debug": settings.DEBUG,
    "plain": [plain.status_code, plain.get("Location")],
    "proxied": [proxied.status_code, proxied.get("Strict-Transport-Security")],
    "cookies_secure": [settings.SESSION_COOKIE_SECURE, settings.CSRF_COOKIE_SECURE],
}))
"""


def test_production_mode_redirects_to_https_and_sends_hsts(production_env):
    result = run(production_env, "-c", PROBE)
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen["debug"] is False
    assert seen["plain"] == [301, "https://dichvucong.example.vn/api/v1/openapi.json"]
    assert seen["proxied"] == [200, "max-age=31536000; includeSubDomains; preload"]
    assert seen["cookies_secure"] == [True, True]


def test_exempt_paths_answer_over_plain_http(production_env):
    env = {**production_env, "MOTCUA_SSL_REDIRECT_EXEMPT": r"^api/v1/openapi\.json$"}
    result = run(env, "-c", PROBE)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1])["plain"] == [200, None]
