"""GET /api/v1/calendar/due-date and /working-days: only translation; the answers are selectors'."""

from datetime import date
from typing import Annotated

from django.http import HttpRequest
from ninja import Router, Schema
from pydantic import WithJsonSchema

from motcua.api.errors import ApiError
from motcua.api.openapi import operation_doc

from . import selectors
from .worktime import (
    UNITS,
    Duration,
    OutOfRangeError,
    WorkTimeError,
    parse_duration,
    parse_instant,
    parse_term,
)

router = Router(tags=["calendar"])

# Which HTTP status each engine refusal becomes.
_STATUS = {
    "unknown_agency": 404,
    "out_of_calendar_range": 422,
    "year_out_of_range": 422,
    # well-formed parameters that do not go together (the document cannot say so): 422
    "cutoff_without_same_day": 422,
    "fractional_calendar_days": 422,
    "term_too_long": 422,
    "missing_duration": 422,
    "unit_mismatch": 422,
}


def _refuse(exc: WorkTimeError) -> ApiError:
    return ApiError(_STATUS.get(exc.code, 400), exc.code, exc.message_vi, exc.message_en)


#: What the document promises `duration` looks like: working days (at most 999, 2 decimals) or a
#: non-zero number of working hours; parse_duration accepts a little more and refuses the rest.
_DURATION_PATTERN = (
    r"^(?:[0-9]{1,3}(?:[.,][0-9]{1,2})?d|[1-9][0-9]{0,3}(?:[.,][0-9]{1,2})?h|[0-9]{1,4}(?:[.,][0-9]{1,2})?)$"
)


class ProvisionalDayOut(Schema):
    date: date
    name: str
    source: str


class DueDateOut(Schema):
    start: str
    effective_start: str
    duration: str
    unit: str
    cutoff: str | None
    same_day: bool
    working_hours: float
    due: str
    agency: str | None
    provisional: bool
    provisional_days: list[ProvisionalDayOut]


class DayOut(Schema):
    date: date
    weekday: int
    kind: str
    is_working_day: bool
    names: list[str]
    names_en: list[str]
    sources: list[str]
    provisional: bool


class NoticeOut(Schema):
    number: str
    title: str
    issued_on: date | None
    issuer: str


class WorkingDaysOut(Schema):
    year: int
    agency: str | None
    working_days: int
    days: list[DayOut]
    notices: list[NoticeOut]


@router.get(
    "/due-date",
    response=DueDateOut,
    summary="Ngày hẹn trả / due date",
    openapi_extra=operation_doc(400, 404, 422),
)
def due_date(
    request: HttpRequest,
    start: Annotated[str, WithJsonSchema({"type": "string", "format": "date-time"})],
    duration: Annotated[str, WithJsonSchema({"type": "string", "pattern": _DURATION_PATTERN})] = "",
    unit: Annotated[str | None, WithJsonSchema({"type": "string", "enum": list(UNITS)})] = None,
    cutoff: Annotated[
        str | None, WithJsonSchema({"type": "string", "pattern": r"^([01]?[0-9]|2[0-3]):[0-5][0-9]$"})
    ] = None,
    agency: str | None = None,
):
    """Due instant for a receipt at `start` (ISO 8601 with offset) and a legal time: `duration`
    a number with `unit` (working_day, half_day, working_hour, calendar_day, month, same_day with
    `cutoff` HH:MM), or the short form `3d` / `0.5d` / `4h` (`0d` = same day with the calendar's
    cut-off). The rule of each unit: motcua.calendar.worktime."""
    try:
        asked = (
            parse_term(duration, unit, cutoff) if unit or cutoff or not duration else parse_duration(duration)
        )
        answer = selectors.due_date(parse_instant(start), asked, selectors.agency_by_identifier(agency))
    except WorkTimeError as exc:
        raise _refuse(exc) from exc
    term = answer.term
    return {
        "start": answer.start.isoformat(),
        "effective_start": answer.effective_start.isoformat(),
        "duration": str(asked) if isinstance(asked, Duration) else f"{term.value.normalize():f}",
        "unit": term.unit,
        "cutoff": term.cutoff.strftime("%H:%M") if term.cutoff else None,
        "same_day": answer.same_day,
        "working_hours": float(answer.working_hours),
        "due": answer.due.isoformat(),
        "agency": answer.agency_identifier,
        "provisional": bool(answer.provisional_days),
        "provisional_days": [
            {"date": s.day, "name": s.name, "source": s.source} for s in answer.provisional_days
        ],
    }


@router.get(
    "/working-days",
    response=WorkingDaysOut,
    summary="Ngày nghỉ, ngày làm bù trong năm / days off",
    openapi_extra=operation_doc(400, 404, 422),
)
def working_days(request: HttpRequest, year: int, agency: str | None = None):
    """Every day off and make-up working day of `year`, each with its sources (law or notice)."""
    try:
        agency_obj = selectors.agency_by_identifier(agency)
        entries = selectors.year_days(year, agency_obj)
        calendar = selectors.work_calendar(agency_obj)
        count = calendar.working_days_between(date(year, 1, 1), date(year, 12, 31))
    except (WorkTimeError, OutOfRangeError) as exc:
        raise _refuse(exc) from exc
    return {
        "year": year,
        "agency": agency_obj.identifier if agency_obj else None,
        "working_days": count,
        "days": [
            {
                "date": e.day,
                "weekday": e.day.weekday(),
                "kind": e.kind,
                "is_working_day": e.is_working_day,
                "names": list(e.names),
                "names_en": list(e.names_en),
                "sources": list(e.sources),
                "provisional": e.provisional,
            }
            for e in entries
        ],
        "notices": [
            {"number": n.number, "title": n.title, "issued_on": n.issued_on, "issuer": n.issuer}
            for n in selectors.notices_for_year(year)
        ],
    }
