"""Reads: the WorkCalendar of an agency (built from law + notices + office hours, cached), and
the answers the API, the CLI and the page give about due dates and days off."""

from __future__ import annotations

import threading
import uuid
from collections import OrderedDict
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal

from django.db.models import Subquery

from motcua.core import clock
from motcua.core.compiled import CompiledQuery

from . import statutory, worktime
from .models import CalendarRevision, Notice, OfficeHours
from .worktime import Duration, SpecialDay, Term, WeeklyHours, WorkCalendar, WorkTimeError

# The range every cached calendar covers: a few past years (reports over old dossiers) and
# enough future years for the longest duration accepted (MAX_DURATION_DAYS ≈ 10 years).
PAST_YEARS, FUTURE_YEARS = 6, 11
_CACHE_SIZE = 512

_cache: OrderedDict[tuple, WorkCalendar] = OrderedDict()
_lock = threading.Lock()


_revision_memo: ContextVar[dict | None] = ContextVar("calendar_revision_memo", default=None)


def _token(value) -> str:
    # a UUID from PostgreSQL, 32 hex digits from SQLite's raw rows: one spelling for cache keys
    return str(uuid.UUID(str(value))) if value else "initial"


# Read at every receipt and every due-date question: its SQL is built once (core/compiled.py).
_REVISION = CompiledQuery(lambda pk: CalendarRevision.objects.filter(pk=pk).values_list("token"), pk="int")


def calendar_revision() -> str:
    memo = _revision_memo.get()
    if memo is not None and "token" in memo:
        return memo["token"]
    rows = _REVISION.rows(pk=1)
    token = _token(rows[0][0] if rows else None)
    if memo is not None:
        memo["token"] = token
    return token


def calendar_revision_subquery() -> Subquery:
    """The revision token as a subquery, for a caller that runs a query anyway (the dossier lock)
    and hands the value to `prime_revision`, saving a round trip."""
    return Subquery(CalendarRevision.objects.filter(pk=1).order_by().values("token")[:1])


def prime_revision(token) -> None:
    """Inside `one_revision()`: use this token (read by the caller) instead of reading it again."""
    memo = _revision_memo.get()
    if memo is not None:
        memo["token"] = _token(token)


@contextmanager
def one_revision():
    """Inside the block the revision token is read at most once: one dossier action asks several
    calendars (receiving desk, step agency) and they must all come from the same edit anyway."""
    reset = _revision_memo.set({})
    try:
        yield
    finally:
        _revision_memo.reset(reset)


def calendar_year_range(today: date | None = None) -> tuple[int, int]:
    year = (today or clock.today()).year
    return max(statutory.FIRST_YEAR, year - PAST_YEARS), min(statutory.LAST_YEAR, year + FUTURE_YEARS)


def special_days(first_year: int, last_year: int) -> tuple[SpecialDay, ...]:
    """Law days and the notices stored in the database, for a range of years."""
    notices = [
        statutory.NoticeData(
            number=n.number,
            year=n.year,
            days=tuple((d.date, d.kind, d.note) for d in n.days.all()),
            fixes_lunar_new_year=n.fixes_lunar_new_year,
            fixes_national_day=n.fixes_national_day,
        )
        for n in Notice.objects.filter(year__range=(first_year, last_year)).prefetch_related("days")
    ]
    return statutory.calendar_days(first_year, last_year, notices)


def _office_hours_row(agency) -> OfficeHours | None:
    rows = OfficeHours.objects.prefetch_related("periods")
    if agency is not None:
        row = rows.filter(agency_id=agency).first()
        if row is not None:
            return row
    return rows.filter(agency__isnull=True).first()


def _weekly(row: OfficeHours | None) -> WeeklyHours:
    if row is None:
        return WeeklyHours.standard()
    periods = list(row.periods.all())
    if not periods:  # a row without periods only changes the cutoff or the day length
        return WeeklyHours.standard()
    days: list[list[tuple[time, time]]] = [[] for _ in range(7)]
    for period in sorted(periods, key=lambda p: (p.weekday, p.start)):
        days[period.weekday].append((period.start, period.end))
    return WeeklyHours(tuple(tuple(d) for d in days))


def work_calendar(agency=None) -> WorkCalendar:
    """The calendar for `agency` (an Agency or its id; None: the province default), rebuilt only
    after an edit."""
    first, last = calendar_year_range()
    agency_id = agency if agency is None or isinstance(agency, int) else agency.pk
    key = (agency_id, calendar_revision(), first, last)
    with _lock:
        cached = _cache.get(key)
        if cached is not None:
            _cache.move_to_end(key)
            return cached
    row = _office_hours_row(agency_id)
    weekly = _weekly(row)
    monday_like = next((p for p in weekly.days[:5] if p), worktime.DEFAULT_PERIODS)
    calendar = WorkCalendar(
        special_days=special_days(first, last),
        weekly=weekly,
        makeup_periods=monday_like,
        hours_per_day=Decimal(row.hours_per_day) if row else Decimal(8),
        same_day_cutoff=row.same_day_cutoff if row else worktime.DEFAULT_CUTOFF,
        first_year=first,
        last_year=last,
    )
    with _lock:
        _cache[key] = calendar
        while len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)
    return calendar


def agency_by_identifier(identifier: str | None):
    """The Agency with this identifier, None for none given; WorkTimeError if there is none."""
    if not identifier:
        return None
    from motcua.organizations.models import Agency

    agency = Agency.objects.filter(identifier=identifier.strip()).first()
    if agency is None:
        raise WorkTimeError(
            "unknown_agency",
            f"Không có cơ quan, đơn vị mang mã định danh «{identifier}».",
            f"No agency has the identifier {identifier!r}.",
        )
    return agency


@dataclass(frozen=True)
class DueDateAnswer:
    start: datetime
    effective_start: datetime
    duration: Duration | Term
    term: Term
    working_seconds: int
    due: datetime
    agency_identifier: str | None
    same_day: bool
    provisional_days: tuple[SpecialDay, ...]

    @property
    def working_hours(self) -> Decimal:
        return Decimal(self.working_seconds) / 3600


def due_date(start: datetime, duration: Duration | Term, agency=None) -> DueDateAnswer:
    """The due instant of `duration` (a short form, or a Term in any unit) received at `start`,
    by the calendar of `agency` (None: the province default). Raises WorkTimeError."""
    calendar = work_calendar(agency)
    term = duration.as_term(calendar.same_day_cutoff) if isinstance(duration, Duration) else duration
    due = calendar.due(start, term)
    effective = calendar.next_working_instant(start)
    local_start = start.astimezone(calendar.tz)
    provisional = tuple(
        s for s in calendar.special_days if s.provisional and local_start.date() <= s.day <= due.date()
    )
    return DueDateAnswer(
        start=local_start,
        effective_start=effective,
        duration=duration,
        term=term,
        working_seconds=calendar.elapsed(effective, due),
        due=due,
        agency_identifier=agency.identifier if agency is not None else None,
        same_day=term.same_day,
        provisional_days=provisional,
    )


@dataclass(frozen=True)
class DayEntry:
    """A date that is not an ordinary day of the weekly pattern, with every source about it."""

    day: date
    kind: str  # the outcome: OFF or WORKING
    names: tuple[str, ...]
    names_en: tuple[str, ...]
    sources: tuple[str, ...]
    provisional: bool
    is_working_day: bool


def year_days(year: int, agency=None) -> list[DayEntry]:
    calendar = work_calendar(agency)
    if not calendar.first_year <= year <= calendar.last_year:
        raise WorkTimeError(
            "year_out_of_range",
            f"Năm {year} ngoài phạm vi lịch ({calendar.first_year}–{calendar.last_year}).",
            f"The year {year} is outside the calendar's range ({calendar.first_year}–{calendar.last_year}).",
        )
    entries: dict[date, list[SpecialDay]] = {}
    for special in calendar.special_days_in(year):
        entries.setdefault(special.day, []).append(special)
    result = []
    for day, group in sorted(entries.items()):
        working = calendar.is_working_day(day)
        result.append(
            DayEntry(
                day=day,
                kind=worktime.WORKING if any(s.kind == worktime.WORKING for s in group) else worktime.OFF,
                names=tuple(dict.fromkeys(s.name for s in group)),
                names_en=tuple(dict.fromkeys(s.name_en for s in group if s.name_en)),
                sources=tuple(dict.fromkeys(s.source for s in group)),
                provisional=all(s.provisional for s in group),
                is_working_day=working,
            )
        )
    return result


def notices_for_year(year: int) -> list[Notice]:
    return list(Notice.objects.filter(year=year).order_by("number"))
