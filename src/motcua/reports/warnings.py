"""Early warning: dossiers at risk of being late (issue 12 part 5), per leader and per unit.

A dossier in progress is at risk when
- it is due within `hours` working hours (MOTCUA_AT_RISK_HOURS, default 16 = two working days) and
  what its process still needs — the rest of the current step's allotment plus the allotments of
  the steps after it — is more than the working time left ("due_soon"); or
- it has stayed in its current step past the step's allotment ("step_overdue").
Dossiers already past their due date are not "at risk": they are late (the dashboard's overdue list).
Working time is the receiving agency's calendar (dossiers.deadlines).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timedelta
from decimal import Decimal
from types import SimpleNamespace

from django.conf import settings
from django.db.models import Q

from motcua.calendar.selectors import one_revision
from motcua.calendar.worktime import WorkTimeError
from motcua.core import clock
from motcua.dossiers import deadlines
from motcua.dossiers.models import Dossier
from motcua.dossiers.states import CLOCK_STATES, State
from motcua.workflow import runner as wf

from .selectors import Scope


def default_hours() -> Decimal:
    return Decimal(str(getattr(settings, "MOTCUA_AT_RISK_HOURS", 16)))


def _steps_after(d) -> Decimal:
    """Working hours of the allotments of the process steps after the current one (0 if unknown).
    `d`: a dossier, or anything with its `process_definition_id` and `current_step`."""
    if not d.process_definition_id or not d.current_step:
        return Decimal(0)
    try:
        steps = wf.runner_for(d.process_definition_id).steps()
    except wf.WorkflowError:
        return Decimal(0)
    keys = [s.key for s in steps]
    if d.current_step not in keys:
        return Decimal(0)
    later = steps[keys.index(d.current_step) + 1 :]
    return sum((s.allotment_hours for s in later if not s.is_terminal), Decimal(0))


def at_risk(
    scope: Scope, hours: Decimal | None = None, now: datetime | None = None, limit: int | None = None
) -> list[dict]:
    """The dossiers at risk in the scope, soonest due first:
    [{"code", "procedure", "due_at", "hours_left", "hours_needed", "reason", "holder", "holder_id",
      "unit", "unit_id", "step"}] (hours in working hours, one decimal); the first `limit` only."""
    now = now or clock.now()
    hours = default_hours() if hours is None else Decimal(str(hours))
    # a coarse calendar bound in SQL (N working hours never span more than N/8 × 3 + 7 days), then
    # the calendar decides
    horizon = now + timedelta(days=int(hours / 8 * 3) + 7)
    qs = Dossier.objects.filter(state__in=list(CLOCK_STATES - {State.SUPPLEMENT_REQUESTED}))
    if scope.agency_ids is not None:
        ids = sorted(scope.agency_ids)  # deciding or receiving, as `Scope.q`
        qs = qs.filter(Q(competent_agency_id__in=ids) | Q(receiving_agency_id__in=ids))
    qs = qs.filter(Q(due_at__gt=now, due_at__lte=horizon) | Q(step_due_at__lt=now, due_at__gt=now))
    # the candidates as plain rows (the calendar decides on a few columns); the details of the ones kept
    # are read afterwards, in one query
    fields = (
        "pk",
        "due_at",
        "step_due_at",
        "receiving_agency_id",
        "current_agency_id",
        "competent_agency_id",
        "process_definition_id",
        "current_step",
    )
    with one_revision():  # the calendars' revision read once, not once per agency
        kept = _kept(qs.order_by("due_at").values_list(*fields)[:2000], fields, now, hours, limit)
    related = Dossier.objects.select_related("procedure_version", "assigned_officer", "current_agency")
    details = related.in_bulk([d.pk for d, *_ in kept])
    out = []
    for row, left, needed, reason in kept:
        d = details[row.pk]
        out.append(
            {
                "code": d.code,
                "procedure": d.procedure_version.name,
                "due_at": d.due_at,
                "hours_left": float(round(left, 1)),
                "hours_needed": float(round(needed, 1)),
                "reason": reason,
                "holder": d.assigned_officer.get_full_name() if d.assigned_officer else "",
                "holder_id": d.assigned_officer_id,
                "unit": d.current_agency.name if d.current_agency else "",
                "unit_id": d.current_agency_id,
                "step": d.current_step_name,
            }
        )
    return out


def _kept(candidates, fields, now, hours, limit) -> list[tuple]:
    """[(row, hours left, hours needed, reason)] of the candidates at risk, in their order."""
    kept = []
    calendars: dict = {}
    after: dict = {}

    def calendar(agency_id):
        if agency_id not in calendars:
            calendars[agency_id] = deadlines.calendar_for(agency_id)
        return calendars[agency_id]

    for values in candidates:
        d = SimpleNamespace(**dict(zip(fields, values, strict=True)))
        try:
            cal = calendar(d.receiving_agency_id)
            left = Decimal(cal.remaining(d.due_at, now)) / 3600
            step_left = Decimal(0)
            if d.step_due_at is not None:
                step_cal = calendar(d.current_agency_id or d.competent_agency_id)
                step_left = Decimal(step_cal.remaining(d.step_due_at, now)) / 3600
        except WorkTimeError:
            continue
        step = (d.process_definition_id, d.current_step)
        if step not in after:  # one process definition read per process, not per dossier
            after[step] = _steps_after(d)
        needed = max(Decimal(0), step_left) + after[step]
        reason = ""
        if d.step_due_at is not None and d.step_due_at < now:
            reason = "step_overdue"
        elif left <= hours and needed > left:
            reason = "due_soon"
        if not reason:
            continue
        if limit is not None and len(kept) >= limit:
            break
        kept.append((d, left, needed, reason))
    return kept


def by_unit(rows: list[dict]) -> dict[str, list[dict]]:
    """The same rows grouped by the unit that holds them."""
    grouped: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        grouped[row["unit"] or "—"].append(row)
    return dict(grouped)


REASONS = {
    "due_soon": (
        "sắp đến hạn, các bước còn lại cần nhiều thời gian hơn",
        "due soon; the remaining steps need more",
    ),
    "step_overdue": ("quá thời gian của bước", "past its step's allotment"),
}
