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

Deadline units (`Term`, `WorkCalendar.due`): every unit of the national catalogue's DONVITINH.
- `working_day` (Ngày làm việc): N × `hours_per_day` working hours from receipt (DOMAIN §6;
  Decree 118/2025 counts processing time in working days from valid receipt).
- `half_day` (buổi / nửa ngày làm việc): N × half a working day, the same arithmetic.
- `working_hour` (Giờ làm việc): N working hours.
- `same_day` (Trong ngày): due at the close of the working day of receipt; with the procedure's
  own cut-off (e.g. 15:00 for certified copies, Decree 23/2015 Art. 7), a receipt after the
  cut-off (to the second) is due at the close of the next working day. No cut-off: always the
  day of receipt.
- `calendar_day` (Ngày): Civil Code 2015 Art. 147(1) — the period starts on the day after
  receipt, so N days end on day receipt + N; Art. 148(5) — a last day that is a weekly rest day
  or a holiday moves to the next working day. The office's period ends at the close of office
  hours of that day (the desk returns results in office hours).
- `month` (Tháng): Civil Code 2015 Art. 148(2) — ends on the same day number N months later (the
  month's last day when it has no such day), then as for calendar days.
Pauses (an open supplement request) push working units by their working time and calendar units
by their calendar length.
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


# Deadline units (the values the catalogue stores; labels as the national catalogue writes them).
WORKING_DAY = "working_day"
HALF_DAY = "half_day"
WORKING_HOUR = "working_hour"
CALENDAR_DAY = "calendar_day"
SAME_DAY = "same_day"
MONTH = "month"
UNITS = (WORKING_DAY, HALF_DAY, WORKING_HOUR, CALENDAR_DAY, SAME_DAY, MONTH)
CALENDAR_UNITS = (CALENDAR_DAY, MONTH)


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

    def as_term(self, cutoff: time | None = DEFAULT_CUTOFF) -> Term:
        """`0d` is a same-day term with `cutoff`; `Nd` working days; `Nh` working hours."""
        if self.same_day:
            return Term(Decimal(0), SAME_DAY, cutoff)
        return Term(self.value, WORKING_DAY if self.unit == "d" else WORKING_HOUR)


@dataclass(frozen=True, slots=True)
class Term:
    """A legal processing time: `value` in `unit` (one of UNITS); `cutoff` is the procedure's own
    same-day cut-off (local time), None for none. Value 0 in a working unit means same day."""

    value: Decimal
    unit: str
    cutoff: time | None = None

    @property
    def same_day(self) -> bool:
        return self.unit == SAME_DAY or (self.unit not in CALENDAR_UNITS and self.value == 0)

    def __str__(self) -> str:
        if self.unit == SAME_DAY:
            return f"same_day@{self.cutoff:%H:%M}" if self.cutoff else "same_day"
        return f"{self.value.normalize():f} {self.unit}"


_CUTOFF_RE = re.compile(r"^\s*([01]?\d|2[0-3])[:hH]([0-5]\d)(?::([0-5]\d))?\s*$", re.ASCII)


def parse_cutoff(text: str | None) -> time | None:
    """`15:00`, `15h00` or `15:00:00` → time; empty → None. WorkTimeError otherwise."""
    if text is None or not str(text).strip():
        return None
    match = _CUTOFF_RE.match(str(text))
    if not match:
        raise WorkTimeError(
            "malformed_cutoff",
            f"Giờ chốt «{text}» không đúng dạng HH:MM, ví dụ 15:00.",
            f"The cut-off {text!r} is not HH:MM, e.g. 15:00.",
        )
    return time(int(match.group(1)), int(match.group(2)), int(match.group(3) or 0))


_NUMBER_RE = re.compile(r"^\s*(\d+(?:[.,]\d+)?)\s*$", re.ASCII)


def parse_term(duration: str, unit: str | None = None, cutoff: str | None = None) -> Term:
    """A term from people's words: `duration` a number with `unit` one of UNITS (`15` +
    `calendar_day`; `same_day` needs no number, `cutoff` HH:MM), or without unit the short form
    `3d` / `0.5d` / `4h` (see parse_duration; `0d` = same day with the calendar's cut-off).
    Raises WorkTimeError (codes malformed_duration, unknown_unit, negative_duration,
    fractional_calendar_days, duration_too_long, malformed_cutoff)."""
    unit = (unit or "").strip().lower()
    if not unit:
        if not (duration or "").strip():
            raise WorkTimeError(
                "missing_duration",
                "Thiếu thời hạn: dùng duration (ví dụ 3d, 4h) hoặc unit=same_day.",
                "The duration is missing: give duration (e.g. 3d, 4h) or unit=same_day.",
            )
        parsed = parse_duration(duration)
        cut = parse_cutoff(cutoff)
        if cut is not None and not parsed.same_day:
            raise WorkTimeError(
                "cutoff_without_same_day",
                "Giờ chốt chỉ dùng với đơn vị same_day (hoặc 0d).",
                "A cut-off goes only with the unit same_day (or 0d).",
            )
        return parsed.as_term(cut) if cut is not None else parsed.as_term()
    if unit not in UNITS:
        raise WorkTimeError(
            "unknown_unit",
            f"Đơn vị «{unit}» không được hỗ trợ; dùng một trong: {', '.join(UNITS)}.",
            f"Unknown unit {unit!r}; use one of: {', '.join(UNITS)}.",
        )
    cut = parse_cutoff(cutoff)
    if cut is not None and unit != SAME_DAY:
        raise WorkTimeError(
            "cutoff_without_same_day",
            "Giờ chốt chỉ dùng với đơn vị same_day.",
            "A cut-off goes only with the unit same_day.",
        )
    if unit == SAME_DAY and not (duration or "").strip():
        return Term(Decimal(0), SAME_DAY, cut)
    text = (duration or "").strip()
    if not text:
        raise WorkTimeError(
            "missing_duration",
            f"Thiếu thời hạn (một số) cho đơn vị {unit}.",
            f"The duration (a number) is missing for the unit {unit}.",
        )
    if _DURATION_RE.match(text):
        raise WorkTimeError(
            "unit_mismatch",
            f"Khi có tham số unit, thời hạn là một số (ví dụ 15), không phải «{text}».",
            f"With a unit, the duration is a number (e.g. 15), not {text!r}.",
        )
    if text.startswith("-"):
        raise WorkTimeError(
            "negative_duration", "Thời hạn không được âm.", "The duration must not be negative."
        )
    match = _NUMBER_RE.match(text)
    if not match:
        raise WorkTimeError(
            "malformed_duration",
            f"Thời hạn «{duration}» phải là một số không âm, ví dụ 15 hoặc 0,5.",
            f"Duration {duration!r} must be a non-negative number, e.g. 15 or 0.5.",
        )
    value = Decimal(match.group(1).replace(",", "."))
    term = Term(value, unit, cut)
    try:
        check_term(term)
    except WorkTimeError as exc:
        if exc.code != "duration_too_long":
            raise
        raise WorkTimeError("term_too_long", exc.message_vi, exc.message_en) from None
    return term


def check_term(term: Term) -> None:
    """Refuse a term nobody could mean (WorkTimeError): negative, fractional calendar days or
    months, longer than MAX_DURATION_DAYS working days (or calendar days)."""
    if term.unit not in UNITS:
        raise WorkTimeError(
            "unknown_unit", f"Đơn vị «{term.unit}» không được hỗ trợ.", f"Unknown unit {term.unit!r}."
        )
    if term.value < 0:
        raise WorkTimeError(
            "negative_duration", "Thời hạn không được âm.", "The duration must not be negative."
        )
    if term.unit in CALENDAR_UNITS and term.value != term.value.to_integral_value():
        raise WorkTimeError(
            "fractional_calendar_days",
            "Thời hạn tính theo ngày lịch hoặc tháng phải là số nguyên.",
            "A term in calendar days or months must be a whole number.",
        )
    days = {
        WORKING_DAY: term.value,
        HALF_DAY: term.value / 2,
        WORKING_HOUR: term.value / 8,
        CALENDAR_DAY: term.value * 5 / 7,
        MONTH: term.value * 22,
        SAME_DAY: Decimal(0),
    }[term.unit]
    if days > MAX_DURATION_DAYS:
        raise WorkTimeError(
            "duration_too_long",
            f"Thời hạn quá dài (tối đa {MAX_DURATION_DAYS} ngày làm việc).",
            f"The duration is too long (at most {MAX_DURATION_DAYS} working days).",
        )


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
        return self.due(start, duration.as_term(self.same_day_cutoff), pauses)

    def due(self, start: datetime, term: Term, pauses: Iterable[tuple[datetime, datetime]] = ()) -> datetime:
        """The due instant of a legal term received at `start` (aware), pushed by `pauses`.

        The rule of each unit and its legal source is in the module docstring. Raises
        WorkTimeError for a term out of bounds, OutOfRangeError outside the calendar's years.
        """
        check_term(term)
        unit, value = term.unit, term.value
        if term.same_day:
            cutoff = term.cutoff if unit == SAME_DAY else (term.cutoff or self.same_day_cutoff)
            return self.due_same_day(start, pauses, cutoff=cutoff, use_cutoff=cutoff is not None)
        if unit == CALENDAR_DAY:
            return self._due_calendar(start, pauses, days=int(value))
        if unit == MONTH:
            return self._due_calendar(start, pauses, months=int(value))
        per_unit = {WORKING_DAY: self.seconds_per_day, HALF_DAY: Decimal(self.seconds_per_day) / 2}.get(
            unit, 3600
        )
        return self.add(start, int(value * per_unit), pauses)

    def close_of_day_on_or_after(self, day: date) -> datetime:
        """The close of office hours of `day` if it is a working day, else of the next one."""
        self._check_day(day)
        i = bisect_left(self._ords, day.toordinal())
        if i >= len(self._ords):
            raise self._out_of_range()
        return self.instant_at(self._cum[i + 1])

    def _due_calendar(self, start: datetime, pauses, *, days: int = 0, months: int = 0) -> datetime:
        local = start.astimezone(self.tz)
        if days == 0 and months == 0:
            return self.due_same_day(start, pauses, use_cutoff=False)
        base = local.date()
        if months:
            month_index = base.year * 12 + base.month - 1 + months
            year, month = divmod(month_index, 12)
            month += 1
            last_of_month = (date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1)).day
            base = date(year, month, min(base.day, last_of_month))
        else:
            base = base + timedelta(days=days)
        paused = timedelta(0)
        last = base
        for pause_start, pause_end in _merge_intervals(pauses):
            ps = max(pause_start, local)
            end_of_last = datetime(last.year, last.month, last.day, tzinfo=self.tz) + timedelta(days=1)
            if ps >= end_of_last:
                break
            pe = max(pause_end, ps)
            paused += pe - ps
            last = (datetime(base.year, base.month, base.day, tzinfo=self.tz) + paused).date()
        if not self.covers(last):
            raise self._out_of_range()
        return self.close_of_day_on_or_after(last)

    def due_same_day(
        self,
        received: datetime,
        pauses: Iterable[tuple[datetime, datetime]] = (),
        *,
        cutoff: time | None = None,
        use_cutoff: bool = True,
    ) -> datetime:
        """The same-day rule for procedures settled within the day, with the procedure's cut-off.

        The receipt is first moved to the next office period if it came outside office hours.
        Received at or before the cut-off (`cutoff`, else the calendar's, to the second, local
        time) → due at the close of that working day; received after it → due at the close of
        the next working day. `use_cutoff=False`: the close of the day of receipt, whatever the
        hour. Pauses push the due instant by their working time, as for any other duration.
        """
        start = self.next_working_instant(received)
        i = self._index[start.toordinal()]
        s = start.hour * 3600 + start.minute * 60 + start.second
        if use_cutoff and s > _seconds(cutoff or self.same_day_cutoff):
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
