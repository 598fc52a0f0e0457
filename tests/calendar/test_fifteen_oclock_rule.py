"""Same-day procedures (0d): received at or before 15:00:00 → due at the close of that working day;
after 15:00 → at the close of the next working day."""

from motcua.calendar.worktime import parse_duration

from .conftest import vn

SAME_DAY = parse_duration("0d")


def test_received_before_three_is_due_the_same_evening(official):
    assert official.add_duration(vn(2026, 3, 10, 9, 30), SAME_DAY) == vn(2026, 3, 10, 17)


def test_received_at_three_sharp_is_still_the_same_day(official):
    assert official.add_duration(vn(2026, 3, 10, 15, 0, 0), SAME_DAY) == vn(2026, 3, 10, 17)


def test_received_one_second_after_three_is_due_the_next_working_day(official):
    assert official.add_duration(vn(2026, 3, 10, 15, 0, 1), SAME_DAY) == vn(2026, 3, 11, 17)


def test_friday_afternoon_before_tet_is_due_after_the_tet_block(official):
    # Fri 13 Feb 2026 16:00; Sat 14 – Sun 22 Feb off.
    assert official.add_duration(vn(2026, 2, 13, 16), SAME_DAY) == vn(2026, 2, 23, 17)


def test_received_on_a_day_off_counts_from_the_next_morning(official):
    # Saturday: the receipt starts at 08:00 Monday, before 15:00, so due Monday evening.
    assert official.add_duration(vn(2026, 3, 14, 10), SAME_DAY) == vn(2026, 3, 16, 17)


def test_received_in_the_evening_is_due_next_working_day_evening(official):
    assert official.add_duration(vn(2026, 3, 10, 18, 30), SAME_DAY) == vn(2026, 3, 11, 17)


def test_cutoff_is_configurable(official):
    from dataclasses import replace
    from datetime import time

    early = replace(official, same_day_cutoff=time(11))
    assert early.add_duration(vn(2026, 3, 10, 11, 30), SAME_DAY) == vn(2026, 3, 11, 17)


def test_cutoff_is_read_in_vietnamese_time_whatever_the_offset_given(official):
    from datetime import UTC, datetime

    # 08:30 UTC is 15:30 in Hà Nội: after the cutoff.
    assert official.add_duration(datetime(2026, 3, 10, 8, 30, tzinfo=UTC), SAME_DAY) == vn(2026, 3, 11, 17)
