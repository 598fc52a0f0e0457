"""The province admin uploads an agency's certificate as PKCS#12 (with its passphrase) in the admin;
the private key is stored only encrypted (not the key's bytes, not readable with another secret), a
wrong passphrase is refused with a clear message, and an officer may not reach the page."""

import pytest
from cryptography.hazmat.primitives.serialization import BestAvailableEncryption, pkcs12
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from motcua.results import devca, keys
from motcua.results.models import SigningCertificate
from tests.factories.organizations import AgencyFactory, StaffRoleFactory, UserFactory

pytestmark = pytest.mark.django_db


def _p12(material, passphrase: bytes) -> bytes:
    from cryptography.hazmat.primitives.serialization import load_der_private_key

    key = load_der_private_key(material.key_der, None)
    return pkcs12.serialize_key_and_certificates(
        b"agency", key, material.certificate, material.chain, BestAvailableEncryption(passphrase)
    )


def test_the_province_admin_uploads_pkcs12_and_the_key_is_stored_encrypted(settings):
    agency = AgencyFactory(name="Sở Tư pháp")
    admin = UserFactory(username="quantritinh", is_staff=True, is_superuser=True)
    material = devca.issue(devca.make_ca(), agency.name)
    client = Client()
    client.force_login(admin)
    url = "/admin/results/signingcertificate/add/"
    wrong = client.post(
        url,
        {"agency": agency.pk, "label": "Sở Tư pháp 2026", "passphrase": "sai",
         "pkcs12": SimpleUploadedFile("so-tu-phap.p12", _p12(material, b"dung-mat-khau"))},
    )  # fmt: skip
    assert wrong.status_code == 200 and "sai mật khẩu" in wrong.content.decode()
    assert not SigningCertificate.objects.exists()
    response = client.post(
        url,
        {"agency": agency.pk, "label": "Sở Tư pháp 2026", "passphrase": "dung-mat-khau",
         "pkcs12": SimpleUploadedFile("so-tu-phap.p12", _p12(material, b"dung-mat-khau"))},
    )  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:3000]
    row = SigningCertificate.objects.get(agency=agency, is_active=True)
    assert row.fingerprint == material.fingerprint and row.created_by == admin
    assert material.key_der not in bytes(row.key_encrypted)
    assert keys.decrypt(row.key_encrypted) == material.key_der
    settings.MOTCUA_SIGNING_SECRET = "mot-bi-mat-khac"
    with pytest.raises(keys.CertificateRejected):
        keys.decrypt(row.key_encrypted)


def test_an_officer_cannot_reach_the_certificates():
    officer = StaffRoleFactory(role="leader").user
    officer.is_staff = True
    officer.save()
    client = Client()
    client.force_login(officer)
    assert client.get("/admin/results/signingcertificate/").status_code in (302, 403)
