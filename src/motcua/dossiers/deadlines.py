"""Deadlines of dossiers and steps, always asked of the calendar engine (never computed by hand).

The calendar app owns working time (`motcua.calendar.worktime.WorkCalendar`) and the selector that
builds an agency's calendar from the database; this module only decides *which* questions to ask:
the due date at receipt (procedure time for the channel, the 15:00 rule for same-day procedures),
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


def processing_hours(procedure, channel: str) -> tuple[Decimal | None, bool]:
    """(working hours, same_day) of the procedure (its `VersionRules`, or a ProcedureVersion) for the
    channel; (None, False) if its time is not in working hours."""
    rules = procedure if isinstance(procedure, VersionRules) else version_rules(procedure)
    hours = rules.working_hours(catalogue_channel(channel))
    if hours is None:
        return None, False
    return hours, hours == 0


def due_at_receipt(
    cal: worktime.WorkCalendar,
    received_at: datetime,
    hours: Decimal | None,
    same_day: bool,
    pauses=(),
) -> datetime | None:
    """The statutory due instant: receipt + procedure time, pushed by pauses; 15:00 rule for 0 h."""
    if hours is None:
        return None
    if same_day:
        return cal.due_same_day(received_at, pauses)
    return cal.add(received_at, hours_to_seconds(hours), pauses)


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
