"""Office hours per agency; null agency is the province default; Saturday-morning desks."""

from datetime import date, time

import pytest

from motcua.calendar import selectors
from motcua.calendar.models import OfficeHours, OfficePeriod
from tests.factories.organizations import AgencyFactory

from .conftest import vn

pytestmark = pytest.mark.django_db


def _hours(agency, periods, **fields):
    hours = OfficeHours.objects.create(agency=agency, **fields)
    for weekday, start, end in periods:
        OfficePeriod.objects.create(office_hours=hours, weekday=weekday, start=start, end=end)
    return hours


WEEKDAYS = [(d, time(8), time(12)) for d in range(5)] + [(d, time(13), time(17)) for d in range(5)]


def test_saturday_morning_desk_counts_saturday_morning():
    desk = AgencyFactory()
    _hours(desk, [*WEEKDAYS, (5, time(8), time(12))])
    calendar = selectors.work_calendar(desk)
    # Fri 13 Mar 2026 13:00 + 8 h: 4 h Friday afternoon, 4 h Saturday morning.
    assert calendar.add(vn(2026, 3, 13, 13), 8 * 3600) == vn(2026, 3, 14, 12)
    assert not selectors.work_calendar().is_working_day(date(2026, 3, 14))


def test_saturday_desk_is_closed_on_a_saturday_inside_the_tet_block():
    desk = AgencyFactory()
    _hours(desk, [*WEEKDAYS, (5, time(8), time(12))])
    assert not selectors.work_calendar(desk).is_working_day(date(2026, 2, 14))


def test_agency_without_its_own_hours_uses_the_province_default():
    _hours(
        None,
        [(d, time(7, 30), time(11, 30)) for d in range(5)] + [(d, time(13, 30), time(17)) for d in range(5)],
        hours_per_day=7.5,
    )
    agency = AgencyFactory()
    calendar = selectors.work_calendar(agency)
    assert calendar.next_working_instant(vn(2026, 3, 10, 7)) == vn(2026, 3, 10, 7, 30)
    assert calendar.add(vn(2026, 3, 10, 7, 30), calendar.days(1)) == vn(2026, 3, 10, 17)


def test_agency_cutoff_for_same_day_procedures():
    from motcua.calendar.worktime import parse_duration

    desk = AgencyFactory()
    _hours(desk, [], same_day_cutoff=time(16))  # no periods: standard hours, own cutoff
    calendar = selectors.work_calendar(desk)
    assert calendar.add_duration(vn(2026, 3, 10, 15, 30), parse_duration("0d")) == vn(2026, 3, 10, 17)
