"""A citizen opening the officers' pages gets the product's 403 page (Vietnamese first, then English),
not a bare "403 Forbidden"; the site has an icon; every route the README names exists."""

import re
from pathlib import Path

import pytest
from django.test import Client

from tests.factories.organizations import ApplicantFactory, UserFactory

pytestmark = pytest.mark.django_db
README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")


def test_a_citizen_at_the_officers_pages_gets_the_styled_403(client):
    citizen = UserFactory(is_staff=False)
    ApplicantFactory(user=citizen)
    client.force_login(citizen)
    response = client.get("/can-bo/")
    assert response.status_code == 403
    html = response.content.decode()
    assert '<html lang="vi">' in html and "site.css" in html
    assert html.index("Không có quyền truy cập") < html.index("Forbidden")


def test_the_site_has_an_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith(".svg")
    assert 'rel="icon"' in client.get("/").content.decode()


def test_every_route_the_readme_names_exists(client, settings):
    settings.MOTCUA_DEMO = True
    paths = set(re.findall(r"`(/[a-z0-9\-/]*)`", README))
    paths = {p for p in paths if "<" not in p}
    assert {"/", "/thu-tuc/", "/ho-so/", "/tra-cuu/", "/tai-khoan/", "/can-bo/", "/demo/"} <= paths
    for path in sorted(paths):
        status = Client().get(path).status_code
        post_only = f"`{path}` (POST)" in README  # exists, answers GET with 405, not 404
        assert status in (200, 301, 302) or (post_only and status == 405), (path, status)
