"""The demo's national-portal dossiers: the loader creates the integration account; once the web
server answers, `forward` POSTs one or two records through the real inbound endpoint over loopback
HTTP, and they wait in the desk's "Chờ tiếp nhận (Cổng DVCQG)" bucket with a file per component and
the e-form filled; a second run sends nothing; a server that never answers is a line of the report,
never an exception."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client

from motcua.demo.national_inbound import ACCOUNT, CODE_PREFIX, forward
from motcua.dossiers.models import ApiToken, Dossier, DossierFile
from motcua.dossiers.states import Channel, State
from motcua.integrations.accounts import is_integration_account
from motcua.organizations.models import User

pytestmark = pytest.mark.django_db(transaction=True)


def test_forwarded_demo_dossiers_wait_at_the_desk(live_server):
    call_command("load_demo", stdout=StringIO())
    assert is_integration_account(User.objects.get(username=ACCOUNT))

    lines = forward(live_server.url, wait_seconds=10)

    assert lines and all(line.endswith("HTTP 201") for line in lines), lines
    forwarded = Dossier.objects.filter(code__startswith=CODE_PREFIX)
    assert forwarded.count() == len(lines) >= 1
    assert any(d.eform_data for d in forwarded)  # a procedure with an e-form is among them
    for d in forwarded:
        assert (d.channel, d.state) == (Channel.NATIONAL_PORTAL, State.SUBMITTED)
        assert set(d.eform_data) == {f["name"] for f in d.procedure_version.eform}
        positions = set(d.procedure_version.components.values_list("position", flat=True))
        assert (
            set(
                DossierFile.objects.filter(component__dossier=d).values_list("component__position", flat=True)
            )
            == positions
        )
    assert not ApiToken.objects.filter(user__username=ACCOUNT).exists()  # the demo's token is gone

    desk = User.objects.get(username="tiepnhan.ttpvhcc")
    client = Client()
    client.force_login(desk)
    page = client.get("/can-bo/?ds=cho-tiep-nhan-dvcqg").content.decode()
    assert f"{CODE_PREFIX}0001" in page

    assert forward(live_server.url, wait_seconds=10) == ["already forwarded"]
    assert Dossier.objects.filter(code__startswith=CODE_PREFIX).count() == len(lines)


def test_a_server_that_never_answers_is_reported_not_raised():
    call_command("load_demo", stdout=StringIO())

    lines = forward("http://127.0.0.1:9", wait_seconds=1)

    assert lines == ["server at http://127.0.0.1:9 did not answer"]
    assert not Dossier.objects.filter(code__startswith=CODE_PREFIX).exists()
