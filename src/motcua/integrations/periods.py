"""A period of days in Vietnam time as the reconciliation page and command take it."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from motcua.core import clock

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def parse_day(text: str | None) -> date | None:
    """`YYYY-MM-DD` → a date; None when empty; ValueError when not a date."""
    if not text:
        return None
    return date.fromisoformat(text.strip())


def period(first: date | None, last: date | None) -> tuple[date, date, datetime, datetime]:
    """(first day, last day, start, end): the days [first, last] (default: this month up to today) as
    aware datetimes [start, end) at Vietnam midnights. ValueError when last < first."""
    today = clock.today()
    first = first or today.replace(day=1)
    last = last or today
    if last < first:
        raise ValueError("last < first")
    start = datetime.combine(first, time.min, tzinfo=VN)
    end = datetime.combine(last + timedelta(days=1), time.min, tzinfo=VN)
    return first, last, start, end
