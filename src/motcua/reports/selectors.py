"""Reading the statistics: periods, scopes, and the totals every report, the index and the dashboard
are made of. Counts come from the rollups (`MonthlyRollup` for whole months, `DailyRollup` for the
rest); what depends on the end of a period (dossiers unfinished then) from the facts (`DossierStat`),
read only where they are few: the dossiers open now (a partial index) and, for an instant in the past,
those ended since it (an index on (ended_at, received_at)). The dossiers unfinished at a past instant
("carried over") are counted from the rollups alone (`open_at`). No read here grows with the history
behind the period: its cost follows the period's length, the distance to now, and today's workload.

Shapes: a `Period` is a closed range of local days (Asia/Ho_Chi_Minh); a `Scope` is a set of
agencies, deciding or receiving (None: the whole province), optionally one procedure or one sector. Totals are
dicts {counter name: int} (`models.COUNTERS` plus the derived names of `progress` and `snapshot`).
"""

from __future__ import annotations

import calendar as pycalendar
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Count, F, Min, Q, QuerySet, Sum

from motcua.catalog.models import OnlineKind, Procedure
from motcua.core import clock
from motcua.dossiers.states import ONLINE_CHANNELS, Channel
from motcua.organizations.models import Agency, AgencyKind
from motcua.organizations.selectors import agencies_under

from .facts import VN
from .models import COUNTERS, DailyRollup, DossierStat, MonthlyRollup


class ReportError(ValueError):
    """Bad report parameters: a 422 at the API, a message on the page, exit code 2 in the CLI."""

    status = 422

    def __init__(self, message_vi: str, message_en: str, code: str = "invalid_report_params"):
        super().__init__(f"{message_vi} / {message_en}")
        self.message_vi, self.message_en, self.code = message_vi, message_en, code


@dataclass(frozen=True)
class Period:
    start: date
    end: date  # inclusive

    @classmethod
    def parse(cls, start: str | date | None, end: str | date | None) -> Period:
        """From ISO dates (YYYY-MM-DD); ReportError when missing, malformed, reversed or > 10 years."""
        try:
            a = start if isinstance(start, date) else date.fromisoformat(str(start or ""))
            b = end if isinstance(end, date) else date.fromisoformat(str(end or ""))
        except ValueError:
            raise ReportError(
                "Ngày không hợp lệ: dùng dạng YYYY-MM-DD cho «from» và «to».",
                "Invalid date: use YYYY-MM-DD for 'from' and 'to'.",
                code="invalid_date",
            ) from None
        if b < a:
            raise ReportError(
                "Ngày kết thúc phải từ ngày bắt đầu trở đi.",
                "'to' must not be before 'from'.",
                "invalid_range",
            )
        if (b - a).days > 3660:
            raise ReportError("Kỳ báo cáo tối đa 10 năm.", "A period is at most 10 years.", "invalid_range")
        return cls(a, b)

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        return cls(date(year, month, 1), date(year, month, pycalendar.monthrange(year, month)[1]))

    @classmethod
    def quarter(cls, year: int, q: int) -> Period:
        first = 3 * (q - 1) + 1
        return cls(date(year, first, 1), cls.month(year, first + 2).end)

    @classmethod
    def year_to_date(cls, today: date) -> Period:
        """1 January to `today` (the dashboard's default period)."""
        return cls(today.replace(month=1, day=1), today)

    @classmethod
    def year(cls, year: int) -> Period:
        return cls(date(year, 1, 1), date(year, 12, 31))

    @property
    def start_at(self) -> datetime:
        return datetime.combine(self.start, time(0), tzinfo=VN)

    @property
    def end_at(self) -> datetime:
        """The instant after the period (00:00 of the next day)."""
        return datetime.combine(self.end + timedelta(days=1), time(0), tzinfo=VN)

    @property
    def judged_at(self) -> datetime:
        """When unfinished dossiers are judged: the end of the period, or now if it is not over."""
        return min(self.end_at, clock.now())

    def months(self) -> list[Period]:
        out, y, m = [], self.start.year, self.start.month
        while date(y, m, 1) <= self.end:
            p = Period.month(y, m)
            out.append(Period(max(p.start, self.start), min(p.end, self.end)))
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        return out

    def label(self) -> str:
        return f"{self.start:%d/%m/%Y} – {self.end:%d/%m/%Y}"


@dataclass(frozen=True)
class Scope:
    """Agencies (None: the province), and optionally one procedure or one sector.

    A dossier is in the scope when its competent (deciding) agency **or** its receiving agency is
    one of `agency_ids`: a department's leader reads what the department decides, a service centre's
    leader what the centre received (its receipts, returns, on-time rate and queue), a commune's
    chairman both (the commune centre is a child of the committee). One row per dossier (a fact, a
    rollup row keyed by both agencies) is counted once even when both match: no double counting."""

    agency_ids: frozenset[int] | None = None
    procedure_id: int | None = None
    sector_id: int | None = None
    label: str = "Toàn tỉnh"

    @classmethod
    def of_agency(cls, agency: Agency, **extra) -> Scope:
        """The agency with every unit below it."""
        return cls(agency_ids=frozenset(agencies_under([agency])), label=agency.name, **extra)

    def q(self, prefix: str = "") -> Q:
        condition = Q()
        if self.agency_ids is not None:
            ids = sorted(self.agency_ids)
            condition &= Q(**{f"{prefix}agency_id__in": ids}) | Q(**{f"{prefix}receiving_agency_id__in": ids})
        if self.procedure_id is not None:
            condition &= Q(**{f"{prefix}procedure_id": self.procedure_id})
        if self.sector_id is not None:
            condition &= Q(**{f"{prefix}procedure__sector_id": self.sector_id})
        return condition


def scope_for_agency_identifier(identifier: str | None) -> Scope:
    """The province (no identifier) or an agency with its units; ReportError for an unknown one."""
    if not identifier:
        return Scope()
    agency = Agency.objects.filter(identifier=identifier).first()
    if agency is None:
        raise ReportError(
            f"Không tìm thấy cơ quan có mã định danh «{identifier}».",
            f"No agency with identifier {identifier!r}.",
            code="unknown_agency",
        )
    return Scope.of_agency(agency)


# ----- rollups ----------------------------------------------------------------------------------------


def _split(period: Period) -> tuple[list[tuple[date, date]], tuple[date, date] | None]:
    """The period as day ranges for `DailyRollup` (its partial months) and a month range for
    `MonthlyRollup` (the whole months inside it, first days), or None."""
    first_whole = (
        period.start
        if period.start.day == 1
        else Period.month(period.start.year, period.start.month).end + timedelta(days=1)
    )
    last_month = Period.month(period.end.year, period.end.month)
    last_whole = (
        period.end.replace(day=1)
        if period.end == last_month.end
        else period.end.replace(day=1) - timedelta(days=1)
    )
    if last_whole < first_whole:  # no whole month inside: days only
        return [(period.start, period.end)], None
    last_whole = last_whole.replace(day=1)
    days = []
    if period.start < first_whole:
        days.append((period.start, first_whole - timedelta(days=1)))
    after = Period.month(last_whole.year, last_whole.month).end + timedelta(days=1)
    if after <= period.end:
        days.append((after, period.end))
    return days, (first_whole, last_whole)


def _days_of_month(a: date, b: date, today: date) -> list[tuple[str, date, date, int]]:
    """Days [a, b] of one month as signed parts: those days, or — when fewer rows are read that way —
    the month's row minus its other days. Days after today hold (almost) no rows, so the current month
    up to today is its monthly row minus the days to come."""
    month = Period.month(a.year, a.month)

    def rows(x: date, y: date) -> int:  # days with rows, roughly: those up to today
        return max(0, (min(y, today) - x).days + 1) if x <= y else 0

    before = (month.start, a - timedelta(days=1))
    after = (b + timedelta(days=1), month.end)
    if 1 + rows(*before) + rows(*after) >= rows(a, b):
        return [("day", a, b, 1)]
    return [("month", month.start, month.start, 1)] + [
        ("day", x, y, -1) for x, y in (before, after) if x <= y
    ]


def _parts(period: Period) -> list[tuple[str, date, date, int]]:
    """The period as signed parts [(grain "day" or "month", first, last, +1 or -1)] whose rollups add
    up to it: its whole months from `MonthlyRollup`, its partial months from `DailyRollup` (or from
    the month minus its other days, `_days_of_month`)."""
    days, months = _split(period)
    today = clock.now().astimezone(VN).date()
    out = [("month", months[0], months[1], 1)] if months is not None else []
    for a, b in days:
        x = a
        while x <= b:
            y = min(b, Period.month(x.year, x.month).end)
            out.extend(_days_of_month(x, y, today))
            x = y + timedelta(days=1)
    return out


def rollup_rows(period: Period, scope: Scope) -> list[tuple[QuerySet, int]]:
    """[(queryset, +1 or -1)] of rollup rows whose signed sums are the period's (`_parts`)."""
    condition = scope.q()
    out = []
    for grain, a, b, sign in _parts(period):
        if grain == "day":
            out.append((DailyRollup.objects.filter(condition, day__gte=a, day__lte=b), sign))
        else:
            out.append((MonthlyRollup.objects.filter(condition, month__gte=a, month__lte=b), sign))
    return out


def rollup_totals(
    period: Period, scope: Scope, by: Iterable[str] = (), fields: Iterable[str] = COUNTERS
) -> dict:
    """Sums of the counters (`fields`, default all of `models.COUNTERS`) over the period in the scope:
    a dict of counters, or with `by` (rollup columns "agency_id", "procedure_id", "channel") {key
    tuple: counters}. Whole months are read from the monthly rollups, the rest from the daily ones."""
    by, fields = list(by), list(fields)
    sums = {c: Sum(c) for c in fields}
    parts = rollup_rows(period, scope)
    if not by:
        total = dict.fromkeys(fields, 0)
        for qs, sign in parts:
            row = qs.aggregate(**sums)
            for c in fields:
                total[c] += sign * int(row[c] or 0)
        return total
    out: dict[tuple, dict[str, int]] = {}
    for qs, sign in parts:
        for row in qs.values(*by).annotate(**sums).order_by():
            key = tuple(row[b] for b in by)
            current = out.setdefault(key, dict.fromkeys(fields, 0))
            for c in fields:
                current[c] += sign * int(row[c] or 0)
    if any(sign < 0 for _qs, sign in parts):  # a key counted by a month and taken out by its days
        out = {k: c for k, c in out.items() if any(c.values())}
    return out


# every ending is counted once by one of these on its day; minus `ended_unreceived`: the received
# dossiers that ended
ENDED = ("finished_early", "finished_on_time", "finished_late", "refused", "withdrawn", "stopped")
FAR_FUTURE = date(9000, 12, 31)  # "from a day on": no rollup lies beyond


def closed(counters: dict) -> int:
    """Received dossiers that ended, from rollup counters that include `ENDED` and `ended_unreceived`."""
    return sum(counters[c] for c in ENDED) - counters["ended_unreceived"]


def _first_month() -> date | None:
    return MonthlyRollup.objects.aggregate(first=Min("month"))["first"]


def _months_between(a: date, b: date) -> int:
    return abs((b.year - a.year) * 12 + b.month - a.month)


def open_at(day: date, scope: Scope, known: tuple[Period, dict] | None = None) -> int:
    """Dossiers received before 00:00 of `day` (Vietnam time) and not ended by then — what a report
    starting on `day` carries over — from the rollups, whichever way reads fewer months:
    forward, everything received before `day` minus the received dossiers that ended before it;
    or backward, the dossiers open now minus those received from `day` on plus those that ended
    from `day` on (`closed`). Equal to counting the facts unfinished at that instant
    (`_unfinished_at`); the cost follows the distance to the start of the history or to now, never
    the number of dossiers. `known`: (a period starting on `day`, its `rollup_totals`) when the
    caller has read them: backward, only the days after that period are read."""
    first = _first_month()
    today = clock.now().astimezone(VN).date()
    if first is not None and _months_between(first, day) <= _months_between(day, today):
        return _open_forward(day, scope, first)
    return _open_backward(day, scope, known)


_OPEN_FIELDS = ("received", *ENDED, "ended_unreceived")


def _open_forward(day: date, scope: Scope, first: date | None) -> int:
    """`open_at` from the first month of the rollups up to `day`."""
    if first is None or day <= first:
        return 0
    t = rollup_totals(Period(first, day - timedelta(days=1)), scope, fields=_OPEN_FIELDS)
    return t["received"] - closed(t)


def _open_backward(day: date, scope: Scope, known: tuple[Period, dict] | None = None) -> int:
    """`open_at` from now back to `day`: the open dossiers (partial index) and the rollups from `day`."""
    if known is not None and known[0].start == day:
        period, totals = known
        after = rollup_totals(Period(period.end + timedelta(days=1), FAR_FUTURE), scope, fields=_OPEN_FIELDS)
        t = {c: totals[c] + after[c] for c in _OPEN_FIELDS}
    else:
        t = rollup_totals(Period(day, FAR_FUTURE), scope, fields=_OPEN_FIELDS)
    open_now = DossierStat.objects.filter(scope.q(), end_kind="", received_at__isnull=False).count()
    return open_now - t["received"] + closed(t)


def summed(grouped: dict, keep: int | None = None) -> dict:
    """Grouped `rollup_totals` summed over the groups (`keep`: None for one total, or the position
    of the key part to keep, e.g. 0 for the procedure of ("procedure_id", "channel") → {(procedure,):
    counters})."""
    if keep is None:
        total = dict.fromkeys(COUNTERS, 0)
        for counters in grouped.values():
            for c, n in counters.items():
                total[c] += n
        return total
    out: dict[tuple, dict[str, int]] = {}
    for key, counters in grouped.items():
        current = out.setdefault((key[keep],), dict.fromkeys(counters, 0))
        for c, n in counters.items():
            current[c] += n
    return out


BY_PROCEDURE_CHANNEL = ("procedure_id", "channel")


def online_used(by_procedure_channel: dict) -> set[int]:
    """Procedures that received at least one online dossier (ONLINE_SERVICE_USED), from totals
    grouped by `BY_PROCEDURE_CHANNEL`."""
    return {
        p for (p, channel), c in by_procedure_channel.items() if channel in ONLINE_CHANNELS and c["received"]
    }


def received_by_channel(totals_by_channel: dict) -> dict[str, int]:
    """{"online", "in_person", "post"} from rollup totals grouped by ("channel",)."""
    out = {"online": 0, "in_person": 0, "post": 0}
    for (channel,), counters in totals_by_channel.items():
        key = "online" if channel in ONLINE_CHANNELS else ("post" if channel == Channel.POST else "in_person")
        out[key] += counters["received"]
    return out


# ----- the end of the period ------------------------------------------------------------------------------


def _is_now(instant: datetime) -> bool:
    return instant >= clock.now() - timedelta(seconds=5)  # judged_at read a moment ago


def _unfinished_at(instant: datetime) -> Q:
    """Facts of dossiers received before `instant` and not ended by then (for now: the open ones, read
    through their partial index). The rule's home; `_unfinished_parts` reads the same facts."""
    if _is_now(instant):
        return Q(end_kind="", received_at__isnull=False, received_at__lt=instant)
    return Q(received_at__lt=instant) & (Q(end_kind="") | Q(ended_at__gte=instant))


def _late_at(instant: datetime) -> Q:
    """An unfinished dossier judged at `instant` (DOMAIN.md §8): late with more than one supplement
    request; while waiting for a supplement it ends at the request; otherwise late once past due."""
    waiting = Q(waiting_since__isnull=False, waiting_since__lte=instant)
    return (
        Q(supplement_count__gt=1)
        | (waiting & Q(due_at__lt=F("waiting_since")))
        | (~waiting & Q(due_at__lt=instant))
    )


def _unfinished_parts(instant: datetime, scope: Scope, extra: Q | None = None) -> list[QuerySet]:
    """The facts `_unfinished_at(instant)` selects, as disjoint querysets each read through an index:
    the dossiers open now (partial index `stat_open_due`) and, for an instant in the past, those that
    ended since it and were received before it (`stat_ended_received`; `stat_received_day_ended` when
    `extra` bounds the day of receipt)."""
    parts = [Q(end_kind="", received_at__isnull=False, received_at__lt=instant)]
    if not _is_now(instant):
        parts.append(Q(ended_at__gte=instant, received_at__lt=instant) & ~Q(end_kind=""))
    out = [DossierStat.objects.filter(scope.q(), q) for q in parts]
    return [qs.filter(extra) for qs in out] if extra is not None else out


def _aggregate(parts: list[QuerySet], aggregates: dict, by: str | tuple[str, ...] | None) -> dict:
    """Sum of `aggregates` (Count expressions) over the parts: {name: n}, or {key of `by`: {name: n}}
    (a value for one field, a tuple of values for a tuple of fields)."""
    if not by:
        total = dict.fromkeys(aggregates, 0)
        for qs in parts:
            for name, n in qs.aggregate(**aggregates).items():
                total[name] += n or 0
        return total
    fields = (by,) if isinstance(by, str) else tuple(by)
    out: dict = {}
    for qs in parts:
        for row in qs.values(*fields).annotate(**aggregates).order_by():
            key = row[by] if isinstance(by, str) else tuple(row[f] for f in fields)
            current = out.setdefault(key, dict.fromkeys(aggregates, 0))
            for name in aggregates:
                current[name] += row[name] or 0
    return out


PROGRESS_FIELDS = ("received", "cohort_on_time", "cohort_late")


def progress(
    period: Period, scope: Scope, by: str | tuple[str, ...] | None = None, totals: dict | None = None
) -> dict:
    """The on-time judgement of the dossiers received in the period (the index's ON_TIME):
    {"received", "on_time", "late"} (or {key: …} grouped `by` "agency_id"/"procedure_id", or by a
    tuple of fact fields with tuple keys).
    Dossiers ended by the judging instant keep their final judgement (rollups); the others are judged
    at the end of the period (facts). `totals`: the period's `rollup_totals` (grouped the same way)
    when the caller has them already."""
    at = period.judged_at
    fields = () if not by else ((by,) if isinstance(by, str) else tuple(by))
    base = totals if totals is not None else rollup_totals(period, scope, fields, PROGRESS_FIELDS)
    in_period = Q(received_day__gte=period.start, received_day__lte=period.end)
    aggregates = {
        "n": Count("pk"),
        "late": Count("pk", filter=_late_at(at)),
        "was_on": Count("pk", filter=Q(judgement__in=["early", "on_time"])),
        "was_late": Count("pk", filter=Q(judgement="late")),
    }
    parts = _unfinished_parts(at, scope, in_period)

    def one(counters, fix):
        on = counters["cohort_on_time"] - fix.get("was_on", 0) + fix.get("n", 0) - fix.get("late", 0)
        late = counters["cohort_late"] - fix.get("was_late", 0) + fix.get("late", 0)
        return {"received": counters["received"], "on_time": on, "late": late}

    if not by:
        return one(base, _aggregate(parts, aggregates, None))
    fixes = _aggregate(parts, aggregates, by)
    empty = dict.fromkeys(PROGRESS_FIELDS, 0)
    if isinstance(by, str):
        keys = {k[0] for k in base} | set(fixes)
        return {k: one(base.get((k,), empty), fixes.get(k, {})) for k in keys}
    return {k: one(base.get(k, empty), fixes.get(k, {})) for k in set(base) | set(fixes)}


def in_progress(instant: datetime, scope: Scope, by: str | None = None) -> dict:
    """Dossiers in progress at `instant`: {"total", "on_time", "overdue"} (grouped `by` a fact field)."""
    aggregates = {"total": Count("pk"), "overdue": Count("pk", filter=_late_at(instant))}
    rows = _aggregate(_unfinished_parts(instant, scope), aggregates, by)

    def one(r):
        return {"total": r["total"], "overdue": r["overdue"], "on_time": r["total"] - r["overdue"]}

    if not by:
        return one(rows)
    return {k: one(r) for k, r in rows.items()}


def carried_over(period: Period, scope: Scope, totals: dict | None = None) -> int:
    """Dossiers received before the period and unfinished at its start (`open_at`, from the rollups;
    `totals`: the period's `rollup_totals`, when read already)."""
    return open_at(period.start, scope, (period, totals) if totals is not None else None)


# ----- the catalogue side (online service indicators) ---------------------------------------------------


def procedures_in_scope(scope: Scope) -> dict[int, str]:
    """{procedure id: online kind} of the active procedures whose version in force names a competent
    or a receiving agency in the scope."""
    qs = Procedure.objects.filter(is_active=True, current_version__isnull=False)
    if scope.agency_ids is not None:
        ids = sorted(scope.agency_ids)
        qs = qs.filter(
            Q(current_version__competent_agencies__in=ids) | Q(current_version__receiving_agencies__in=ids)
        )
    if scope.procedure_id is not None:
        qs = qs.filter(pk=scope.procedure_id)
    if scope.sector_id is not None:
        qs = qs.filter(sector_id=scope.sector_id)
    return dict(qs.values_list("pk", "online_kind").distinct())


def is_online_kind(kind: str) -> bool:
    return kind in (OnlineKind.PARTIAL, OnlineKind.FULL)


# ----- synchronisation with the national portal -------------------------------------------------------------


def sync_counts(period: Period, scope: Scope) -> tuple[int, int] | None:
    """(synced, received) for DOSSIER_SYNC: dossiers received in the period whose receipt the national
    portal confirmed (`integrations.selectors.sync_rate`: the connector records what the portal
    confirmed, `PortalSync`), and all dossiers received in the period, by competent agency within the
    scope's units (the scope's procedure or sector is not applied: the portal's rate is per agency).
    None when no national-portal connector is configured (the system cannot know)."""
    from motcua.integrations.registry import outbox_plugins
    from motcua.integrations.selectors import sync_rate, total

    if not any(getattr(p, "name", "") == "dvcqg" for p in outbox_plugins()):
        return None
    ids = sorted(scope.agency_ids) if scope.agency_ids is not None else None
    rates = total(sync_rate(ids, period.start_at, period.end_at))
    return rates.synced, rates.received


# ----- ranking units ---------------------------------------------------------------------------------

RANKED_KINDS = (AgencyKind.DEPARTMENT, AgencyKind.COMMUNE_COMMITTEE)


def ranking_units(within: Scope | None = None) -> dict[int, tuple[Agency, frozenset[int]]]:
    """The units ranked against each other (departments and communes), each with its subtree:
    {agency id: (agency, subtree ids)}; restricted to those inside `within`."""
    agencies = list(Agency.objects.filter(kind__in=RANKED_KINDS).order_by("name"))
    children = defaultdict(list)
    for a_id, parent_id in Agency.objects.values_list("id", "parent_id"):
        children[parent_id].append(a_id)
    out = {}
    for agency in agencies:
        seen, todo = set(), [agency.pk]
        while todo:
            x = todo.pop()
            if x not in seen:
                seen.add(x)
                todo.extend(children.get(x, ()))
        if within is None or within.agency_ids is None or agency.pk in within.agency_ids:
            out[agency.pk] = (agency, frozenset(seen))
    return out


def unit_counts(period: Period, within: Scope | None, counts_from) -> list[tuple[Agency, dict]]:
    """[(unit, counts_from(totals, progress, sync, procedures, used))] for every ranked unit (inside
    `within`), each scope being the unit with its subtree, as `Scope.q` reads it (the dossiers whose
    deciding or receiving agency is in it, each once): what `index766.counts` gives that unit alone,
    from one grouped read per source (rollups and open dossiers by deciding × receiving agency, sync,
    catalogue) added up into the units each group belongs to."""
    units = ranking_units(within)
    member: dict[int, set[int]] = defaultdict(set)  # agency id → the ranked units holding it
    for unit_id, (_agency, subtree) in units.items():
        for a in subtree:
            member[a].add(unit_id)

    def units_of(*agency_ids) -> set[int]:
        return set().union(*(member.get(a, set()) for a in agency_ids))

    province = Scope()
    pair = ("agency_id", "receiving_agency_id")
    empty = dict.fromkeys(COUNTERS, 0)
    t = {u: dict(empty) for u in units}
    p = {u: {"received": 0, "on_time": 0, "late": 0} for u in units}
    totals = rollup_totals(period, province, pair)
    for key, counters in totals.items():
        for u in units_of(*key):
            t[u] = add(t[u], counters)
    for key, judged in progress(period, province, by=pair, totals=totals).items():
        for u in units_of(*key):
            p[u] = add(p[u], judged)
    used: dict[int, set[int]] = defaultdict(set)
    for (agency_id, receiving_id, procedure_id, channel), c in rollup_totals(
        period, province, [*pair, "procedure_id", "channel"], ("received",)
    ).items():
        if channel in ONLINE_CHANNELS and c["received"]:
            for u in units_of(agency_id, receiving_id):
                used[u].add(procedure_id)
    offered: dict[int, dict[int, str]] = defaultdict(dict)
    current = Procedure.objects.filter(is_active=True, current_version__isnull=False)
    for relation in ("competent_agencies", "receiving_agencies"):
        for procedure_id, kind, agency_id in current.values_list(
            "pk", "online_kind", f"current_version__{relation}"
        ).distinct():
            for u in units_of(agency_id):
                offered[u][procedure_id] = kind
    sync = _sync_by_agency(period)
    out = []
    for unit_id, (agency, subtree) in units.items():
        pair_counts = None
        if sync is not None:  # by deciding agency, as `sync_counts`
            pair_counts = (
                sum(sync[a][0] for a in subtree if a in sync),
                sum(sync[a][1] for a in subtree if a in sync),
            )
        found = counts_from(t[unit_id], p[unit_id], pair_counts, offered[unit_id], used[unit_id])
        out.append((agency, found))
    return out


def _sync_by_agency(period: Period) -> dict[int, tuple[int, int]] | None:
    """{competent agency id: (synced, received)} for the period (`sync_counts` per agency), or None
    when no national-portal connector is configured."""
    from motcua.integrations.registry import outbox_plugins
    from motcua.integrations.selectors import sync_rate

    if not any(getattr(p, "name", "") == "dvcqg" for p in outbox_plugins()):
        return None
    return {a: (r.synced, r.received) for a, r in sync_rate(None, period.start_at, period.end_at).items()}


def add(a: dict, b: dict) -> dict:
    return {k: a.get(k, 0) + b.get(k, 0) for k in set(a) | set(b)}
