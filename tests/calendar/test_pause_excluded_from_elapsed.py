"""Pauses (supplement requested → supplement received) stop the clock."""

import pytest

from motcua.calendar.worktime import WorkTimeError

from .conftest import vn


def test_pause_is_excluded_from_elapsed_time(official):
    start, end = vn(2026, 3, 9, 8), vn(2026, 3, 13, 17)  # Mon – Fri: 5 working days
    pause = (vn(2026, 3, 10, 10), vn(2026, 3, 11, 10))  # exactly one working day
    assert official.elapsed(start, end) == official.days(5)
    assert official.elapsed(start, end, [pause]) == official.days(4)


def test_pause_pushes_the_due_date_by_its_working_time(official):
    start = vn(2026, 3, 9, 8)
    pause = (vn(2026, 3, 10, 10), vn(2026, 3, 11, 10))
    assert official.add(start, official.days(3)) == vn(2026, 3, 11, 17)
    assert official.add(start, official.days(3), [pause]) == vn(2026, 3, 12, 17)


def test_pause_over_a_weekend_only_costs_its_working_hours(official):
    start = vn(2026, 3, 9, 8)
    pause = (vn(2026, 3, 13, 16), vn(2026, 3, 16, 9))  # Fri 16:00 → Mon 09:00 = 2 working hours
    assert official.add(start, official.days(5), [pause]) == vn(2026, 3, 16, 10)


def test_pause_after_the_due_date_changes_nothing(official):
    start = vn(2026, 3, 9, 8)
    pause = (vn(2026, 3, 12, 8), vn(2026, 3, 13, 17))
    assert official.add(start, official.days(2), [pause]) == vn(2026, 3, 10, 17)


def test_overlapping_pauses_count_once(official):
    start, end = vn(2026, 3, 9, 8), vn(2026, 3, 9, 17)
    pauses = [(vn(2026, 3, 9, 9), vn(2026, 3, 9, 11)), (vn(2026, 3, 9, 10), vn(2026, 3, 9, 14))]
    # 09:00 → 14:00 with lunch: 3 + 1 = 4 working hours paused, 4 left.
    assert official.elapsed(start, end, pauses) == 4 * 3600


def test_pause_before_the_receipt_is_ignored(official):
    start = vn(2026, 3, 10, 8)
    pause = (vn(2026, 3, 9, 8), vn(2026, 3, 10, 12))
    assert official.elapsed(start, vn(2026, 3, 10, 17), [pause]) == 4 * 3600
    assert official.add(start, 8 * 3600, [pause]) == vn(2026, 3, 11, 12)


def test_reversed_pause_is_refused(official):
    with pytest.raises(WorkTimeError) as info:
        official.elapsed(vn(2026, 3, 9, 8), vn(2026, 3, 9, 17), [(vn(2026, 3, 9, 12), vn(2026, 3, 9, 9))])
    assert info.value.code == "pause_reversed"
