"""How the forms write dates, times and money.

Dates follow the rule for administrative documents (Decree 30/2020/NĐ-CP, Appendix I): a day below 10
and the months January and February get a leading zero ("ngày 05 tháng 01 năm 2026", "ngày 15 tháng 8
năm 2025"). Times of day are always two digits ("08 giờ 30 phút"). Everything is shown in
Asia/Ho_Chi_Minh; a naive datetime is taken to be local time already.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

LOCAL_TZ = ZoneInfo("Asia/Ho_Chi_Minh")
BLANK_DATE = "ngày ..... tháng ..... năm ........"
BLANK_DATETIME = "..... giờ ..... phút, ngày ..... tháng ..... năm ........"


def to_local(value: dt.datetime) -> dt.datetime:
    if value.tzinfo is None:
        return value
    return value.astimezone(LOCAL_TZ)


def _day(day: int) -> str:
    return f"{day:02d}"


def _month(month: int) -> str:
    return f"{month:02d}" if month < 3 else str(month)


def vn_date(value: dt.date | dt.datetime | None) -> str:
    """'ngày 05 tháng 01 năm 2026'; dots to fill in by hand when there is no date."""
    if value is None:
        return BLANK_DATE
    if isinstance(value, dt.datetime):
        value = to_local(value).date()
    return f"ngày {_day(value.day)} tháng {_month(value.month)} năm {value.year}"


def vn_datetime(value: dt.datetime | None) -> str:
    """'08 giờ 30 phút, ngày 05 tháng 01 năm 2026'."""
    if value is None:
        return BLANK_DATETIME
    local = to_local(value)
    return f"{local.hour:02d} giờ {local.minute:02d} phút, {vn_date(local)}"


def vn_short_datetime(value: dt.datetime | None) -> str:
    """'08:30 05/01/2026', for the narrow columns of the control slip and the tracking book."""
    if value is None:
        return ""
    local = to_local(value)
    return local.strftime("%H:%M %d/%m/%Y")


def vn_short_date(value: dt.date | dt.datetime | None) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = to_local(value).date()
    return value.strftime("%d/%m/%Y")


def date_line(place: str, value: dt.date | dt.datetime | None) -> str:
    """'Hải Phòng, ngày 05 tháng 01 năm 2026' (the place line under the national motto)."""
    return f"{place or '..........'}, {vn_date(value)}"


def thousands(amount: int) -> str:
    """1500000 → '1.500.000' (Vietnamese groups thousands with dots)."""
    sign = "-" if amount < 0 else ""
    return sign + f"{abs(int(amount)):,}".replace(",", ".")


def money(amount: int | None) -> str:
    """An amount in integer đồng: 1500000 → '1.500.000 đồng'."""
    if amount is None:
        return ""
    return f"{thousands(amount)} đồng"
