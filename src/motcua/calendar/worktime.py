"""Working-time arithmetic: the one module that turns instants and durations into due dates.

Pure on purpose: no Django, no database, nothing but the standard library, so the same object
answers the API, the CLI, reports over millions of dossiers and the benchmark. A `WorkCalendar` is
built once (from days off, make-up working days and office hours) and never changes; building it
precomputes, for every working day of a range of years, the working seconds counted before that
day. Every question is then a bisect into those arrays plus a walk over at most a few office
periods of one day: the cost does not grow with the length of the duration.

Model of time
- An instant's *position* is the number of working seconds between the start of the calendar's
  range and that instant. Outside office hours the position does not move, so an instant received
  at 17:30 has the same position as 08:00 on the next working day.
- Adding a duration moves the position; the due instant is the *earliest* instant at that
  position. A day-long task received at 08:00 is therefore due at 17:00 the same day, not at
  08:00 the next morning, and due instants always lie inside office hours of a working day.
- Instants must be timezone-aware; they may arrive in any zone (UTC from storage) and come back
  in the calendar's zone (Asia/Ho_Chi_Minh, which has had no daylight saving since 1975; the
  engine assumes no DST change during office hours).
- Durations are whole working seconds. One working day is `hours_per_day` hours (8 by default),
  as production systems store deadlines in working hours, which also gives half days.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal, InvalidOperation
from zoneinfo import ZoneInfo

VN_TZ_NAME = "Asia/Ho_Chi_Minh"
OFF = "off"
WORKING = "working"

Period = tuple[time, time]
DEFAULT_PERIODS: tuple[Period, ...] = ((time(8), time(12)), (time(13), time(17)))
SATURDAY_MORNING: tuple[Period, ...] = ((time(8), time(12)),)
DEFAULT_CUTOFF = time(15)
# Longest duration accepted from people (API, CLI): ten years of working days is no real procedure.
MAX_DURATION_DAYS = 2500


class WorkTimeError(ValueError):
    """A question the calendar cannot answer; carries a code and both languages for the UI/API."""

    def __init__(self, code: str, message_vi: str, message_en: str):
        super().__init__(message_en)
        self.code, self.message_vi, self.message_en = code, message_vi, message_en


class OutOfRangeError(WorkTimeError):
    pass


@dataclass(frozen=True, slots=True)
class SpecialDay:
    """One statement about one date from one source: a day off or a make-up working day."""

    day: date
    kind: str  # OFF or WORKING
    name: str  # Vietnamese
    source: str  # the law article or the notice number that makes this day what it is
    name_en: str = ""
    provisional: bool = False  # computed by rule while the year's government notice is not in yet


@dataclass(frozen=True, slots=True)
class WeeklyHours:
    """Office periods for each weekday, Monday = 0; an empty tuple is a weekly rest day."""

    days: tuple[tuple[Period, ...], ...]

    def __post_init__(self):
        if len(self.days) != 7:
            raise ValueError("WeeklyHours needs exactly 7 weekdays")
        for periods in self.days:
            _check_periods(periods)

    @classmethod
    def standard(cls, saturday_morning: bool = False) -> WeeklyHours:
        weekdays = (DEFAULT_PERIODS,) * 5
        return cls((*weekdays, SATURDAY_MORNING if saturday_morning else (), ()))


def _check_periods(periods: Sequence[Period]) -> None:
    previous_end = None
    for start, end in periods:
        if not start < end:
            raise ValueError(f"office period {start}–{end} must start before it ends")
        if previous_end is not None and start < previous_end:
            raise ValueError("office periods must be in order and must not overlap")
        previous_end = end


def _seconds(t: time) -> int:
    return t.hour * 3600 + t.minute * 60 + t.second


@dataclass(frozen=True, slots=True)
class Duration:
    """A duration as people write it: `3d`, `0.5d`, `4h`. `0d` means a same-day procedure."""

    value: Decimal
    unit: str  # "d" or "h"

    @property
    def same_day(self) -> bool:
        return self.unit == "d" and self.value == 0

    def __str__(self) -> str:
        return f"{self.value.normalize():f}{self.unit}"


_DURATION_RE = re.compile(r"^\s*(-?\d+(?:[.,]\d+)?)\s*([dDhH])\s*$", re.ASCII)


def parse_duration(text: str) -> Duration:
    """Parse `<N>d` or `<N>h`; refuse negatives, zero hours and durations nobody could mean."""
    match = _DURATION_RE.match(text or "")
    if not match:
        raise WorkTimeError(
            "malformed_duration",
            f"Thời hạn «{text}» không đúng dạng: dùng <số>d (ngày làm việc) hoặc <số>h (giờ làm việc),"
            " ví dụ 3d, 0.5d, 4h.",
            f"Duration {text!r} is malformed: use <N>d (working days) or <N>h (working hours),"
            " e.g. 3d, 0.5d, 4h.",
        )
    try:
        value = Decimal(match.group(1).replace(",", "."))
    except InvalidOperation as exc:  # pragma: no cover - the regex admits only numbers
        raise WorkTimeError("malformed_duration", "Thời hạn không hợp lệ.", "Invalid duration.") from exc
    unit = match.group(2).lower()
    if value < 0:
        raise WorkTimeError(
            "negative_duration", "Thời hạn không được âm.", "The duration must not be negative."
        )
    if unit == "h" and value == 0:
        raise WorkTimeError(
            "zero_duration",
            "Thời hạn 0 giờ không có nghĩa; thủ tục giải quyết trong ngày dùng 0d.",
            "A duration of 0 hours means nothing; a same-day procedure is 0d.",
        )
    days = value if unit == "d" else value / 8
    if days > MAX_DURATION_DAYS:
        raise WorkTimeError(
            "duration_too_long",
            f"Thời hạn quá dài (tối đa {MAX_DURATION_DAYS} ngày làm việc).",
            f"The duration is too long (at most {MAX_DURATION_DAYS} working days).",
        )
    return Duration(value, unit)


_SPACE_BEFORE_OFFSET = re.compile(r"^(\S+T\S+?) (\d{2}(?::?\d{2})?)$", re.ASCII)


def parse_instant(text: str) -> datetime:
    """An ISO 8601 instant with its UTC offset (`2025-04-25T16:00:00+07:00`, or `Z`).

    A "+" left unencoded in a query string arrives as a space; we put it back rather than
    refuse a request whose meaning is plain.
    """
    raw = (text or "").strip()
    raw = _SPACE_BEFORE_OFFSET.sub(r"\1+\2", raw)
    try:
        instant = datetime.fromisoformat(raw)
    except ValueError:
        instant = None
    if instant is None or "T" not in raw.upper():
        raise WorkTimeError(
            "malformed_start",
            f"Thời điểm «{text}» không đúng định dạng ISO 8601, ví dụ 2025-04-25T16:00:00+07:00.",
            f"The instant {text!r} is not ISO 8601, e.g. 2025-04-25T16:00:00+07:00.",
        )
    if instant.tzinfo is None:
        raise WorkTimeError(
            "naive_datetime",
            "Thời điểm phải kèm múi giờ (ví dụ +07:00).",
            "The instant must carry a UTC offset (e.g. +07:00).",
        )
    return instant


def _merge_intervals(pauses: Iterable[tuple[datetime, datetime]]) -> list[tuple[datetime, datetime]]:
    ordered = sorted(pauses)
    merged: list[tuple[datetime, datetime]] = []
    for start, end in ordered:
        if end < start:
            raise WorkTimeError(
                "pause_reversed",
                "Khoảng tạm dừng có thời điểm kết thúc trước thời điểm bắt đầu.",
                "A pause ends before it starts.",
            )
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


@dataclass(frozen=True, eq=False)
class WorkCalendar:
    """Days off, make-up days and office hours over a range of years, with precomputed positions.

    Rule of precedence for one date: a make-up working day from a notice beats everything (the
    notice is the later, more specific act); otherwise any day-off statement makes the day off;
    otherwise the weekly pattern decides.
    """

    special_days: tuple[SpecialDay, ...] = ()
    weekly: WeeklyHours = field(default_factory=WeeklyHours.standard)
    # A Saturday worked in exchange for a weekday off is worked as an ordinary weekday.
    makeup_periods: tuple[Period, ...] = DEFAULT_PERIODS
    hours_per_day: Decimal = Decimal(8)
    same_day_cutoff: time = DEFAULT_CUTOFF
    first_year: int = 2020
    last_year: int = 2040
    tz_name: str = VN_TZ_NAME

    # Derived, filled in __post_init__.
    tz: ZoneInfo = field(init=False, repr=False)
    seconds_per_day: int = field(init=False, repr=False)
    _ords: list[int] = field(init=False, repr=False)
    _cum: list[int] = field(init=False, repr=False)
    _periods: list[tuple[tuple[int, int], ...]] = field(init=False, repr=False)
    _index: dict[int, int] = field(init=False, repr=False)
    _by_day: dict[date, tuple[SpecialDay, ...]] = field(init=False, repr=False)
    _min_ord: int = field(init=False, repr=False)
    _max_ord: int = field(init=False, repr=False)

    def __post_init__(self):
        if self.first_year > self.last_year:
            raise ValueError("first_year must not be after last_year")
        _check_periods(self.makeup_periods)
        hours = Decimal(self.hours_per_day)
        if not 0 < hours <= 24:
            raise ValueError("hours_per_day must be between 0 and 24")
        setattr_ = object.__setattr__
        setattr_(self, "tz", ZoneInfo(self.tz_name))
        setattr_(self, "seconds_per_day", int(hours * 3600))

        by_day: dict[date, list[SpecialDay]] = {}
        for special in self.special_days:
            by_day.setdefault(special.day, []).append(special)
        setattr_(self, "_by_day", {d: tuple(v) for d, v in sorted(by_day.items())})

        weekly_seconds = [tuple((_seconds(a), _seconds(b)) for a, b in p) for p in self.weekly.days]
        makeup_seconds = tuple((_seconds(a), _seconds(b)) for a, b in self.makeup_periods)
        first = date(self.first_year, 1, 1).toordinal()
        last = date(self.last_year, 12, 31).toordinal()
        ords: list[int] = []
        cum = [0]
        periods: list[tuple[tuple[int, int], ...]] = []
        for o in range(first, last + 1):
            day_periods = self._periods_of(date.fromordinal(o), weekly_seconds, makeup_seconds)
            if day_periods:
                ords.append(o)
                periods.append(day_periods)
                cum.append(cum[-1] + sum(b - a for a, b in day_periods))
        setattr_(self, "_ords", ords)
        setattr_(self, "_cum", cum)
        setattr_(self, "_periods", periods)
        setattr_(self, "_index", {o: i for i, o in enumerate(ords)})
        setattr_(self, "_min_ord", first)
        setattr_(self, "_max_ord", last)

    def _periods_of(self, day: date, weekly_seconds, makeup_seconds) -> tuple[tuple[int, int], ...]:
        statements = self._by_day.get(day, ())
        weekday = weekly_seconds[day.weekday()]
        if any(s.kind == WORKING for s in statements):
            return weekday or makeup_seconds
        if any(s.kind == OFF for s in statements):
            return ()
        return weekday

    # ----- days -------------------------------------------------------------------------------

    def covers(self, day: date) -> bool:
        return self.first_year <= day.year <= self.last_year

    def is_working_day(self, day: date) -> bool:
        self._check_day(day)
        return day.toordinal() in self._index

    def statements(self, day: date) -> tuple[SpecialDay, ...]:
        """Every source that says something about this date (empty for an ordinary day)."""
        return self._by_day.get(day, ())

    def special_days_in(self, year: int) -> list[SpecialDay]:
        return [s for d, group in self._by_day.items() if d.year == year for s in group]

    def office_periods(self, day: date) -> tuple[Period, ...]:
        self._check_day(day)
        i = self._index.get(day.toordinal())
        if i is None:
            return ()
        return tuple((_time(a), _time(b)) for a, b in self._periods[i])

    def _check_day(self, day: date) -> None:
        if not self.covers(day):
            raise self._out_of_range()

    def _out_of_range(self) -> OutOfRangeError:
        return OutOfRangeError(
            "out_of_calendar_range",
            f"Ngoài phạm vi lịch làm việc ({self.first_year}–{self.last_year}).",
            f"Outside the working calendar's range ({self.first_year}–{self.last_year}).",
        )

    # ----- positions ------------------------------------------------------------------------

    def position(self, instant: datetime) -> int:
        """Working seconds from the start of the range up to `instant` (seconds, truncated)."""
        if instant.tzinfo is None or instant.utcoffset() is None:
            raise WorkTimeError(
                "naive_datetime",
                "Thời điểm phải kèm múi giờ (ví dụ +07:00).",
                "The instant must carry a UTC offset (e.g. +07:00).",
            )
        try:
            local = instant.astimezone(self.tz)
        except OverflowError:  # year 1 or 9999 pushed past the edge by the offset
            raise self._out_of_range() from None
        o = local.toordinal()
        if o < self._min_ord or o > self._max_ord:
            raise self._out_of_range()
        i = self._index.get(o)
        if i is None:
            return self._cum[bisect_left(self._ords, o)]
        s = local.hour * 3600 + local.minute * 60 + local.second
        position = self._cum[i]
        for a, b in self._periods[i]:
            if s <= a:
                break
            if s < b:
                return position + s - a
            position += b - a
        return position

    def instant_at(self, position: int) -> datetime:
        """The earliest instant whose position is `position` (always inside office hours)."""
        k = bisect_left(self._cum, position, 1)
        if position < 0 or k >= len(self._cum):
            raise self._out_of_range()
        i = k - 1
        rest = position - self._cum[i]
        periods = self._periods[i]
        s = periods[0][0]
        for a, b in periods:
            if rest <= b - a:
                s = a + rest
                break
            rest -= b - a
        d = date.fromordinal(self._ords[i])
        return datetime(d.year, d.month, d.day, s // 3600, s // 60 % 60, s % 60, tzinfo=self.tz)

    # ----- durations --------------------------------------------------------------------------

    def duration_seconds(self, duration: Duration) -> int:
        per_unit = self.seconds_per_day if duration.unit == "d" else 3600
        return int(duration.value * per_unit)

    def days(self, n: float | Decimal | int) -> int:
        return int(Decimal(str(n)) * self.seconds_per_day)

    # ----- the questions ----------------------------------------------------------------------

    def next_working_instant(self, instant: datetime) -> datetime:
        """`instant` itself inside office hours, else the start of the next office period."""
        position = self.position(instant)
        local = instant.astimezone(self.tz)
        i = self._index.get(local.toordinal())
        if i is not None:
            s = local.hour * 3600 + local.minute * 60 + local.second
            if any(a <= s < b for a, b in self._periods[i]):
                return local
        return self.instant_at(position + 1) - timedelta(seconds=1)

    def add(
        self,
        start: datetime,
        seconds: int,
        pauses: Iterable[tuple[datetime, datetime]] = (),
    ) -> datetime:
        """The due instant `seconds` of working time after `start`, pushed by paused working time.

        A pause that begins before the (running) due position pushes the due position by its
        whole working length; one that begins at or after it is irrelevant: the dossier was due.
        """
        if seconds < 0:
            raise WorkTimeError(
                "negative_duration", "Thời hạn không được âm.", "The duration must not be negative."
            )
        origin = self.position(start)
        target = origin + seconds
        for pause_start, pause_end in _merge_intervals(pauses):
            ps = max(self.position(pause_start), origin)
            if ps >= target:
                break
            pe = max(self.position(pause_end), origin)
            target += pe - ps
        return self.instant_at(target)

    def add_duration(
        self, start: datetime, duration: Duration, pauses: Iterable[tuple[datetime, datetime]] = ()
    ) -> datetime:
        if duration.same_day:
            return self.due_same_day(start, pauses)
        return self.add(start, self.duration_seconds(duration), pauses)

    def due_same_day(self, received: datetime, pauses: Iterable[tuple[datetime, datetime]] = ()) -> datetime:
        """The 15:00 rule for procedures settled within the day.

        The receipt is first moved to the next office period if it came outside office hours.
        Received at or before the cutoff (15:00:00, to the second, local time) → due at the close
        of that working day; received after it → due at the close of the next working day.
        Pauses push the due instant by their working time, as for any other duration.
        """
        start = self.next_working_instant(received)
        i = self._index[start.toordinal()]
        s = start.hour * 3600 + start.minute * 60 + start.second
        if s > _seconds(self.same_day_cutoff):
            i += 1
        if i >= len(self._ords):
            raise self._out_of_range()
        seconds = self._cum[i + 1] - self.position(start)
        return self.add(start, seconds, pauses)

    def elapsed(
        self, start: datetime, end: datetime, pauses: Iterable[tuple[datetime, datetime]] = ()
    ) -> int:
        """Working seconds between two instants, paused time excluded (negative if end < start)."""
        a, b = self.position(start), self.position(end)
        if b < a:
            return -self.elapsed(end, start, pauses)
        total = b - a
        for pause_start, pause_end in _merge_intervals(pauses):
            ps = max(self.position(pause_start), a)
            pe = min(self.position(pause_end), b)
            if pe > ps:
                total -= pe - ps
        return total

    def remaining(self, due: datetime, now: datetime) -> int:
        """Working seconds left until `due`; negative once it has passed (by working time)."""
        return self.position(due) - self.position(now)

    def is_overdue(self, due: datetime, now: datetime) -> bool:
        """Late as soon as the instant passes the due instant (end ≤ due is on time)."""
        return now > due

    def due_within(self, due: datetime, now: datetime, hours: float | Decimal | int) -> bool:
        """Not yet late, and at most `hours` working hours left: the "about to be late" list."""
        if self.is_overdue(due, now):
            return False
        return self.remaining(due, now) <= Decimal(str(hours)) * 3600

    def working_days_between(self, first: date, last: date) -> int:
        """Working days in the closed range [first, last]."""
        self._check_day(first)
        self._check_day(last)
        return max(0, bisect_right(self._ords, last.toordinal()) - bisect_left(self._ords, first.toordinal()))


def _time(seconds: int) -> time:
    if seconds >= 86400:
        return time(23, 59, 59)
    return time(seconds // 3600, seconds // 60 % 60, seconds % 60)
