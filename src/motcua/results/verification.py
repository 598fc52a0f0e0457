"""Verification of a signed PDF, for anyone (`/xac-thuc/`, `POST /api/v1/verify`): is the signature
intact, does its certificate chain to a root this province trusts, does it cover the whole file,
who signed and when, and did this system issue exactly these bytes (the SHA-256 on record).

`verify_bytes(data) -> Verdict` and `verify_recorded(code, result_id) -> Verdict`; they never raise
for bad input: a non-PDF, a damaged or tampered file, an unknown certificate are `valid: False`
with the reason "tiếng Việt / English" (core/bilingual.py). Protocol: PAdES (ETSI EN 319 142-1),
path validation RFC 5280 via pyhanko-certvalidator; no network fetches (revocation soft-fail)."""

from __future__ import annotations

import hashlib
import io
import logging
from dataclasses import asdict, dataclass
from datetime import datetime

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from django.conf import settings

from motcua.dossiers import intake

logger = logging.getLogger(__name__)


@dataclass
class Verdict:
    """The answer's shape (docs/results.md): exactly these keys."""

    valid: bool
    intact: bool
    signer: str | None
    signed_at: str | None
    issued_here: bool
    dossier: str | None
    reason: str | None

    def as_dict(self) -> dict:
        return asdict(self)


def _reason(vi: str, en: str) -> str:
    return f"{vi} / {en}"


NOT_PDF = _reason(
    "Tệp không phải PDF (hệ thống kiểm tra nội dung tệp).",
    "The file is not a PDF (the system checks the file's content).",
)
DAMAGED = _reason("Tệp PDF bị hỏng, không đọc được.", "The PDF is damaged and cannot be read.")
UNSIGNED = _reason("Tệp PDF không có chữ ký số.", "The PDF carries no digital signature.")
TAMPERED = _reason(
    "Nội dung tệp đã bị thay đổi sau khi ký: chữ ký không còn nguyên vẹn.",
    "The file was changed after it was signed: the signature is no longer intact.",
)
MODIFIED_AFTER = _reason(
    "Tệp đã được sửa đổi, bổ sung sau khi ký (chữ ký không phủ toàn bộ tệp).",
    "The file was modified after signing (the signature does not cover the whole file).",
)
UNTRUSTED = _reason(
    "Chữ ký được tạo bằng chứng thư không thuộc tổ chức cung cấp dịch vụ chứng thực được tin cậy.",
    "The signature was made with a certificate that does not chain to a trusted authority.",
)
NOT_FOUND = _reason("Không tìm thấy giấy tờ kết quả.", "No such result document.")
TOO_LARGE = _reason("Tệp quá lớn để kiểm tra.", "The file is too large to verify.")


def trust_roots() -> list[x509.Certificate]:
    """The roots verification trusts: the top of every configured agency certificate's chain (the
    province admin chose them), plus `MOTCUA_SIGNING_TRUST_ROOTS` (a PEM file), deduplicated."""
    from .models import SigningCertificate

    roots: dict[bytes, x509.Certificate] = {}
    for chain_pem in SigningCertificate.objects.values_list("chain_pem", flat=True):
        if chain_pem.strip():
            for cert in x509.load_pem_x509_certificates(chain_pem.encode()):
                if cert.issuer == cert.subject:
                    roots[cert.fingerprint(_sha256())] = cert
    path = getattr(settings, "MOTCUA_SIGNING_TRUST_ROOTS", "")
    if path:
        try:
            with open(path, "rb") as fh:
                for cert in x509.load_pem_x509_certificates(fh.read()):
                    roots[cert.fingerprint(_sha256())] = cert
        except (OSError, ValueError):
            logger.warning("MOTCUA_SIGNING_TRUST_ROOTS unreadable: %s", path)
    return list(roots.values())


def _sha256():
    from cryptography.hazmat.primitives import hashes

    return hashes.SHA256()


def _validation_context(roots):
    from asn1crypto import x509 as asn1_x509
    from pyhanko_certvalidator import ValidationContext

    return ValidationContext(
        trust_roots=[asn1_x509.Certificate.load(c.public_bytes(serialization.Encoding.DER)) for c in roots],
        allow_fetching=False,
        revocation_mode="soft-fail",
    )


def _on_record(digest: str):
    """(issued_here, dossier code) for a file whose SHA-256 is `digest`: an issued result or a signed
    document of this system."""
    from motcua.dossiers.models import DossierResult

    from .models import SignedDocument

    row = DossierResult.objects.filter(sha256=digest).select_related("dossier").first()
    if row is not None:
        return True, row.dossier.code
    doc = SignedDocument.objects.filter(sha256=digest).select_related("dossier").first()
    if doc is not None:
        return True, doc.dossier.code
    return False, None


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def _signer(status) -> str | None:
    try:
        return (
            status.signing_cert.subject.native.get("common_name")
            or status.signing_cert.subject.human_friendly
        )
    except Exception:
        return None


def verify_bytes(data: bytes) -> Verdict:
    """Everything about `data` (the bytes a person holds); see the module docstring."""
    from pyhanko.pdf_utils.misc import PdfError
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.errors import SignatureValidationError
    from pyhanko.sign.validation.status import SignatureCoverageLevel

    from .signing import outside_event_loops

    if len(data) > settings.MOTCUA_VERIFY_MAX_FILE_MB * intake.MB:
        return Verdict(False, False, None, None, False, None, TOO_LARGE)
    digest = hashlib.sha256(data).hexdigest()
    issued_here, dossier = _on_record(digest)
    if intake.sniff(data[:16]) != "pdf":
        return Verdict(False, False, None, None, issued_here, dossier, NOT_PDF)
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        signatures = reader.embedded_signatures
    except (PdfError, ValueError, KeyError, TypeError, OSError, IndexError):
        return Verdict(False, False, None, None, issued_here, dossier, DAMAGED)
    if not signatures:
        return Verdict(False, False, None, None, issued_here, dossier, UNSIGNED)
    context = _validation_context(trust_roots())
    embedded = signatures[-1]  # the latest signature: it must cover the whole file
    try:
        status = outside_event_loops(lambda: validate_pdf_signature(embedded, context))
    except (SignatureValidationError, PdfError, ValueError, KeyError, TypeError) as exc:
        logger.info("signature validation failed: %s", exc)
        return Verdict(False, False, None, None, issued_here, dossier, TAMPERED)
    except Exception as exc:
        logger.info("signature validation raised: %r", exc)
        return Verdict(False, False, None, None, issued_here, dossier, DAMAGED)
    signer = _signer(status)
    signed_at = _iso(
        status.timestamp_validity.timestamp if status.timestamp_validity else status.signer_reported_dt
    )
    intact = bool(status.intact and status.valid)
    if not intact:
        return Verdict(False, False, signer, signed_at, issued_here, dossier, TAMPERED)
    if status.coverage != SignatureCoverageLevel.ENTIRE_FILE:
        return Verdict(False, True, signer, signed_at, issued_here, dossier, MODIFIED_AFTER)
    if not status.trusted:
        return Verdict(False, True, signer, signed_at, issued_here, dossier, UNTRUSTED)
    return Verdict(True, True, signer, signed_at, issued_here, dossier, None)


def verify_recorded(code: str, result_id) -> Verdict:
    """The stored file of result `result_id` of dossier `code`, verified as `verify_bytes` does."""
    from motcua.dossiers.models import DossierResult

    try:
        row = DossierResult.objects.filter(pk=int(result_id), dossier__code=str(code)).first()
    except (TypeError, ValueError):
        row = None
    if row is None or not row.file:
        return Verdict(False, False, None, None, False, None, NOT_FOUND)
    with row.file.open("rb") as fh:
        data = fh.read()
    return verify_bytes(data)
