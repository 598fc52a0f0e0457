"""Every HTML page is sent with a strict Content-Security-Policy (scripts and styles from this site
only, nothing inline, no plugins, no framing), and no page needs inline script or style to work."""

import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.test import Client

from tests.portal.world import make_portal_world

pytestmark = pytest.mark.django_db

SRC = Path(__file__).resolve().parents[2] / "src" / "motcua"
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>", re.I)
HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.I)
STYLE = re.compile(r"<style\b|\sstyle\s*=", re.I)


def directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    return {d.split()[0]: d.split()[1:] for d in policy.split(";") if d.strip()}


def assert_strict(response):
    policy = directives(response)
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"] and policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"] and policy["base-uri"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]


def assert_nothing_inline(html: str, where: str):
    assert not INLINE_SCRIPT.search(html), (where, INLINE_SCRIPT.search(html))
    assert not HANDLER.search(html), (where, HANDLER.search(html))
    assert not STYLE.search(html), (where, STYLE.search(html))


def test_pages_of_every_area_carry_the_policy_and_need_nothing_inline(db):
    world = make_portal_world()
    anonymous, citizen, officer = Client(), Client(), Client()
    citizen.force_login(world.citizen)
    officer.force_login(world.desk)
    pages = [
        (anonymous, "/"),
        (anonymous, "/thu-tuc/?q=khai+sinh"),
        (anonymous, f"/thu-tuc/{world.procedure.code}/"),
        (anonymous, "/tra-cuu/"),
        (anonymous, "/lich-lam-viec/"),
        (anonymous, "/tai-khoan/dang-nhap/"),
        (anonymous, "/tai-khoan/dang-ky/cong-dan/"),
        (anonymous, "/khong-co-trang-nay/"),
        (anonymous, "/thu-tuc/?q=%00"),  # a refusal of core.bad_input
        (citizen, "/ho-so/"),
        (citizen, "/tai-khoan/thong-tin/"),
        (officer, "/can-bo/"),
    ]
    for client, url in pages:
        response = client.get(url)
        assert response["Content-Type"].startswith("text/html"), url
        assert_strict(response)
        assert_nothing_inline(response.content.decode(), url)


def test_templates_hold_no_inline_script_handler_or_style():
    # documents/ templates are rendered to PDF by WeasyPrint, never sent to a browser.
    templates = [p for p in SRC.rglob("templates/**/*.html") if "documents" not in p.parts]
    assert len(templates) > 40
    for template in templates:
        assert_nothing_inline(template.read_text(), str(template.relative_to(SRC)))


def test_the_api_docs_page_renders_with_its_scripts_allowed(client):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    assert_strict(response)
    html = response.content.decode()
    assert_nothing_inline(html, "/api/v1/docs")  # its settings are a JSON data block, not a script
    scripts = re.findall(r'<script src="([^"]+)"', html)
    assert scripts == ["/static/ninja/swagger-ui-bundle.js", "/static/ninja/swagger-ui-init.js"]
    for src in scripts:  # local static files (no CDN), so 'self' allows them
        assert finders.find(src.removeprefix("/static/")), src


def test_the_openid_provider_is_an_allowed_form_target_when_configured(tmp_path):
    env = {
        "MOTCUA_VAR_DIR": str(tmp_path),
        "MOTCUA_OIDC_ISSUER": "https://sso.dichvucong.example.vn/realms/cd",
        "MOTCUA_OIDC_AUTHORIZATION_ENDPOINT": "https://id.example.vn/authorize",
        "PATH": "/usr/bin:/bin",
        "PYTHONPATH": str(SRC.parent),
    }
    code = "import motcua.settings as s; print(' '.join(s.SECURE_CSP['form-action']))"
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["'self'", "https://id.example.vn", "https://sso.dichvucong.example.vn"]
