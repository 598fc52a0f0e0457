"""The cached calendar is rebuilt after any edit of notices or office hours."""

from datetime import date, time

import pytest

from motcua.calendar import selectors
from motcua.calendar.models import DayKind, Notice, NoticeDay, OfficeHours, OfficePeriod

pytestmark = pytest.mark.django_db


def test_same_object_until_something_changes():
    assert selectors.work_calendar() is selectors.work_calendar()


def test_adding_a_notice_day_is_seen_at_once():
    notice = Notice.objects.get(number="9441/TB-BNV")
    assert selectors.work_calendar().is_working_day(date(2026, 12, 31))
    NoticeDay.objects.create(notice=notice, date=date(2026, 12, 31), kind=DayKind.OFF, note="thử")
    assert not selectors.work_calendar().is_working_day(date(2026, 12, 31))


def test_deleting_a_notice_restores_the_provisional_rule():
    Notice.objects.filter(number="9441/TB-BNV").delete()
    calendar = selectors.work_calendar()
    assert not calendar.is_working_day(date(2026, 2, 17))
    assert calendar.is_working_day(date(2026, 8, 31))  # the swap came only from the notice
    assert any(s.provisional for s in calendar.special_days_in(2026))


def test_editing_province_office_hours_is_seen_at_once():
    hours = OfficeHours.objects.create(agency=None)
    OfficePeriod.objects.create(office_hours=hours, weekday=0, start=time(7, 30), end=time(11, 30))
    calendar = selectors.work_calendar()
    assert calendar.office_periods(date(2026, 3, 9)) == ((time(7, 30), time(11, 30)),)
    assert calendar.office_periods(date(2026, 3, 10)) == ()
