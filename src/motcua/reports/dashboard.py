"""What a leader reads in ten seconds (`/can-bo/thong-ke/`): the index score and rank, the on-time
rate, the overdue dossiers with who holds each, the trend, the worst agencies and procedures, the
slowest steps and the dossiers at risk. One function, `dashboard(scope, period)`, returns plain data;
the view only renders it.

What it reads, so that it does not grow with the history: the period's rollups once, grouped by
procedure and channel (the index and the worst procedures both use them); the dossiers open now;
the trend's closed months, the province's ranking (at most an hour old) and the step counts of the
days already over from `cache` (kept for the day)."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Sum

from motcua.catalog.models import Procedure
from motcua.core import clock
from motcua.workflow.models import Step

from . import cache, index766
from . import selectors as sel
from .facts import VN
from .indicators import configured
from .models import DossierStat, StepRollup
from .warnings import at_risk


def overdue_dossiers(scope: sel.Scope, limit: int = 20, count: int | None = None) -> tuple[int, list[dict]]:
    """(count, the most overdue first with who holds each) of the dossiers in progress and past due now.
    `count`: `sel.in_progress(now, scope)["overdue"]` when read already (the same dossiers)."""
    now = clock.now()
    qs = DossierStat.objects.filter(scope.q(), sel._unfinished_at(now), sel._late_at(now))
    count = qs.count() if count is None else count
    rows = []
    for stat in qs.select_related(
        "dossier__assigned_officer", "dossier__current_agency", "procedure"
    ).order_by("due_at")[:limit]:
        d = stat.dossier
        rows.append(
            {
                "code": d.code,
                "procedure": stat.procedure.name,
                "due_at": stat.due_at,
                "days_late": (now - stat.due_at).days if stat.due_at else None,
                "holder": d.assigned_officer.get_full_name() if d.assigned_officer else "",
                "unit": d.current_agency.name if d.current_agency else "",
                "step": d.current_step_name or d.get_state_display(),
                "waiting": stat.waiting_since is not None,
            }
        )
    return count, rows


_STEP_SUMS = {
    "left": "left",
    "late": "late",
    "overrun": "overrun_seconds",
    "spent": "spent_seconds",
    "allotted": "allotted_seconds",
}


def _step_sums(start, end, scope: sel.Scope) -> dict[str, dict[str, int]]:
    """{step key: {"left", "late", "overrun", "spent", "allotted"}} (seconds) over the days [start, end]
    in the scope."""
    qs = StepRollup.objects.filter(day__gte=start, day__lte=end)
    if scope.agency_ids is not None:
        qs = qs.filter(agency_id__in=sorted(scope.agency_ids))
    rows = qs.values("step").annotate(**{name: Sum(column) for name, column in _STEP_SUMS.items()})
    return {r["step"]: {name: r[name] or 0 for name in _STEP_SUMS} for r in rows.order_by()}


def slowest_steps(period: sel.Period, scope: sel.Scope, limit: int = 8) -> list[dict]:
    """Where work really waits: per process step left in the period (by the agencies of the scope),
    how many passages, the average working time spent in it against its average allotment, and the
    share left late:
    [{"step", "name", "left", "late", "late_rate", "avg_hours", "allotment_hours", "over_hours",
      "over_rate", "avg_overrun_hours"}] (working hours of the agency's calendar, one decimal;
    over_hours = avg_hours − allotment_hours; over_rate = avg ÷ allotment, None without allotment;
    avg_overrun_hours: wall-clock hours past the step's deadline, per late passage).

    Ordered by how far the average exceeds the allotment (hours), then by the share late: a leader
    reads "this step takes 14 h more than the 8 h it is given" as where to act; a step left late
    once in a hundred but twice its allotment on average is where dossiers queue, which the share
    late alone hides (and the reverse: many late passages by minutes rank below).

    The days before today are kept for the day (`cache.daily`: a step is counted on the day it is
    left, so those rows change only when history is rewritten, which bumps the cache's generation)."""
    today = clock.now().astimezone(VN).date()
    sums: dict[str, dict[str, int]] = {}
    parts = []
    if period.start < today:
        before = min(period.end, today - timedelta(days=1))
        key = ("steps", cache.scope_key(scope), period.start, before)
        parts.append(cache.daily(key, lambda: _step_sums(period.start, before, scope)))
    if period.end >= today:
        parts.append(_step_sums(max(period.start, today), period.end, scope))
    for part in parts:
        for step, c in part.items():
            current = sums.setdefault(step, dict.fromkeys(_STEP_SUMS, 0))
            for name, n in c.items():
                current[name] += n
    rows = [{"step": step, **c} for step, c in sums.items()]
    names = dict(Step.objects.filter(key__in=[r["step"] for r in rows]).values_list("key", "name"))
    out = []
    for r in rows:
        n = r["left"] or 0
        avg = r["spent"] / n / 3600 if n else 0
        allotment = r["allotted"] / n / 3600 if n else 0
        out.append(
            {
                "step": r["step"],
                "name": names.get(r["step"], r["step"]),
                "left": n,
                "late": r["late"],
                "late_rate": round(r["late"] / n, 4) if n else 0,
                "avg_hours": round(avg, 1),
                "allotment_hours": round(allotment, 1),
                "over_hours": round(avg - allotment, 1),
                "over_rate": round(avg / allotment, 2) if allotment else None,
                "avg_overrun_hours": round(r["overrun"] / r["late"] / 3600, 1) if r["late"] else 0,
            }
        )
    out.sort(key=lambda r: (-r["over_hours"], -r["late_rate"], -r["left"]))
    return out[:limit]


def worst_procedures(
    period: sel.Period, scope: sel.Scope, limit: int = 5, by_procedure: dict | None = None
) -> list[dict]:
    """Procedures with the lowest on-time rate in the period (at least one dossier received).
    `by_procedure`: the period's `sel.progress(…, by="procedure_id")`, when read already."""
    if by_procedure is None:
        by_procedure = sel.progress(period, scope, by="procedure_id")
    names = dict(Procedure.objects.filter(pk__in=list(by_procedure)).values_list("pk", "name"))
    rows = [
        {
            "procedure_id": pid,
            "name": names.get(pid, str(pid)),
            "received": p["received"],
            "late": p["late"],
            "on_time_rate": round(p["on_time"] / p["received"], 4),
        }
        for pid, p in by_procedure.items()
        if p["received"]
    ]
    rows.sort(key=lambda r: (r["on_time_rate"], -r["received"]))
    return rows[:limit]


def dashboard(scope: sel.Scope, period: sel.Period) -> dict:
    """Everything the dashboard shows (see the module docstring)."""
    # each source read once: the period's rollups grouped by procedure and channel; the open
    # dossiers judged for the period by procedure (summed: the index's ON_TIME), and now
    grouped = sel.rollup_totals(period, scope, sel.BY_PROCEDURE_CHANNEL)
    by_procedure = sel.progress(period, scope, by="procedure_id", totals=sel.summed(grouped, keep=0))
    progress = {"received": 0, "on_time": 0, "late": 0}
    for p in by_procedure.values():
        progress = sel.add(progress, p)
    index = index766.compute(period, scope, grouped, progress)
    on_time = next(r for r in index["indicators"] if r["code"] == "ON_TIME")
    # the province's ranking, the same for every reader: kept for an hour (and not past midnight)
    key = ("ranking", period, configured())
    ranking = cache.daily(key, lambda: index766.ranking(period), max_age=3600)
    mine = None
    if scope.agency_ids is not None:
        mine = next((r for r in ranking if r["agency_id"] in scope.agency_ids and _is_top(r, scope)), None)
    in_scope = [r for r in ranking if scope.agency_ids is None or r["agency_id"] in scope.agency_ids]
    trend_period = sel.Period(
        max(period.end.replace(day=1) - timedelta(days=334), period.start.replace(month=1, day=1)).replace(
            day=1
        ),
        period.end,
    )
    in_progress = sel.in_progress(clock.now(), scope)
    count, overdue = overdue_dossiers(scope, limit=10, count=in_progress["overdue"])
    return {
        "period": period,
        "scope": scope,
        "index": index,
        "on_time": on_time,
        "rank": mine,
        "units": len(ranking),
        "ranking": in_scope,
        "worst_agencies": sorted(in_scope, key=lambda r: (r["total"], r["agency"]))[:5],
        "worst_procedures": worst_procedures(period, scope, by_procedure=by_procedure),
        "slowest_steps": slowest_steps(period, scope),
        "at_risk": at_risk(scope, limit=10),
        "overdue_count": count,
        "overdue": overdue,
        "in_progress": in_progress,
        "trend": index766.trend(trend_period, scope),
    }


def _is_top(row: dict, scope: sel.Scope) -> bool:
    """The ranked unit that is the scope itself (a department's leader: their department)."""
    return row["agency_id"] in scope.agency_ids
