from .conftest import vn


def test_on_time_up_to_the_due_instant_and_late_after(official):
    due = vn(2026, 3, 11, 17)
    assert not official.is_overdue(due, vn(2026, 3, 11, 17))
    assert official.is_overdue(due, vn(2026, 3, 11, 17, 0, 1))


def test_due_within_counts_working_hours_not_clock_hours(official):
    due = vn(2026, 3, 16, 10)  # Monday 10:00
    friday_afternoon = vn(2026, 3, 13, 16)  # 1 h on Friday + 2 h on Monday = 3 working hours
    assert official.remaining(due, friday_afternoon) == 3 * 3600
    assert official.due_within(due, friday_afternoon, 3)
    assert not official.due_within(due, friday_afternoon, 2.5)


def test_overdue_dossiers_are_not_due_within(official):
    due = vn(2026, 3, 11, 17)
    assert not official.due_within(due, vn(2026, 3, 12, 9), 8)
    assert official.remaining(due, vn(2026, 3, 12, 9)) == -3600
