"""Production mode (MOTCUA_PRODUCTION=1) is never a demo, whatever MOTCUA_DEMO says: no /demo/ page
listing the shared password, no `load_demo`, and the demo's published password opens no account even
if a database loaded with the demo is promoted to production."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from motcua.demo.staff import DEMO_PASSWORD
from tests.factories.organizations import UserFactory

pytestmark = pytest.mark.django_db
LOGIN = "/tai-khoan/dang-nhap/"


def test_no_demo_page_in_production(client, settings):
    settings.MOTCUA_DEMO = True
    settings.PRODUCTION = True
    assert client.get("/demo/").status_code == 404


def test_load_demo_refuses_in_production(settings):
    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="MOTCUA_PRODUCTION"):
        call_command("load_demo", stdout=StringIO())


def test_demo_password_opens_nothing_in_production(client, settings):
    user = UserFactory(username="thuly.demo")
    user.set_password(DEMO_PASSWORD)
    user.save()
    settings.PRODUCTION = True
    response = client.post(LOGIN, {"username": "thuly.demo", "password": DEMO_PASSWORD})
    assert response.status_code == 200 and "_auth_user_id" not in client.session
    api = client.post(
        "/api/v1/auth/token",
        data={"username": "thuly.demo", "password": DEMO_PASSWORD},
        content_type="application/json",
    )
    assert api.status_code in (400, 401), api.content

    settings.PRODUCTION = False  # the same account in development: the password works
    response = client.post(LOGIN, {"username": "thuly.demo", "password": DEMO_PASSWORD})
    assert response.status_code == 302 and "_auth_user_id" in client.session
