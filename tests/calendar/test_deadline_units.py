"""Every deadline unit of the national catalogue gives a due date through the calendar engine
(the rule and source of each are in motcua.calendar.worktime's docstring)."""

from datetime import time
from decimal import Decimal

import pytest

from motcua.calendar.worktime import (
    CALENDAR_DAY,
    HALF_DAY,
    MONTH,
    SAME_DAY,
    WORKING_DAY,
    WORKING_HOUR,
    Term,
    WorkTimeError,
    parse_term,
)

from .conftest import vn


def term(value, unit, cutoff=None):
    return Term(Decimal(value), unit, cutoff)


def test_working_days_skip_weekends_and_holidays(official):
    # Fri 25 Apr 2025 16:00 + 3 working days: Sat 26 worked (swap), 30 Apr, 1–2 May off.
    assert official.due(vn(2025, 4, 25, 16), term(3, WORKING_DAY)) == vn(2025, 4, 29, 16)


def test_half_days_are_half_a_working_day(official):
    # Tue 10 Mar 2026 10:00 + 1 half day (4 h) → 15:00; + 3 half days (12 h) → Wed 15:00.
    assert official.due(vn(2026, 3, 10, 10), term(1, HALF_DAY)) == vn(2026, 3, 10, 15)
    assert official.due(vn(2026, 3, 10, 10), term(3, HALF_DAY)) == vn(2026, 3, 11, 15)


def test_half_day_received_in_the_afternoon_runs_into_the_next_morning(official):
    assert official.due(vn(2026, 3, 10, 15), term(1, HALF_DAY)) == vn(2026, 3, 11, 10)


def test_working_hours(official):
    assert official.due(vn(2026, 3, 10, 16), term(4, WORKING_HOUR)) == vn(2026, 3, 11, 11)


def test_calendar_days_count_every_day_from_the_day_after_receipt(official):
    # Mon 2 Mar 2026 + 15 days → Tue 17 Mar (a working day): due at its close.
    assert official.due(vn(2026, 3, 2, 10), term(15, CALENDAR_DAY)) == vn(2026, 3, 17, 17)


def test_calendar_day_period_ending_on_a_day_off_moves_to_the_next_working_day(official):
    # Mon 2 Mar 2026 + 12 days = Sat 14 Mar → Mon 16 Mar 17:00 (Civil Code 2015 Art. 148).
    assert official.due(vn(2026, 3, 2, 10), term(12, CALENDAR_DAY)) == vn(2026, 3, 16, 17)
    # Ending inside Tết 2026 (Sat 14 – Sun 22 Feb off) → Mon 23 Feb.
    assert official.due(vn(2026, 2, 5, 9), term(10, CALENDAR_DAY)) == vn(2026, 2, 23, 17)


def test_calendar_days_are_pushed_by_a_pause_by_its_calendar_length(official):
    # 15 days from Mon 2 Mar; a supplement request open 4 calendar days (5 → 9 Mar) → due 21 Mar
    # (a Saturday) → Mon 23 Mar.
    pauses = [(vn(2026, 3, 5, 9), vn(2026, 3, 9, 9))]
    assert official.due(vn(2026, 3, 2, 10), term(15, CALENDAR_DAY), pauses) == vn(2026, 3, 23, 17)


def test_months_end_on_the_same_day_number_or_the_last_of_the_month(official):
    assert official.due(vn(2026, 3, 10, 9), term(1, MONTH)) == vn(2026, 4, 10, 17)
    # 31 Jan + 1 month → 28 Feb 2026 (a Saturday) → Mon 2 Mar.
    assert official.due(vn(2026, 1, 31, 9), term(1, MONTH)) == vn(2026, 3, 2, 17)


def test_same_day_with_the_procedures_cutoff(official):
    cutoff = term(0, SAME_DAY, time(15))
    assert official.due(vn(2026, 3, 9, 14, 59, 59), cutoff) == vn(2026, 3, 9, 17)
    assert official.due(vn(2026, 3, 9, 15, 0, 1), cutoff) == vn(2026, 3, 10, 17)


def test_same_day_cutoff_is_the_procedures_not_a_constant(official):
    early = term(0, SAME_DAY, time(11))
    assert official.due(vn(2026, 3, 9, 11, 30), early) == vn(2026, 3, 10, 17)
    no_cutoff = term(0, SAME_DAY)
    assert official.due(vn(2026, 3, 9, 16, 30), no_cutoff) == vn(2026, 3, 9, 17)


def test_same_day_monday_ten_oclock_is_due_monday_evening_not_tuesday(official):
    assert official.due(vn(2026, 3, 9, 10), term(0, SAME_DAY, time(15))) == vn(2026, 3, 9, 17)


def test_parse_term_reads_every_unit():
    assert parse_term("15", "calendar_day") == term(15, CALENDAR_DAY)
    assert parse_term("", "same_day", "15:00") == term(0, SAME_DAY, time(15))
    assert parse_term("0,5", "working_day") == term("0.5", WORKING_DAY)
    assert parse_term("3d") == term(3, WORKING_DAY)
    assert parse_term("4h") == term(4, WORKING_HOUR)


@pytest.mark.parametrize(
    ("duration", "unit", "cutoff", "code"),
    [
        ("15", "fortnight", None, "unknown_unit"),
        ("1.5", "calendar_day", None, "fractional_calendar_days"),
        ("-2", "working_day", None, "negative_duration"),
        ("abc", "working_day", None, "malformed_duration"),
        ("", "same_day", "25:00", "malformed_cutoff"),
        ("3", "working_day", "15:00", "cutoff_without_same_day"),
        ("99999", "calendar_day", None, "term_too_long"),
        ("3d", "calendar_day", None, "unit_mismatch"),
        ("", "working_day", None, "missing_duration"),
    ],
)
def test_parse_term_refuses_what_nobody_could_mean(duration, unit, cutoff, code):
    with pytest.raises(WorkTimeError) as caught:
        parse_term(duration, unit, cutoff)
    assert caught.value.code == code
    assert caught.value.message_vi and caught.value.message_en
