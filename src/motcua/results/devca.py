"""A development certificate authority and agency signing certificates, for the demo and the tests
only (`manage.py make_dev_signing_certs`, the demo loader). Nothing here is for production: a real
agency's certificate comes from a licensed CA (Ban Cơ yếu Chính phủ for state agencies, Decree
68/2024/NĐ-CP) and is uploaded by the province admin (`keys.from_pkcs12` / `keys.from_pem`).

The CA's key lives in `<MOTCUA_VAR_DIR>/dev-signing-ca/` (ignored by git, mode 0600) so that the
certificates issued across runs chain to one root; tests make theirs in memory. Keys are ECDSA
P-256 (fast to make: the demo loads in a blink)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from .keys import Material

CA_NAME = "Một Cửa – CA phát triển (KHÔNG dùng thật)"


@dataclass
class DevCA:
    certificate: x509.Certificate
    key: ec.EllipticCurvePrivateKey

    @property
    def pem(self) -> bytes:
        return self.certificate.public_bytes(serialization.Encoding.PEM)


def _fit(text: str, limit: int = 64) -> str:
    """`text` cut to the X.520 upper bound of 64 (counted in UTF-8 bytes by the encoder)."""
    while len(text.encode()) > limit:
        text = text[:-1]
    return text.strip() or "?"


def _name(common: str, org: str = "Một Cửa (phát triển)") -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, _fit(org)),
            x509.NameAttribute(NameOID.COMMON_NAME, _fit(common)),
        ]
    )


def make_ca(common_name: str = CA_NAME, *, years: int = 10) -> DevCA:
    """A new self-signed root (CA:TRUE, keyCertSign, cRLSign)."""
    key = ec.generate_private_key(ec.SECP256R1())
    now = datetime.now(UTC) - timedelta(days=1)
    name = _name(common_name)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now)
        .not_valid_after(now + timedelta(days=365 * years))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=False,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    return DevCA(cert, key)


def issue(ca: DevCA, common_name: str, organisation: str = "", *, years: int = 3) -> Material:
    """A signing certificate (digitalSignature, nonRepudiation) for `common_name`, issued by `ca`."""
    key = ec.generate_private_key(ec.SECP256R1())
    now = datetime.now(UTC) - timedelta(days=1)
    cert = (
        x509.CertificateBuilder()
        .subject_name(_name(common_name, organisation or common_name))
        .issuer_name(ca.certificate.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now)
        .not_valid_after(now + timedelta(days=365 * years))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca.key.public_key()), critical=False
        )
        .sign(ca.key, hashes.SHA256())
    )
    der = key.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    return Material(certificate=cert, key_der=der, chain=[ca.certificate])


def ca_dir() -> Path:
    from django.conf import settings

    return Path(settings.VAR_DIR) / "dev-signing-ca"


def load_or_make_ca(directory: Path | None = None) -> DevCA:
    """The development CA kept in `directory` (default `ca_dir()`), made on first use."""
    directory = directory or ca_dir()
    cert_path, key_path = directory / "ca.pem", directory / "ca-key.pem"
    if cert_path.is_file() and key_path.is_file():
        cert = x509.load_pem_x509_certificate(cert_path.read_bytes())
        key = serialization.load_pem_private_key(key_path.read_bytes(), None)
        if cert.not_valid_after_utc > datetime.now(UTC) + timedelta(days=30):
            return DevCA(cert, key)
    ca = make_ca()
    directory.mkdir(parents=True, exist_ok=True)
    key_bytes = ca.key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    fd = os.open(key_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(key_bytes)
    cert_path.write_bytes(ca.pem)
    return ca


def certify_agencies(agencies, ca: DevCA | None = None) -> int:
    """Give every agency in `agencies` without an active certificate a development one. Returns how
    many were made."""
    from . import keys

    ca = ca or load_or_make_ca()
    made = 0
    for agency in agencies:
        if keys.active_for(agency.pk) is not None:
            continue
        material = issue(ca, agency.name, agency.name)
        keys.install(agency, material, label=f"{agency.name} (thử nghiệm)", development=True)
        made += 1
    return made
