"""Identifier rules. Messages are Vietnamese first, English second."""

import re

from django.core.exceptions import ValidationError

AGENCY_IDENTIFIER_RE = re.compile(r"^\d{3}\.\d{2}\.\d{2}\.[GH]\d{2}$")
CITIZEN_ID_RE = re.compile(r"^\d{12}$")
TAX_CODE_RE = re.compile(r"^\d{10}(-?\d{3})?$")
PHONE_RE = re.compile(r"^(\+84|0)\d{9,10}$")


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
