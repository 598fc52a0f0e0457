"""A period is read from whole months of the monthly rollups and days of the daily ones: the sums are
the same whatever the split."""

from datetime import date

from motcua.reports.selectors import Period, Scope, _split, rollup_totals

from .cases import at, processed, received_on


def test_split():
    assert _split(Period.parse("2026-03-01", "2026-03-31")) == ([], (date(2026, 3, 1), date(2026, 3, 1)))
    assert _split(Period.parse("2026-03-05", "2026-04-10")) == ([(date(2026, 3, 5), date(2026, 4, 10))], None)
    days, months = _split(Period.parse("2026-01-15", "2026-04-10"))
    assert months == (date(2026, 2, 1), date(2026, 3, 1))
    assert days == [(date(2026, 1, 15), date(2026, 1, 31)), (date(2026, 4, 1), date(2026, 4, 10))]


def test_sums_do_not_depend_on_the_split(world, fixed_clock):
    for day in (2, 16, 30):
        d = received_on(world, fixed_clock, 2026, 3, day, 9, 0)
        processed(world, fixed_clock, d, 2026, 4, day - 1, 9, 0)
    at(fixed_clock, 2026, 5, 20, 9, 0)
    whole = rollup_totals(Period.parse("2026-03-01", "2026-04-30"), Scope())
    parts = [
        rollup_totals(Period.parse(a, b), Scope())
        for a, b in (("2026-03-01", "2026-03-15"), ("2026-03-16", "2026-04-30"))
    ]
    assert whole["received"] == 3 == sum(p["received"] for p in parts)
    finished = whole["finished_early"] + whole["finished_on_time"] + whole["finished_late"]
    assert finished == 3
    assert sum(p["finished_early"] + p["finished_on_time"] + p["finished_late"] for p in parts) == 3
