"""Reading the statistics: periods, scopes, and the totals every report, the index and the dashboard
are made of. Everything is read from the rollups (`DailyRollup`) except what depends on the end of the
period (dossiers unfinished then), read from the facts (`DossierStat`) through partial indexes.

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

from django.db.models import Count, F, Q, QuerySet, Sum

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


def rollup_rows(period: Period, scope: Scope, extra: Q | None = None) -> list[QuerySet]:
    """The querysets (monthly rows for whole months, daily rows for the rest) covering the period."""
    days, months = _split(period)
    out = []
    condition = scope.q() & (extra or Q())
    for a, b in days:
        out.append(DailyRollup.objects.filter(condition, day__gte=a, day__lte=b))
    if months is not None:
        out.append(MonthlyRollup.objects.filter(condition, month__gte=months[0], month__lte=months[1]))
    return out


def rollup_totals(period: Period, scope: Scope, by: Iterable[str] = ()) -> dict:
    """Sums of every counter over the period in the scope: a dict of counters, or with `by` (rollup
    columns "agency_id", "procedure_id", "channel") {key tuple: counters}. Whole months are read from
    the monthly rollups, the rest from the daily ones."""
    by = list(by)
    sums = {c: Sum(c) for c in COUNTERS}
    if not by:
        total = dict.fromkeys(COUNTERS, 0)
        for qs in rollup_rows(period, scope):
            row = qs.aggregate(**sums)
            for c in COUNTERS:
                total[c] += int(row[c] or 0)
        return total
    out: dict[tuple, dict[str, int]] = {}
    for qs in rollup_rows(period, scope):
        for row in qs.values(*by).annotate(**sums).order_by():
            key = tuple(row[b] for b in by)
            current = out.setdefault(key, dict.fromkeys(COUNTERS, 0))
            for c in COUNTERS:
                current[c] += int(row[c] or 0)
    return out


def received_by_channel(totals_by_channel: dict) -> dict[str, int]:
    """{"online", "in_person", "post"} from rollup totals grouped by ("channel",)."""
    out = {"online": 0, "in_person": 0, "post": 0}
    for (channel,), counters in totals_by_channel.items():
        key = "online" if channel in ONLINE_CHANNELS else ("post" if channel == Channel.POST else "in_person")
        out[key] += counters["received"]
    return out


# ----- the end of the period ------------------------------------------------------------------------------


def _unfinished_at(instant: datetime) -> Q:
    """Facts of dossiers received before `instant` and not ended by then (for now: the open ones, read
    through their partial index)."""
    if instant >= clock.now() - timedelta(seconds=5):  # "now" (judged_at read a moment ago)
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


def _facts_unfinished(instant: datetime, scope: Scope, extra: Q | None = None):
    qs = DossierStat.objects.filter(scope.q(), _unfinished_at(instant))
    return qs.filter(extra) if extra is not None else qs


def progress(period: Period, scope: Scope, by: str | None = None) -> dict:
    """The on-time judgement of the dossiers received in the period (the index's ON_TIME):
    {"received", "on_time", "late"} (or {key: …} grouped `by` "agency_id"/"procedure_id").
    Dossiers ended by the judging instant keep their final judgement (rollups); the others are judged
    at the end of the period (facts)."""
    at = period.judged_at
    base = rollup_totals(period, scope, [by] if by else ())
    in_period = Q(received_day__gte=period.start, received_day__lte=period.end)
    aggregates = {
        "n": Count("pk"),
        "late": Count("pk", filter=_late_at(at)),
        "was_on": Count("pk", filter=Q(judgement__in=["early", "on_time"])),
        "was_late": Count("pk", filter=Q(judgement="late")),
    }
    facts = _facts_unfinished(at, scope, in_period)

    def one(counters, fix):
        on = counters["cohort_on_time"] - fix.get("was_on", 0) + fix.get("n", 0) - fix.get("late", 0)
        late = counters["cohort_late"] - fix.get("was_late", 0) + fix.get("late", 0)
        return {"received": counters["received"], "on_time": on, "late": late}

    if not by:
        return one(base, facts.aggregate(**aggregates))
    fixes = {r[by]: r for r in facts.values(by).annotate(**aggregates).order_by()}
    empty = dict.fromkeys(COUNTERS, 0)
    keys = {k[0] for k in base} | set(fixes)
    return {k: one(base.get((k,), empty), fixes.get(k, {})) for k in keys}


def in_progress(instant: datetime, scope: Scope, by: str | None = None) -> dict:
    """Dossiers in progress at `instant`: {"total", "on_time", "overdue"} (grouped `by` a fact field)."""
    aggregates = {"total": Count("pk"), "overdue": Count("pk", filter=_late_at(instant))}
    facts = _facts_unfinished(instant, scope)

    def one(r):
        return {"total": r["total"], "overdue": r["overdue"], "on_time": r["total"] - r["overdue"]}

    if not by:
        return one(facts.aggregate(**aggregates))
    return {r[by]: one(r) for r in facts.values(by).annotate(**aggregates).order_by()}


def carried_over(period: Period, scope: Scope) -> int:
    """Dossiers received before the period and unfinished at its start."""
    return _facts_unfinished(period.start_at, scope).count()


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


def online_procedures_used(period: Period, scope: Scope) -> set[int]:
    """Procedures that received at least one online dossier in the period."""
    used: set[int] = set()
    for qs in rollup_rows(period, scope, Q(channel__in=list(ONLINE_CHANNELS), received__gt=0)):
        used |= set(qs.values_list("procedure_id", flat=True).distinct())
    return used


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


def add(a: dict, b: dict) -> dict:
    return {k: a.get(k, 0) + b.get(k, 0) for k in set(a) | set(b)}
