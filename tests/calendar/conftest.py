from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from motcua.calendar.statutory import official_calendar

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def vn(y: int, m: int, d: int, hh: int = 0, mm: int = 0, ss: int = 0) -> datetime:
    """An instant given in Vietnamese local time."""
    return datetime(y, m, d, hh, mm, ss, tzinfo=VN)


@pytest.fixture(scope="session")
def official():
    """The province-default calendar from the law and the two shipped notices, no database."""
    return official_calendar(2024, 2035)


def off_days(calendar, first: date, last: date) -> list[date]:
    days = []
    d = first
    while d <= last:
        if not calendar.is_working_day(d):
            days.append(d)
        d = date.fromordinal(d.toordinal() + 1)
    return days
