"""Due dates over the 2025 and 2026 notices' blocks and swaps."""

from motcua.calendar.worktime import parse_duration

from .conftest import vn


def test_three_days_from_friday_25_april_2025_use_the_worked_saturday(official):
    # Sat 26 Apr worked; 30 Apr, 1 May, 2 May off.
    assert official.add_duration(vn(2025, 4, 25, 16), parse_duration("3d")) == vn(2025, 4, 29, 16)
    assert official.add_duration(vn(2025, 4, 25, 16), parse_duration("4d")) == vn(2025, 5, 5, 16)


def test_five_days_from_before_tet_2026_skip_the_block(official):
    # Thu 12 Feb 10:00 + 5 days: Thu 12 (rest of), Fri 13, Mon 23, Tue 24, Wed 25, Thu 26 10:00.
    assert official.add_duration(vn(2026, 2, 12, 10), parse_duration("5d")) == vn(2026, 2, 26, 10)


def test_two_days_over_national_day_2026(official):
    # Fri 28 Aug 09:00 + 16 h: 7 h on Friday; 29 Aug – 2 Sep off; 8 h on Thu 3 Sep; 1 h on Fri 4 Sep.
    assert official.add_duration(vn(2026, 8, 28, 9), parse_duration("2d")) == vn(2026, 9, 4, 9)


def test_one_day_over_culture_day_2026(official):
    assert official.add_duration(vn(2026, 11, 23, 14), parse_duration("1d")) == vn(2026, 11, 25, 14)


def test_due_is_returned_in_vietnamese_time_for_a_utc_start(official):
    from datetime import UTC, datetime

    due = official.add_duration(datetime(2026, 3, 10, 2, 0, tzinfo=UTC), parse_duration("1d"))
    assert due.isoformat() == "2026-03-11T09:00:00+07:00"
