"""The demo citizen `congdan` has a returned dossier with a signed e-result: valid against the demo's
development CA, on record, listed by the dossier API with its download URL, and in congdan's store.
Every agency has a development signing certificate; the CA's key is under MOTCUA_VAR_DIR (0600)."""

import stat

import pytest
from django.test import Client

from motcua.demo.loader import load_demo
from motcua.dossiers.models import Dossier
from motcua.organizations.models import Agency
from motcua.results import verification
from motcua.results.models import SigningCertificate
from motcua.store.models import StoredDocument

pytestmark = pytest.mark.django_db


def test_congdan_has_a_returned_dossier_with_a_signed_e_result(settings):
    load_demo()
    assert SigningCertificate.objects.filter(is_active=True).count() == Agency.objects.count()
    key = settings.VAR_DIR / "dev-signing-ca" / "ca-key.pem"
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    dossier = Dossier.objects.get(applicant__user__username="congdan", signed_documents__result__isnull=False)
    assert dossier.state == "returned" and dossier.return_channel == "electronic"
    result = dossier.results.get()
    verdict = verification.verify_bytes(result.file.read())
    assert verdict.valid and verdict.issued_here and verdict.dossier == dossier.code

    client = Client()
    client.force_login(dossier.applicant.user)
    body = client.get(f"/api/v1/dossiers/{dossier.code}").json()
    (listed,) = body["results"]
    assert listed["download_url"] == f"/api/v1/dossiers/{dossier.code}/results/{result.pk}/file"
    download = client.get(listed["download_url"])
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    assert StoredDocument.objects.filter(
        applicant=dossier.applicant, source_dossier=dossier, signed=True
    ).exists()

    again = load_demo()  # idempotent: no second e-result
    assert again["dossiers"] == 0
    assert (
        Dossier.objects.filter(applicant__user__username="congdan", signed_documents__isnull=False).count()
        == 1
    )
