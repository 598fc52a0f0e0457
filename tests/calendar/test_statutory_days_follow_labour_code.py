"""Labour Code 2019 Art. 112 days, the lunar ones from the `holidays` package, checked by hand."""

from datetime import date

import pytest

from motcua.calendar.statutory import lunar_dates, statutory_days
from motcua.calendar.worktime import OFF


@pytest.mark.parametrize(
    ("year", "new_year", "hung_kings"),
    [
        (2024, date(2024, 2, 10), date(2024, 4, 18)),
        (2025, date(2025, 1, 29), date(2025, 4, 7)),
        (2026, date(2026, 2, 17), date(2026, 4, 26)),
        (2027, date(2027, 2, 6), date(2027, 4, 16)),
    ],
)
def test_lunar_dates_match_the_vietnamese_calendar(year, new_year, hung_kings):
    assert lunar_dates(year) == (new_year, hung_kings)


def _days(year, **kwargs):
    return {s.day: s for s in statutory_days(year, **kwargs)}


def test_fixed_days_carry_their_article():
    days = _days(2026, notice_fixes_tet=True, notice_fixes_national_day=True)
    assert days[date(2026, 1, 1)].source.endswith("Điều 112 khoản 1 điểm a")
    assert days[date(2026, 4, 30)].source.endswith("điểm c")
    assert days[date(2026, 5, 1)].source.endswith("điểm d")
    assert days[date(2026, 9, 2)].source.endswith("điểm đ")
    assert days[date(2026, 4, 26)].source.endswith("điểm e")
    assert all(s.kind == OFF and not s.provisional for s in days.values())


def test_hung_kings_2026_on_sunday_is_taken_on_monday_27_april():
    days = _days(2026, notice_fixes_tet=True, notice_fixes_national_day=True)
    substitute = days[date(2026, 4, 27)]
    assert "Điều 111 khoản 3" in substitute.source
    assert "Hùng Vương" in substitute.name


def test_culture_day_24_november_only_from_2026():
    assert date(2026, 11, 24) in _days(2026)
    assert date(2026, 11, 24).weekday() == 1  # a Tuesday
    assert date(2025, 11, 24) not in _days(2025)


def test_labour_day_on_saturday_is_taken_on_monday():
    days = _days(2027)
    assert date(2027, 5, 1).weekday() == 5
    assert "Điều 111 khoản 3" in days[date(2027, 5, 3)].source


def test_without_a_notice_tet_and_national_day_are_provisional():
    days = _days(2027)
    provisional = sorted(d for d, s in days.items() if s.provisional)
    # Eve and days 1-4 of the lunar year (Fri 5 – Tue 9 Feb), the weekend ones taken after the block,
    # and the National Day's adjacent day (2 Sep is a Thursday: Friday 3 Sep).
    assert provisional == [
        date(2027, 2, 5),
        date(2027, 2, 6),
        date(2027, 2, 7),
        date(2027, 2, 8),
        date(2027, 2, 9),
        date(2027, 2, 10),
        date(2027, 2, 11),
        date(2027, 9, 3),
    ]


def test_a_notice_replaces_the_provisional_tet_and_national_day():
    days = _days(2026, notice_fixes_tet=True, notice_fixes_national_day=True)
    assert not any(s.provisional for s in days.values())
    assert date(2026, 2, 17) not in days  # Tết days come from the notice itself


def test_substitute_skips_days_the_notice_already_gives():
    days = _days(
        2026,
        notice_fixes_tet=True,
        notice_fixes_national_day=True,
        notice_days_off=frozenset({date(2026, 4, 27)}),
    )
    assert days[date(2026, 4, 28)].source.startswith("Bộ luật Lao động 2019, Điều 111")
