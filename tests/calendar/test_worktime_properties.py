"""Properties over random instants, durations and pauses (hypothesis)."""

from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from motcua.calendar.statutory import official_calendar

CALENDAR = official_calendar(2024, 2035)

instants = st.datetimes(
    min_value=datetime(2024, 6, 1), max_value=datetime(2029, 12, 31), timezones=st.just(UTC)
).map(lambda d: d.replace(microsecond=0))
durations = st.integers(min_value=0, max_value=CALENDAR.days(400))
pause_lists = st.lists(
    st.tuples(instants, st.integers(min_value=0, max_value=30 * 24 * 3600)).map(
        lambda p: (p[0], p[0] + timedelta(seconds=p[1]))
    ),
    max_size=4,
)


@given(instants, durations)
@settings(max_examples=300)
def test_adding_then_measuring_gives_back_the_duration(start, seconds):
    due = CALENDAR.add(start, seconds)
    assert CALENDAR.elapsed(start, due) == seconds


@given(instants, durations, pause_lists)
@settings(max_examples=300)
def test_adding_then_measuring_with_pauses_gives_back_the_duration(start, seconds, pauses):
    due = CALENDAR.add(start, seconds, pauses)
    assert CALENDAR.elapsed(start, due, pauses) == seconds


@given(instants, st.integers(min_value=1, max_value=CALENDAR.days(400)))
@settings(max_examples=300)
def test_due_dates_never_fall_on_a_day_off_nor_outside_office_hours(start, seconds):
    due = CALENDAR.add(start, seconds)
    assert CALENDAR.is_working_day(due.date())
    assert any(a < due.time() <= b for a, b in CALENDAR.office_periods(due.date()))


@given(instants, instants)
def test_elapsed_is_antisymmetric_and_additive(a, b):
    middle = min(a, b) + (max(a, b) - min(a, b)) / 2
    assert CALENDAR.elapsed(a, b) == -CALENDAR.elapsed(b, a)
    lo, hi = min(a, b), max(a, b)
    assert CALENDAR.elapsed(lo, hi) == CALENDAR.elapsed(lo, middle) + CALENDAR.elapsed(middle, hi)


@given(instants, durations, durations)
def test_longer_durations_never_give_earlier_due_dates(start, d1, d2):
    lo, hi = sorted((d1, d2))
    assert CALENDAR.add(start, lo) <= CALENDAR.add(start, hi)


@given(instants, st.integers(min_value=1, max_value=CALENDAR.days(100)))
def test_overdue_exactly_after_the_due_instant(start, seconds):
    due = CALENDAR.add(start, seconds)
    assert not CALENDAR.is_overdue(due, due)
    assert CALENDAR.is_overdue(due, due + timedelta(seconds=1))
