"""Pure normalisation of what people type as a login: e-mail, phone number or username."""

import re

from motcua.organizations.validators import ascii_digits

_PHONE_CHARS = re.compile(r"[\s.\-()]")
_PHONE = re.compile(r"^(?:\+?84|0)(\d{9,10})$", re.ASCII)


def normalise_phone(value: str) -> str:
    """`+84 912.345.678`, `84912345678` and `0912 345 678` all become `0912345678`; '' if not a phone."""
    match = _PHONE.match(_PHONE_CHARS.sub("", ascii_digits(value)))
    return f"0{match.group(1)}" if match else ""


def normalise_email(value: str) -> str:
    value = (value or "").strip()
    return value.lower() if "@" in value else ""


def normalise_identifier(value: str) -> str:
    """The key login attempts are counted under: one per account however it is typed."""
    value = ascii_digits(value).strip()
    return (normalise_email(value) or normalise_phone(value) or value.lower())[:254]
