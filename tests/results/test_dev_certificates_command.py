"""`manage.py make_dev_signing_certs`: a development CA kept under MOTCUA_VAR_DIR (key 0600, reused on
the next run) and a certificate for each agency without one; nothing under the source tree."""

import stat
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from motcua.results.models import SigningCertificate
from tests.factories.organizations import AgencyFactory

pytestmark = pytest.mark.django_db


def test_the_command_certifies_agencies_with_one_ca(settings, tmp_path):
    settings.VAR_DIR = tmp_path / "var"
    agencies = [
        AgencyFactory(name=f"Cơ quan thử nghiệm số {i} có tên rất dài để vượt 64 byte") for i in (1, 2)
    ]
    call_command("make_dev_signing_certs", stdout=StringIO())
    rows = list(SigningCertificate.objects.filter(is_active=True, is_development=True))
    assert {r.agency_id for r in rows} == {a.pk for a in agencies}
    key = settings.VAR_DIR / "dev-signing-ca" / "ca-key.pem"
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    ca = (settings.VAR_DIR / "dev-signing-ca" / "ca.pem").read_text()
    assert all(r.chain_pem.strip() == ca.strip() for r in rows)  # one CA for all
    AgencyFactory(name="Cơ quan mới")
    out = StringIO()
    call_command("make_dev_signing_certs", stdout=out)
    assert "new certificates: 1" in out.getvalue()
    assert (settings.VAR_DIR / "dev-signing-ca" / "ca.pem").read_text() == ca  # the same CA, reused
    src = Path(__file__).resolve().parents[2] / "src"
    assert not list(src.rglob("*key*.pem"))
