"""A receipt outside office hours starts the clock at the next office period."""

from motcua.calendar.worktime import parse_duration

from .conftest import vn


def test_evening_receipt_starts_next_morning(official):
    assert official.next_working_instant(vn(2026, 3, 10, 17, 30)) == vn(2026, 3, 11, 8)
    assert official.add(vn(2026, 3, 10, 17, 30), official.days(1)) == vn(2026, 3, 11, 17)


def test_lunch_break_receipt_starts_at_one(official):
    assert official.next_working_instant(vn(2026, 3, 10, 12, 15)) == vn(2026, 3, 10, 13)
    assert official.add_duration(vn(2026, 3, 10, 12, 15), parse_duration("4h")) == vn(2026, 3, 10, 17)


def test_early_morning_receipt_starts_at_eight(official):
    assert official.add_duration(vn(2026, 3, 10, 6, 45), parse_duration("4h")) == vn(2026, 3, 10, 12)


def test_receipt_during_office_hours_starts_at_once(official):
    assert official.next_working_instant(vn(2026, 3, 10, 9, 41)) == vn(2026, 3, 10, 9, 41)


def test_a_full_day_received_at_eight_ends_the_same_evening(official):
    # The due instant is the earliest instant at the position: 17:00, not 08:00 the next day.
    assert official.add(vn(2026, 3, 10, 8), official.days(1)) == vn(2026, 3, 10, 17)


def test_half_day_and_hours_cross_the_lunch_break(official):
    assert official.add_duration(vn(2026, 3, 10, 10), parse_duration("0.5d")) == vn(2026, 3, 10, 15)


def test_weekend_receipt_starts_monday(official):
    assert official.next_working_instant(vn(2026, 3, 14, 9)) == vn(2026, 3, 16, 8)
