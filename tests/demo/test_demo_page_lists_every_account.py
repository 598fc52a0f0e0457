"""The /demo/ page lists every demo account by role and agency, in demo mode only."""

from io import StringIO

import pytest
from django.core.management import call_command

from motcua.demo.staff import ADMIN_USERNAME, CITIZEN_USERNAME, STAFF

pytestmark = pytest.mark.django_db


def test_every_account_by_role_and_agency(client, settings):
    settings.MOTCUA_DEMO = True
    settings.MOTCUA_DEMO_DOSSIERS = 0
    call_command("load_demo", stdout=StringIO())
    html = client.get("/demo/").content.decode()
    for name in [s.username for s in STAFF] + [ADMIN_USERNAME, CITIZEN_USERNAME]:
        assert f'<code class="code">{name}</code>' in html, name
    assert "Sở Tư pháp" in html and "Văn thư" in html and "Giám sát" in html


def test_not_found_outside_demo_mode(client, settings):
    settings.MOTCUA_DEMO = False
    assert client.get("/demo/").status_code == 404
