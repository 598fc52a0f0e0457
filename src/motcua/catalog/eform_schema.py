"""The e-form of a procedure version as a schema: its fields (`parse`) and the ONE validation of the
values an applicant or an officer gives for it (`clean`, `clean_value`), shared by every front door —
the portal's Django form (portal/eforms.py) builds each field's clean step on `clean_value`, and the
lifecycle (dossiers/submission.py) calls `clean` on every submission, receipt and supplement.

A version's `eform` is a JSON list of typed fields (docs/eforms.md): `{"name", "label", "type",
"required", "help", "choices", "min", "max", "max_length", "section", "prefill", "default"}`. Unknown
types fall back to text; entries without a valid name are skipped, so a malformed catalogue record
never breaks a page (`validate_definition` lists such problems).

Cleaned values are JSON: text NFC-normalised and trimmed, `date` as ISO `YYYY-MM-DD` (a day that
exists), `integer` as an int, `number` as an int or a decimal string (`"2.5"`), `checkbox` as a bool,
a choice as its value, an empty optional field as `""`. Every refusal is a `FieldError` carrying the
field name and a Vietnamese and an English message.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator

from motcua.core.bilingual import split_bilingual
from motcua.organizations.validators import (
    ascii_digits,
    validate_citizen_id,
    validate_phone,
    validate_tax_code,
)

TYPES = (
    "text",
    "textarea",
    "number",
    "integer",
    "date",
    "select",
    "radio",
    "checkbox",
    "id_number",
    "tax_code",
    "phone",
    "email",
)
NAME_RE = re.compile(r"^[a-z][a-z0-9_]{0,63}$")
# Keys of eform_data that only the system writes (never e-form field names, never accepted from input).
RESERVED_PREFIX = "_"
# Longest value of each fixed-format type (other text types: the field's max_length).
TYPE_MAX_LENGTH = {"id_number": 12, "tax_code": 14, "phone": 20, "email": 254}
# At most this many errors are reported for one e-form (a body of 10,000 unknown keys gets 50 lines).
MAX_ERRORS = 50
_MAX_NUMBER_CHARS = 40
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_CONTROL_ONE_LINE = re.compile(r"[\x00-\x1f\x7f]")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$", re.ASCII)
_VN_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$", re.ASCII)
# A number as people write it: digits, an optional sign and decimal point; no exponent (`1e1`), no `_`.
_PLAIN_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$", re.ASCII)
# A date outside these years is a typing mistake (a birth date of 9999-12-31), not a date of a dossier.
DATE_MIN_YEAR, DATE_MAX_YEAR = 1900, 2100
_email = EmailValidator()


@dataclass(frozen=True)
class EField:
    name: str
    label: str
    type: str = "text"
    required: bool = False
    help: str = ""
    choices: tuple[tuple[str, str], ...] = ()
    min: Decimal | None = None
    max: Decimal | None = None
    max_length: int = 255
    section: str = ""
    prefill: str = ""
    default: object = None


class FieldError(Exception):
    """One refused value: `field` (the e-form name; "" for the whole form), Vietnamese and English."""

    def __init__(self, field: str, message: str, message_en: str):
        super().__init__(message_en)
        self.field, self.message, self.message_en = field, message, message_en

    def as_dict(self) -> dict[str, str]:
        return {"field": self.field, "message": self.message, "message_en": self.message_en}

    @property
    def bilingual(self) -> str:
        """ "tiếng Việt / English", the form pages show the reader's half (core.bilingual)."""
        return f"{self.message} / {self.message_en}"


class EFormErrors(Exception):
    """Every refused value of one e-form (at most MAX_ERRORS): fields in order, then unknown keys."""

    def __init__(self, errors: list[FieldError]):
        super().__init__("; ".join(e.message_en for e in errors))
        self.errors = errors


# ----- the schema --------------------------------------------------------------------------------


def _choices(raw) -> tuple[tuple[str, str], ...]:
    out = []
    for item in raw or ():
        if isinstance(item, dict):
            value = str(item.get("value", item.get("label", "")))
            out.append((value, str(item.get("label", value))))
        else:
            out.append((str(item), str(item)))
    return tuple(out)


def _decimal(value) -> Decimal | None:
    if value is None or value == "" or isinstance(value, bool):
        return None
    try:
        number = Decimal(str(value))
    except (ArithmeticError, ValueError):
        return None
    return number if number.is_finite() else None


def _int(value, default: int) -> int:
    try:
        return int(value) if value not in (None, "") else default
    except (TypeError, ValueError):
        return default


def parse(eform) -> list[EField]:
    """The usable fields of a version's e-form (the JSON list), in order; a list of EField is returned
    as is."""
    fields: list[EField] = []
    seen: set[str] = set()
    for item in eform or ():
        if isinstance(item, EField):
            fields.append(item)
            continue
        if not isinstance(item, dict):
            continue
        name = str(item.get("name") or "")
        if not NAME_RE.match(name) or name in seen:
            continue
        seen.add(name)
        kind = str(item.get("type") or "text")
        if kind not in TYPES:
            kind = "text"
        max_length = _int(item.get("max_length"), 2000 if kind == "textarea" else 255)
        fields.append(
            EField(
                name=name,
                label=str(item.get("label") or name),
                type=kind,
                required=bool(item.get("required")),
                help=str(item.get("help") or ""),
                choices=_choices(item.get("choices")),
                min=_decimal(item.get("min")),
                max=_decimal(item.get("max")),
                max_length=min(TYPE_MAX_LENGTH.get(kind, max_length), max(1, max_length)),
                section=str(item.get("section") or ""),
                prefill=str(item.get("prefill") or ""),
                default=item.get("default"),
            )
        )
    return fields


def validate_definition(eform) -> list[str]:
    """Problems in an e-form definition (for catalogue checks and tests): names, types, choices."""
    errors = []
    names = set()
    for i, item in enumerate(eform or ()):
        if not isinstance(item, dict):
            errors.append(f"#{i}: not an object")
            continue
        name = str(item.get("name") or "")
        if not NAME_RE.match(name):
            errors.append(f"#{i}: invalid name {name!r}")
        if name in names:
            errors.append(f"#{i}: duplicate name {name!r}")
        names.add(name)
        if str(item.get("type") or "text") not in TYPES:
            errors.append(f"{name}: unknown type {item.get('type')!r}")
        if item.get("type") in ("select", "radio") and not item.get("choices"):
            errors.append(f"{name}: a {item.get('type')} needs choices")
        if not item.get("label"):
            errors.append(f"{name}: label missing")
    return errors


# ----- one value ---------------------------------------------------------------------------------


def _fail(f: EField, message: str, message_en: str) -> FieldError:
    return FieldError(f.name, message, message_en)


def _from_validator(f: EField, validator, value: str) -> None:
    try:
        validator(value)
    except ValidationError as exc:
        vi, en = split_bilingual(exc.messages[0])
        raise _fail(f, vi, en) from None


def _small_int(raw) -> bool:
    """An int (not a bool) short enough to print: a 5,000-digit JSON number must not reach `str()`."""
    return isinstance(raw, int) and not isinstance(raw, bool) and raw.bit_length() <= 128


def _is_empty(raw) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip())


def _text(f: EField, raw) -> str:
    if not (isinstance(raw, str) or _small_int(raw)):
        raise _fail(f, "Giá trị phải là chuỗi ký tự.", "The value must be text.")
    value = unicodedata.normalize("NFC", str(raw)).strip()
    control = _CONTROL if f.type == "textarea" else _CONTROL_ONE_LINE
    if control.search(value):
        raise _fail(f, "Có ký tự điều khiển không được phép.", "The value contains control characters.")
    if len(value) > f.max_length:
        raise _fail(
            f,
            f"Tối đa {f.max_length} ký tự (đã nhập {len(value)}).",
            f"At most {f.max_length} characters (this has {len(value)}).",
        )
    return value


def _number(f: EField, raw):
    text = raw if isinstance(raw, str) else (str(raw) if _small_int(raw) or isinstance(raw, float) else "")
    if isinstance(raw, str):
        text = ascii_digits(text).strip()
        if not _PLAIN_NUMBER.match(text):
            text = ""
    number = None
    if text and len(text) <= _MAX_NUMBER_CHARS:
        try:
            number = Decimal(text.strip())
        except InvalidOperation:
            number = None
    if number is None or not number.is_finite():
        raise _fail(f, "Giá trị phải là một số.", "The value must be a number.")
    integral = number == number.to_integral_value()
    if f.type == "integer" and not integral:
        raise _fail(f, "Giá trị phải là số nguyên.", "The value must be a whole number.")
    if f.min is not None and number < f.min:
        raise _fail(f, f"Giá trị nhỏ nhất là {f.min}.", f"The smallest allowed value is {f.min}.")
    if f.max is not None and number > f.max:
        raise _fail(f, f"Giá trị lớn nhất là {f.max}.", f"The largest allowed value is {f.max}.")
    if integral:
        return int(number)
    return format(number.normalize(), "f")


def _date(f: EField, raw) -> str:
    text = ascii_digits(raw).strip() if isinstance(raw, str) else ""
    iso, vn = _ISO_DATE.match(text), _VN_DATE.match(text)
    if iso:
        year, month, day = (int(x) for x in iso.groups())
    elif vn:
        day, month, year = (int(x) for x in vn.groups())
    else:
        raise _fail(
            f,
            "Ngày phải có dạng ngày/tháng/năm (ví dụ 20/02/2026).",
            "A date must look like dd/mm/yyyy or yyyy-mm-dd (e.g. 20/02/2026).",
        )
    if not DATE_MIN_YEAR <= year <= DATE_MAX_YEAR:
        raise _fail(
            f,
            f"Năm phải trong khoảng {DATE_MIN_YEAR}–{DATE_MAX_YEAR}.",
            f"The year must be between {DATE_MIN_YEAR} and {DATE_MAX_YEAR}.",
        )
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        raise _fail(
            f,
            f"Không có ngày {day:02d}/{month:02d}/{year:04d} trên lịch.",
            f"{year:04d}-{month:02d}-{day:02d} is not a real date.",
        ) from None


def _choice(f: EField, raw) -> str:
    value = raw if isinstance(raw, str) else (str(raw) if _small_int(raw) else None)
    allowed = [v for v, _label in f.choices]
    if value is None or unicodedata.normalize("NFC", value.strip()) not in allowed:
        raise _fail(
            f,
            "Hãy chọn một giá trị trong danh sách: " + ", ".join(allowed) + ".",
            "Choose one of the listed values: " + ", ".join(allowed) + ".",
        )
    return unicodedata.normalize("NFC", value.strip())


def clean_value(f: EField, raw):
    """The JSON value of one field, or FieldError. `raw` is what a page posted or a client sent: a
    string, a number, a bool (checkbox) or None/"" for nothing."""
    if f.type == "checkbox":
        if raw in (None, ""):
            raw = False
        if not isinstance(raw, bool):
            raise _fail(f, "Giá trị phải là true hoặc false.", "The value must be true or false.")
        if f.required and not raw:
            raise _fail(f, "Cần đánh dấu vào ô này.", "This box must be ticked.")
        return raw
    if _is_empty(raw):
        if f.required:
            raise _fail(f, "Trường này là bắt buộc.", "This field is required.")
        return ""
    if f.type in ("number", "integer"):
        return _number(f, raw)
    if f.type == "date":
        return _date(f, raw)
    if f.type in ("select", "radio"):
        return _choice(f, raw)
    value = _text(f, raw)
    if f.type in ("id_number", "tax_code", "phone"):
        value = ascii_digits(value).strip()
    if f.type == "id_number":
        _from_validator(f, validate_citizen_id, value)
    elif f.type == "tax_code":
        _from_validator(f, validate_tax_code, value)
    elif f.type == "phone":
        _from_validator(f, validate_phone, value)
    elif f.type == "email":
        try:
            _email(value)
        except ValidationError:
            raise _fail(f, "Địa chỉ thư điện tử không hợp lệ.", "The e-mail address is not valid.") from None
    return value


# ----- a whole form ------------------------------------------------------------------------------


def clean(eform, data, *, partial: bool = False) -> dict:
    """The cleaned `eform_data` of a version's e-form (JSON list or parsed fields) → a dict with every
    field of the schema (empty optional fields as "", unticked checkboxes as False).

    `partial=True` (a supplement): only the keys given are cleaned and returned; a required field
    given empty is still refused. Keys that are not fields of the schema are refused, keys starting
    with `_` too (reserved for the system). Raises EFormErrors listing every refusal."""
    fields = parse(eform)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise EFormErrors(
            [FieldError("", "Dữ liệu biểu mẫu phải là đối tượng JSON.", "eform_data must be a JSON object.")]
        )
    errors: list[FieldError] = []
    out = {}
    for f in fields:
        if partial and f.name not in data:
            continue
        try:
            out[f.name] = clean_value(f, data.get(f.name))
        except FieldError as exc:
            errors.append(exc)
    names = {f.name for f in fields}
    for key in data:
        if len(errors) >= MAX_ERRORS:
            break
        if key in names:
            continue
        shown = str(key)[:64]
        if isinstance(key, str) and key.startswith(RESERVED_PREFIX):
            errors.append(
                FieldError(
                    shown,
                    f"Khóa «{shown}» dành riêng cho hệ thống, không được gửi.",
                    f"The key {shown!r} is reserved for the system and may not be sent.",
                )
            )
        else:
            errors.append(
                FieldError(
                    shown,
                    f"Tờ khai của thủ tục không có trường «{shown}».",
                    f"The procedure's e-form has no field {shown!r}.",
                )
            )
    if errors:
        raise EFormErrors(errors[:MAX_ERRORS])
    return out


__all__ = [
    "RESERVED_PREFIX",
    "TYPES",
    "EField",
    "EFormErrors",
    "FieldError",
    "clean",
    "clean_value",
    "parse",
    "validate_definition",
]


def prefill_values(applicant) -> dict[str, str]:
    """What a field's `prefill` key (`applicant.<attribute>`) takes from an applicant's profile:
    `{"applicant.full_name": "Trần Thị Bình", …, "applicant.date_of_birth": "YYYY-MM-DD" or ""}`."""
    born = applicant.date_of_birth
    return {
        "applicant.full_name": applicant.full_name,
        "applicant.id_number": applicant.id_number,
        "applicant.tax_code": applicant.tax_code,
        "applicant.phone": applicant.phone,
        "applicant.email": applicant.email,
        "applicant.address": applicant.address,
        "applicant.date_of_birth": born.isoformat() if born else "",
    }
