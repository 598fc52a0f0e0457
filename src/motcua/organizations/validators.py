"""Identifier rules. Messages are Vietnamese first, English second."""

import re
import unicodedata

from django.core.exceptions import ValidationError

# Identifiers are ASCII digits only: `\d` would also match full-width (０３…) or Arabic-Indic (٠١…)
# digits, and a look-alike copy of a taken ID number would then be a second, "different" one.
AGENCY_IDENTIFIER_RE = re.compile(r"^\d{3}\.\d{2}\.\d{2}\.[GH]\d{2}$", re.ASCII)
CITIZEN_ID_RE = re.compile(r"^\d{12}$", re.ASCII)
TAX_CODE_RE = re.compile(r"^\d{10}(-?\d{3})?$", re.ASCII)
PHONE_RE = re.compile(r"^(\+84|0)\d{9,10}$", re.ASCII)


def ascii_digits(value: str) -> str:
    """What a person typed, with every digit as an ASCII digit: NFKC (full-width `０３１` → `031`,
    `＋84` → `+84`, superscripts → digits), then any other decimal digit (Arabic-Indic `٠`, Devanagari …)
    → its ASCII digit. Everything else is kept as NFKC gives it. `None` → "".

    The one normalisation of ID numbers, tax codes and phone numbers at every door (registration,
    profile, desk walk-ins, the Applicant model, e-forms, the public lookup, login), so that a
    look-alike spelling IS the ASCII identifier and is seen as taken."""
    text = unicodedata.normalize("NFKC", value or "")
    if text.isascii():
        return text
    return "".join(
        str(unicodedata.decimal(ch)) if unicodedata.decimal(ch, None) is not None else ch for ch in text
    )


def validate_agency_identifier(value: str) -> None:
    """Decision 20/2020/QĐ-TTg: `XXX.YY.ZZ.Hnn` (Gnn for a ministry), 13 characters."""
    if not AGENCY_IDENTIFIER_RE.match(value or ""):
        raise ValidationError(
            "Mã định danh cơ quan phải có dạng XXX.YY.ZZ.Hnn (ví dụ 000.00.14.H56). "
            "/ The agency identifier must look like XXX.YY.ZZ.Hnn (e.g. 000.00.14.H56).",
            code="agency_identifier",
        )


def validate_citizen_id(value: str) -> None:
    if not CITIZEN_ID_RE.match(value or ""):
        raise ValidationError(
            "Số định danh cá nhân (CCCD) gồm đúng 12 chữ số. / A personal ID number has exactly 12 digits.",
            code="citizen_id",
        )


def validate_tax_code(value: str) -> None:
    if not TAX_CODE_RE.match(value or ""):
        raise ValidationError(
            "Mã số thuế gồm 10 chữ số, hoặc 13 chữ số cho đơn vị phụ thuộc. "
            "/ A tax code has 10 digits, or 13 for a dependent unit.",
            code="tax_code",
        )


def validate_phone(value: str) -> None:
    if value and not PHONE_RE.match(value.replace(" ", "").replace(".", "")):
        raise ValidationError(
            "Số điện thoại không hợp lệ (ví dụ 0912345678). / Invalid phone number (e.g. 0912345678).",
            code="phone",
        )
