"""Due-date computation: the engine (bisect over precomputed cumulative working time) against a
naive day-by-day loop, in the same run, for 1, 10, 100 and 1000 working days.

Run: `.venv/bin/python bench/bench_due_date.py` (no database: the calendar is built from the law
and the notices shipped in src/motcua/calendar/data). Prints the median µs per call and the ratio.
"""

from __future__ import annotations

import statistics
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from motcua.calendar.statutory import official_calendar
from motcua.calendar.worktime import parse_duration

VN = ZoneInfo("Asia/Ho_Chi_Minh")
DURATIONS = (1, 10, 100, 1000)
STARTS = [
    datetime(2025, 1, 2, 8, tzinfo=VN) + timedelta(days=i * 7, hours=i % 9, minutes=17 * i % 60)
    for i in range(50)
]


def naive_due(calendar, start: datetime, seconds: int) -> datetime:
    """The baseline: walk day by day, asking each day whether it is a working day and its hours."""
    local = start.astimezone(VN)
    day = local.date()
    s = local.hour * 3600 + local.minute * 60 + local.second
    left = seconds
    while True:
        if calendar.is_working_day(day):
            for a, b in calendar.office_periods(day):
                a_s, b_s = a.hour * 3600 + a.minute * 60, b.hour * 3600 + b.minute * 60
                lo = max(a_s, s)
                if lo >= b_s:
                    continue
                if left <= b_s - lo:
                    end = lo + left
                    return datetime(
                        day.year, day.month, day.day, end // 3600, end // 60 % 60, end % 60, tzinfo=VN
                    )
                left -= b_s - lo
        day = day + timedelta(days=1)
        s = 0


def median_us(func, repeats: int) -> float:
    samples = []
    for _ in range(repeats):
        t0 = time.perf_counter_ns()
        for start in STARTS:
            func(start)
        samples.append((time.perf_counter_ns() - t0) / len(STARTS) / 1000)
    return statistics.median(samples)


def main() -> None:
    t0 = time.perf_counter()
    calendar = official_calendar(2024, 2035)
    build_ms = (time.perf_counter() - t0) * 1000
    print(f"calendar 2024–2035 built once in {build_ms:.1f} ms ({len(calendar._ords)} working days)")
    print(f"python {sys.version.split()[0]}; median of repeats, {len(STARTS)} start instants per repeat")
    print(f"{'duration':>10} {'engine µs':>10} {'naive µs':>10} {'naive/engine':>13}")
    for days in DURATIONS:
        seconds = calendar.days(days)
        duration = parse_duration(f"{days}d")
        for start in STARTS:  # same answers, or the comparison means nothing
            assert calendar.add_duration(start, duration) == naive_due(calendar, start, seconds), (
                start,
                days,
            )
        engine = median_us(lambda s, d=duration: calendar.add_duration(s, d), repeats=200)
        naive = median_us(lambda s, n=seconds: naive_due(calendar, s, n), repeats=max(3, 200 // days))
        print(f"{days:>9}d {engine:>10.2f} {naive:>10.1f} {naive / engine:>12.1f}x")


if __name__ == "__main__":
    main()
