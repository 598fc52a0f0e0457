"""The catalogue pull from the (fake) national portal: LayDanhSachTTHC then LayThuTuc over loopback
HTTP, published as catalogue versions through the import door; a second pull adds nothing; a bad
record is refused with its problems and the others still arrive; the command and the job."""

import copy
import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from motcua.catalog.models import Procedure, ProcedureVersion
from motcua.integrations.national_portal.catalogue import catalogue_pull
from motcua.jobs.tasks import national_catalogue_pull
from tests.factories.organizations import AgencyFactory

DATA = Path(__file__).resolve().parents[1] / "catalog" / "data" / "catalogue_valid.json"


@pytest.fixture
def portal_catalogue(db, fake_portal):
    AgencyFactory(identifier="000.00.91.H98")
    AgencyFactory(identifier="000.00.92.H98")
    records = json.loads(DATA.read_text())["data"]
    fake_portal.state.catalogue = {r["MATTHC"]: r for r in records}
    return records


def test_pull_publishes_then_settles(portal_catalogue, fake_portal):
    report = catalogue_pull()
    assert sorted(report.created) == sorted(r["MATTHC"] for r in portal_catalogue)
    versions = ProcedureVersion.objects.count()
    assert Procedure.objects.filter(code__in=report.created).count() == len(portal_catalogue)
    again = catalogue_pull()
    assert again.created == [] and sorted(again.unchanged) == sorted(report.created)
    assert ProcedureVersion.objects.count() == versions
    services = [c["service"] for c in fake_portal.state.calls]
    assert services.count("LayDanhSachTTHC") == 2


def test_a_bad_record_is_refused_alone(portal_catalogue, fake_portal):
    first = portal_catalogue[0]["MATTHC"]
    bad = copy.deepcopy(portal_catalogue[0])
    bad["COQUANTHUCHIEN"] = [{"MADONVI": "999.99.99.H00", "TENDONVI": "?"}]
    fake_portal.state.catalogue[first] = bad
    report = catalogue_pull()
    assert list(report.refused) == [first]
    assert any("999.99.99.H00" in p for p in report.refused[first])
    assert first not in report.created and len(report.created) == len(portal_catalogue) - 1


def test_command_and_job(portal_catalogue, fake_portal, settings):
    out = StringIO()
    code = portal_catalogue[0]["MATTHC"]
    call_command("pull_national_catalogue", "--code", code, stdout=out)
    assert "new versions: 1" in out.getvalue()
    with pytest.raises(CommandError):
        call_command("pull_national_catalogue", "--code", "9.999999", stdout=StringIO())  # not there
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    result = national_catalogue_pull.enqueue()
    assert set(result.return_value["unchanged"]) == {code}
    assert len(result.return_value["created"]) == len(portal_catalogue) - 1
