"""Deadlines of dossiers and steps, always asked of the calendar engine (never computed by hand).

The calendar app owns working time (`motcua.calendar.worktime.WorkCalendar`) and the selector that
builds an agency's calendar from the database; this module only decides *which* questions to ask:
the due date at receipt (the procedure's legal term for the channel, in its own unit: working days,
half days, working hours, calendar days, months, or same day with the procedure's own cut-off),
each step's deadline from its allotment, how pauses push them, and early / on time / late.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from motcua.calendar import selectors, worktime
from motcua.catalog.selectors import VersionRules, version_rules

from .states import StepOutcome, catalogue_channel

VN_TZ = ZoneInfo(worktime.VN_TZ_NAME)


def calendar_for(agency) -> worktime.WorkCalendar:
    """The working calendar of an agency or agency id (law + notices + its office hours), cached by
    the calendar app."""
    return selectors.work_calendar(agency)


def hours_to_seconds(hours: Decimal | int | float) -> int:
    return int(Decimal(str(hours)) * 3600)


def processing_term(procedure, channel: str) -> worktime.Term | None:
    """The legal term of the procedure (its `VersionRules`, or a ProcedureVersion) for the dossier's
    channel, in the procedure's own unit; None when the procedure states none."""
    rules = procedure if isinstance(procedure, VersionRules) else version_rules(procedure)
    return rules.term(catalogue_channel(channel))


def processing_hours(procedure, channel: str) -> tuple[Decimal | None, bool]:
    """(working hours, same_day) of the procedure for the channel; hours None for calendar units."""
    term = processing_term(procedure, channel)
    if term is None:
        return None, False
    return term_hours(term), term.same_day


def term_hours(term: worktime.Term) -> Decimal | None:
    """Working hours of a term in a working unit (same day: 0, as production systems store it);
    None for calendar days and months."""
    from motcua.catalog.models import unit_working_hours

    if term.same_day:
        return Decimal(0)
    return unit_working_hours(term.value, term.unit)


def stamp_term(dossier, term: worktime.Term | None) -> None:
    """Write the term on the dossier at receipt (the due date is recomputed from it after pauses
    and calendar notices)."""
    dossier.processing_hours = term_hours(term) if term else None
    dossier.same_day = bool(term and term.same_day)
    dossier.deadline_value = term.value if term else None
    dossier.deadline_unit = term.unit if term else ""
    dossier.same_day_cutoff = term.cutoff if term else None


def term_of(dossier) -> worktime.Term | None:
    """The term a received dossier runs under (rows received before units were stored: from hours)."""
    if dossier.deadline_unit:
        return worktime.Term(
            Decimal(dossier.deadline_value or 0), dossier.deadline_unit, dossier.same_day_cutoff
        )
    if dossier.same_day:
        return worktime.Term(Decimal(0), worktime.SAME_DAY, worktime.DEFAULT_CUTOFF)
    if dossier.processing_hours is not None:
        return worktime.Term(Decimal(dossier.processing_hours), worktime.WORKING_HOUR)
    return None


def due_at_receipt(
    cal: worktime.WorkCalendar, received_at: datetime, term: worktime.Term | None, pauses=()
) -> datetime | None:
    """The statutory due instant: receipt + the legal term by the rule of its unit, pushed by
    pauses (motcua.calendar.worktime.WorkCalendar.due); None without a term."""
    if term is None:
        return None
    return cal.due(received_at, term, pauses)


def step_due(cal: worktime.WorkCalendar, started_at: datetime, allotment_hours, pauses=()) -> datetime | None:
    if allotment_hours is None or Decimal(allotment_hours) <= 0:
        return None
    return cal.add(started_at, hours_to_seconds(allotment_hours), pauses)


def outcome(cal: worktime.WorkCalendar, due: datetime | None, finished: datetime) -> str:
    """Early = finished on a working day before the due day; late = after the due instant."""
    if due is None:
        return ""
    if cal.is_overdue(due, finished):
        return StepOutcome.LATE
    if finished.astimezone(cal.tz).date() < due.astimezone(cal.tz).date():
        return StepOutcome.EARLY
    return StepOutcome.ON_TIME


def is_late_or_due_within(cal: worktime.WorkCalendar, due: datetime | None, now: datetime, hours) -> bool:
    if due is None:
        return False
    return cal.is_overdue(due, now) or cal.due_within(due, now, hours)
