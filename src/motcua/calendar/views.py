"""The public page of the working calendar: the year's days off with their sources, and a small
form that computes an appointment date. Only translation; the answers are the selectors'."""

import calendar as stdlib_calendar

from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language

from motcua.core import clock

from . import selectors
from .forms import DueDateForm
from .worktime import OFF, WORKING, WorkTimeError


def _months(year: int, work_calendar, entries):
    by_day = {e.day: e for e in entries}
    months = []
    for month in range(1, 13):
        weeks = []
        for week in stdlib_calendar.Calendar(firstweekday=0).monthdatescalendar(year, month):
            cells = []
            for day in week:
                if day.month != month:
                    cells.append(None)
                    continue
                entry = by_day.get(day)
                working = work_calendar.is_working_day(day)
                if entry and entry.kind == WORKING:
                    css = "makeup"
                elif entry and entry.kind == OFF:
                    css = "holiday"
                else:
                    css = "work" if working else "rest"
                cells.append({"day": day, "css": css, "entry": entry})
            weeks.append(cells)
        months.append({"number": month, "weeks": weeks})
    return months


def year(request):
    today = timezone.localdate(clock.now())
    try:
        year_number = int(request.GET.get("year") or today.year)
    except ValueError:
        year_number = today.year
    first, last = selectors.calendar_year_range()
    year_number = min(max(year_number, first), last)

    form = DueDateForm(request.GET if "duration" in request.GET else None)
    answer = error = None
    agency = None
    if form.is_bound and form.is_valid():
        try:
            agency = selectors.agency_by_identifier(form.cleaned_data["agency"])
            answer = selectors.due_date(form.cleaned_data["start"], form.cleaned_data["duration"], agency)
        except WorkTimeError as exc:
            error = exc.message_en if get_language() == "en" else exc.message_vi

    work_calendar = selectors.work_calendar(agency)
    entries = selectors.year_days(year_number, agency)
    context = {
        "year": year_number,
        "previous_year": year_number - 1 if year_number > first else None,
        "next_year": year_number + 1 if year_number < last else None,
        "entries": entries,
        "months": _months(year_number, work_calendar, entries),
        "notices": selectors.notices_for_year(year_number),
        "any_provisional": any(e.provisional for e in entries),
        "form": form,
        "answer": answer,
        "error": error,
        "agency": agency,
        "english": get_language() == "en",
    }
    return render(request, "calendar/year.html", context, status=400 if error else 200)
