"""Date and date-time fields typed and shown dd/mm/yyyy (and dd/mm/yyyy HH:MM), the one home for
every form of the product (the admin gets the same through motcua/formats). A text input, not the
browser's `type=date`, whose display follows the browser's locale (often mm/dd/yyyy)."""

from __future__ import annotations

from datetime import date

from django import forms

from motcua.formats.vi.formats import DATE_INPUT_FORMATS, DATETIME_INPUT_FORMATS

DATE_DISPLAY = "%d/%m/%Y"
DATETIME_DISPLAY = "%d/%m/%Y %H:%M"
DATE_PATTERN = r"\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4}|\d{4}-\d{2}-\d{2}"


class VnDateInput(forms.DateInput):
    def __init__(self, attrs=None):
        base = {"placeholder": "dd/mm/yyyy", "inputmode": "numeric", "autocomplete": "off", "size": 10}
        super().__init__(attrs={**base, **(attrs or {})}, format=DATE_DISPLAY)

    def format_value(self, value):
        # a stored ISO string (e-form data) is shown dd/mm/yyyy as well
        if isinstance(value, str):
            try:
                value = date.fromisoformat(value)
            except ValueError:
                return value
        return super().format_value(value)


class VnDateTimeInput(forms.DateTimeInput):
    def __init__(self, attrs=None):
        base = {"placeholder": "dd/mm/yyyy hh:mm", "autocomplete": "off", "size": 16}
        super().__init__(attrs={**base, **(attrs or {})}, format=DATETIME_DISPLAY)


class VnDateField(forms.DateField):
    """dd/mm/yyyy (also dd/mm/yy, dd-mm-yyyy, dd.mm.yyyy, and ISO yyyy-mm-dd); never mm/dd."""

    widget = VnDateInput
    default_error_messages = {"invalid": "Nhập ngày theo dạng dd/mm/yyyy, ví dụ 15/10/2026."}

    def __init__(self, **kwargs):
        kwargs.setdefault("input_formats", DATE_INPUT_FORMATS)
        super().__init__(**kwargs)


class VnDateTimeField(forms.DateTimeField):
    """dd/mm/yyyy HH:MM (also ISO); read in the site's zone (Asia/Ho_Chi_Minh)."""

    widget = VnDateTimeInput
    default_error_messages = {"invalid": "Nhập ngày giờ theo dạng dd/mm/yyyy hh:mm, ví dụ 15/10/2026 14:30."}

    def __init__(self, **kwargs):
        kwargs.setdefault("input_formats", DATETIME_INPUT_FORMATS)
        super().__init__(**kwargs)


def parse_vn_datetime(text: str):
    """`dd/mm/yyyy hh:mm` (or ISO) typed by a person → an aware datetime in the site's zone; the
    text unchanged when it reads as neither (the domain then refuses it with its own message)."""
    from datetime import datetime

    from django.utils import timezone

    raw = (text or "").strip()
    for fmt in DATETIME_INPUT_FORMATS:
        try:
            parsed = datetime.strptime(raw, fmt)
        except ValueError:
            continue
        return timezone.make_aware(parsed)
    return raw
