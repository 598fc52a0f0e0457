"""Agencies' signing keys and certificates: loading what the province admin uploads (PKCS#12 with
its passphrase, or a PEM certificate + PEM private key + optional PEM chain), storing the private
key only encrypted (Fernet, AES-128-CBC + HMAC-SHA256, key derived from `MOTCUA_SIGNING_SECRET` or
else `SECRET_KEY`), and handing pyHanko a signer.

Errors: `CertificateRejected` (422, code `certificate_rejected`, both languages)."""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime

from cryptography import x509
from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.serialization import pkcs12
from django.conf import settings

from motcua.dossiers.errors import InvalidParams


class CertificateRejected(InvalidParams):
    code = "certificate_rejected"


def _fernet() -> Fernet:
    secret = settings.MOTCUA_SIGNING_SECRET or settings.SECRET_KEY
    digest = hashlib.sha256(b"motcua-signing-keys:" + secret.encode()).digest()
    return Fernet(base64.urlsafe_b64encode(digest))


def encrypt(der_key: bytes) -> bytes:
    return _fernet().encrypt(der_key)


def decrypt(token: bytes) -> bytes:
    try:
        return _fernet().decrypt(bytes(token))
    except InvalidToken:
        raise CertificateRejected(
            "Không giải mã được khóa ký của cơ quan (MOTCUA_SIGNING_SECRET đã đổi?).",
            "The agency's signing key cannot be decrypted (did MOTCUA_SIGNING_SECRET change?).",
            code="signing_key_unreadable",
        ) from None


@dataclass
class Material:
    """A certificate with its private key (PKCS#8 DER) and issuing chain, ready to store."""

    certificate: x509.Certificate
    key_der: bytes
    chain: list[x509.Certificate]

    @property
    def fingerprint(self) -> str:
        return self.certificate.fingerprint(hashes.SHA256()).hex()


def _pem(cert: x509.Certificate) -> str:
    return cert.public_bytes(serialization.Encoding.PEM).decode()


def _refuse(vi: str, en: str) -> CertificateRejected:
    return CertificateRejected(vi, en)


def from_pkcs12(data: bytes, passphrase: str) -> Material:
    """A PKCS#12 (.p12/.pfx) file and its passphrase → Material; CertificateRejected when unreadable."""
    try:
        key, cert, extra = pkcs12.load_key_and_certificates(data, passphrase.encode() or None)
    except ValueError:
        raise _refuse(
            "Không đọc được tệp PKCS#12 (sai mật khẩu hoặc tệp hỏng).",
            "The PKCS#12 file cannot be read (wrong passphrase or damaged file).",
        ) from None
    if key is None or cert is None:
        raise _refuse(
            "Tệp PKCS#12 thiếu khóa hoặc chứng thư.", "The PKCS#12 file lacks a key or certificate."
        )
    return _material(cert, key, list(extra or ()))


def from_pem(cert_pem: bytes, key_pem: bytes, chain_pem: bytes = b"", passphrase: str = "") -> Material:
    """PEM certificate + PEM private key (+ PEM chain) → Material; CertificateRejected when unreadable."""
    try:
        cert = x509.load_pem_x509_certificate(cert_pem)
        key = serialization.load_pem_private_key(key_pem, passphrase.encode() or None)
        chain = x509.load_pem_x509_certificates(chain_pem) if chain_pem.strip() else []
    except (ValueError, TypeError):
        raise _refuse(
            "Không đọc được chứng thư hoặc khóa PEM (sai mật khẩu hoặc tệp hỏng).",
            "The PEM certificate or key cannot be read (wrong passphrase or damaged file).",
        ) from None
    return _material(cert, key, chain)


def _material(cert, key, chain) -> Material:
    if cert.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    ) != key.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    ):
        raise _refuse(
            "Khóa bí mật không khớp với chứng thư.", "The private key does not match the certificate."
        )
    der = key.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    return Material(certificate=cert, key_der=der, chain=[c for c in chain if c != cert])


def install(agency, material: Material, *, label: str = "", user=None, development: bool = False):
    """Store `material` as `agency`'s active signing certificate (the previous one is deactivated).
    Returns the SigningCertificate. CertificateRejected when it has expired."""
    from django.db import transaction

    from .models import SigningCertificate

    cert = material.certificate
    if cert.not_valid_after_utc <= datetime.now(UTC):
        raise _refuse("Chứng thư đã hết hiệu lực.", "The certificate has expired.")
    with transaction.atomic():
        SigningCertificate.objects.filter(agency=agency, is_active=True).update(is_active=False)
        row, _ = SigningCertificate.objects.update_or_create(
            fingerprint=material.fingerprint,
            defaults={
                "agency": agency,
                "label": label[:255],
                "subject": cert.subject.rfc4514_string()[:500],
                "issuer": cert.issuer.rfc4514_string()[:500],
                "serial": format(cert.serial_number, "x")[:100],
                "not_before": cert.not_valid_before_utc,
                "not_after": cert.not_valid_after_utc,
                "certificate_pem": _pem(cert),
                "chain_pem": "".join(_pem(c) for c in material.chain),
                "key_encrypted": encrypt(material.key_der),
                "is_active": True,
                "is_development": development,
                "created_by": user,
            },
        )
    return row


def active_for(agency_id: int):
    """The agency's active SigningCertificate, or None."""
    from .models import SigningCertificate

    return SigningCertificate.objects.filter(agency_id=agency_id, is_active=True).first()


def chain_of(row) -> list[x509.Certificate]:
    return x509.load_pem_x509_certificates(row.chain_pem.encode()) if row.chain_pem.strip() else []


def certificate_of(row) -> x509.Certificate:
    return x509.load_pem_x509_certificate(row.certificate_pem.encode())


def pyhanko_signer(row):
    """A pyHanko SimpleSigner for a stored certificate (the key decrypted in memory only)."""
    from asn1crypto import keys as asn1_keys
    from asn1crypto import x509 as asn1_x509
    from pyhanko.sign.signers import SimpleSigner
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    der = lambda c: c.public_bytes(serialization.Encoding.DER)  # noqa: E731
    cert = asn1_x509.Certificate.load(der(certificate_of(row)))
    key = asn1_keys.PrivateKeyInfo.load(decrypt(row.key_encrypted))
    chain = [asn1_x509.Certificate.load(der(c)) for c in chain_of(row)]
    return SimpleSigner(
        signing_cert=cert, signing_key=key, cert_registry=SimpleCertificateStore.from_certs(chain)
    )
