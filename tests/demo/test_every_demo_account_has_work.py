"""Every demo account the README and the banner name has work: an officer logs in with the demo password
and finds at least one dossier in a bucket of their role; the citizen finds their dossiers; the admin
finds dossiers in the administration."""

import re
from io import StringIO

import pytest
from django.core.management import call_command

from motcua.backoffice.selectors import BUCKET_ROLES
from motcua.demo.banner import banner
from motcua.demo.staff import ADMIN_USERNAME, CITIZEN_USERNAME, DEMO_PASSWORD, STAFF
from motcua.organizations.models import Role

pytestmark = pytest.mark.django_db

README_ACCOUNTS = re.compile(r"`([a-z0-9]+\.[a-z0-9]+|admin|congdan)`")


@pytest.fixture
def demo(settings):
    """The demo province with its covering dossiers (and the 30 of the autouse setting)."""
    settings.MOTCUA_DEMO_DOSSIERS = 30
    call_command("load_demo", stdout=StringIO())


def listed_accounts() -> set[str]:
    """The accounts the README's demo-account lines and the banner name."""
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Demo accounts", 1)[1].split("\n## ", 1)[0]
    named = set(README_ACCOUNTS.findall(section))
    text = banner()
    known = {s.username for s in STAFF} | {ADMIN_USERNAME, CITIZEN_USERNAME}
    named |= {name for name in known if re.search(rf"(?<![\w.]){re.escape(name)}(?![\w.])", text)}
    return named


def test_the_banner_lists_every_account_whole():
    text = banner()
    assert not any(line.rstrip().endswith("…") for line in text.splitlines())
    for person in STAFF:
        assert person.username in text


def test_every_listed_officer_has_a_dossier_in_a_bucket_of_their_role(demo, client):
    accounts = listed_accounts()
    assert {"thuly.sotuphap", "lanhdao.sotuphap", "vanthu.sotuphap", "tiepnhan.vinhbao"} <= accounts
    roles = {s.username: s.role for s in STAFF}
    unknown = accounts - set(roles) - {ADMIN_USERNAME, CITIZEN_USERNAME}
    assert not unknown, f"the README names accounts the demo does not have: {unknown}"
    for username in sorted(accounts & set(roles)):
        assert client.login(username=username, password=DEMO_PASSWORD), username
        html = client.get("/can-bo/").content.decode()
        counts = dict(re.findall(r'data-count="([^"]+)">([^<]+)<', html))
        role = roles[username]
        mine = {k for k, allowed in BUCKET_ROLES.items() if role in allowed}
        if role in (Role.SUPERVISOR, Role.PROVINCE_ADMIN):
            mine |= {"giam-sat", "qua-han", "sap-den-han"}
        busy = {k: v for k, v in counts.items() if k in mine and v != "0"}
        assert busy, (username, counts)
        client.logout()


def test_the_citizen_and_the_admin_find_dossiers(demo, client):
    assert client.login(username=CITIZEN_USERNAME, password=DEMO_PASSWORD)
    html = client.get("/ho-so/").content.decode()
    assert len(re.findall(r"\d{3}\.\d{2}\.\d{2}\.H99-\d{6}-\d{4}", html)) >= 1
    client.logout()
    assert client.login(username=ADMIN_USERNAME, password=DEMO_PASSWORD)
    html = client.get("/admin/dossiers/dossier/").content.decode()
    assert len(re.findall(r"\d{3}\.\d{2}\.\d{2}\.H99-\d{6}-\d{4}", html)) >= 1
