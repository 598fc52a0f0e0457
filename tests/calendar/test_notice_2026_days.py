"""The 2026 notice 9441/TB-BNV and the law's own days in 2026."""

from datetime import date

from .conftest import off_days


def test_tet_2026_off_from_saturday_14_to_sunday_22_february(official):
    assert off_days(official, date(2026, 2, 12), date(2026, 2, 24)) == [
        date(2026, 2, d) for d in range(14, 23)
    ]


def test_hung_kings_2026_taken_monday_27_april_and_no_swap_around_1_may(official):
    assert off_days(official, date(2026, 4, 24), date(2026, 5, 4)) == [
        date(2026, 4, 25),
        date(2026, 4, 26),
        date(2026, 4, 27),
        date(2026, 4, 30),
        date(2026, 5, 1),
        date(2026, 5, 2),
        date(2026, 5, 3),
    ]
    assert official.is_working_day(date(2026, 4, 28))
    assert official.is_working_day(date(2026, 5, 4))


def test_saturday_22_august_worked_monday_31_august_off(official):
    assert official.is_working_day(date(2026, 8, 22))
    assert off_days(official, date(2026, 8, 28), date(2026, 9, 3)) == [
        date(2026, 8, 29),
        date(2026, 8, 30),
        date(2026, 8, 31),
        date(2026, 9, 1),
        date(2026, 9, 2),
    ]
    assert official.is_working_day(date(2026, 9, 3))


def test_culture_day_tuesday_24_november_2026(official):
    assert not official.is_working_day(date(2026, 11, 24))
    assert official.is_working_day(date(2026, 11, 23))
    assert official.is_working_day(date(2026, 11, 25))


def test_2026_has_the_expected_number_of_working_days(official):
    # 261 weekdays − 1 Jan − 5 Tết − 27 Apr − 30 Apr − 1 May − 31 Aug − 1, 2 Sep − 24 Nov + Sat 22 Aug
    assert official.working_days_between(date(2026, 1, 1), date(2026, 12, 31)) == 261 - 13 + 1
