"""What a holiday notice changes, before it is saved: days off added and removed, make-up working
days, provisional days it replaces, and the checks that keep a notice from silently dropping days
off (the year's Tết fixed by a notice that lists no Tết day, DOMAIN §6).

`NoticeDraft` is the notice as typed (the admin's form builds it); `calendar_diff` compares the
province-default calendar with and without it; the dossiers it moves are `dossiers.calendar_change`'s.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta

from django.db import transaction

from . import statutory
from .models import Notice, NoticeDay
from .selectors import work_calendar
from .worktime import OFF, WORKING, SpecialDay, WorkCalendar

# How far from Lunar New Year / 2 September a notice's days off count as "the Tết days" / "the
# National Day days" (the 2025 and 2026 notices stay within these windows).
TET_WINDOW = 12
NATIONAL_DAY_WINDOW = (date(2000, 8, 25), date(2000, 9, 8))


class NoticeDraftError(ValueError):
    """A notice that must not be saved; `messages` are "vi / en" texts."""

    def __init__(self, messages: list[str]):
        super().__init__("; ".join(messages))
        self.messages = messages


@dataclass(frozen=True)
class NoticeDraft:
    """A notice as typed, not yet saved; `notice_id` is the notice it changes (None: a new one)."""

    number: str
    title: str
    year: int
    days: tuple[tuple[date, str, str], ...]  # (date, OFF or WORKING, note)
    fixes_lunar_new_year: bool = True
    fixes_national_day: bool = True
    issued_on: date | None = None
    issuer: str = ""
    source_url: str = ""
    note: str = ""
    notice_id: int | None = None

    def as_data(self) -> statutory.NoticeData:
        return statutory.NoticeData(
            number=self.number,
            year=self.year,
            days=self.days,
            fixes_lunar_new_year=self.fixes_lunar_new_year,
            fixes_national_day=self.fixes_national_day,
        )


def check_draft(draft: NoticeDraft) -> None:
    """Refuse (NoticeDraftError, vi / en) a notice that would lose days off without saying so:
    it fixes Tết but lists no day off near Lunar New Year, or fixes National Day and lists none near
    2 September; days twice; a make-up working day on a weekday; a day far from the notice's year."""
    problems: list[str] = []
    if not statutory.FIRST_YEAR <= draft.year <= statutory.LAST_YEAR:
        problems.append(
            f"Năm {draft.year} ngoài phạm vi {statutory.FIRST_YEAR}–{statutory.LAST_YEAR}."
            f" / The year {draft.year} is outside {statutory.FIRST_YEAR}–{statutory.LAST_YEAR}."
        )
        raise NoticeDraftError(problems)
    seen: set[date] = set()
    for day, kind, _note in draft.days:
        if day in seen:
            problems.append(f"Ngày {day:%d/%m/%Y} bị lặp. / {day:%d/%m/%Y} appears twice.")
        seen.add(day)
        if abs(day.year - draft.year) > 1:
            problems.append(
                f"Ngày {day:%d/%m/%Y} không thuộc năm {draft.year} (hoặc năm liền kề)."
                f" / {day:%d/%m/%Y} is not in {draft.year} or next to it."
            )
        if kind == WORKING and day.weekday() < 5:
            problems.append(
                f"Ngày làm việc bù {day:%d/%m/%Y} phải là thứ Bảy hoặc Chủ nhật."
                f" / The make-up working day {day:%d/%m/%Y} must be a Saturday or Sunday."
            )
    off = [d for d, kind, _ in draft.days if kind == OFF]
    lunar_new_year, _ = statutory.lunar_dates(draft.year)
    if draft.fixes_lunar_new_year and not any(abs((d - lunar_new_year).days) <= TET_WINDOW for d in off):
        problems.append(
            f"Thông báo ấn định ngày nghỉ Tết Âm lịch nhưng không có ngày nghỉ nào quanh Tết"
            f" ({lunar_new_year:%d/%m/%Y}): các ngày nghỉ Tết tạm tính sẽ mất. Hãy nhập các ngày nghỉ Tết"
            " hoặc bỏ chọn «ấn định ngày nghỉ Tết Âm lịch»."
            " / The notice fixes the Lunar New Year days off but lists none near Tết"
            f" ({lunar_new_year:%d/%m/%Y}): the provisional Tết days would be lost."
            " Enter the Tết days or untick that box."
        )
    first, last = (d.replace(year=draft.year) for d in NATIONAL_DAY_WINDOW)
    if draft.fixes_national_day and not any(first <= d <= last for d in off):
        problems.append(
            "Thông báo ấn định ngày nghỉ Quốc khánh nhưng không có ngày nghỉ nào quanh ngày 02/9: ngày nghỉ"
            " liền kề tạm tính sẽ mất. Hãy nhập các ngày nghỉ hoặc bỏ chọn «ấn định ngày nghỉ Quốc khánh»."
            " / The notice fixes the National Day days off but lists none near 2 September: the provisional"
            " adjacent day would be lost. Enter the days or untick that box."
        )
    if problems:
        raise NoticeDraftError(problems)


def notices_with(
    draft: NoticeDraft | None, first_year: int, last_year: int, *, without_id: int | None = None
):
    """The stored notices of the years (the one being changed left out), plus `draft`."""
    leave_out = draft.notice_id if draft is not None else without_id
    notices = [
        statutory.NoticeData(
            number=n.number,
            year=n.year,
            days=tuple((d.date, d.kind, d.note) for d in n.days.all()),
            fixes_lunar_new_year=n.fixes_lunar_new_year,
            fixes_national_day=n.fixes_national_day,
        )
        for n in Notice.objects.filter(year__range=(first_year, last_year))
        .exclude(pk=leave_out)
        .prefetch_related("days")
    ]
    if draft is not None:
        notices.append(draft.as_data())
    return notices


def calendar_with(
    base: WorkCalendar, draft: NoticeDraft | None, *, without_id: int | None = None
) -> WorkCalendar:
    """`base` (an agency's calendar) with its days recomputed as if `draft` were saved (or the notice
    `without_id` deleted)."""
    notices = notices_with(draft, base.first_year, base.last_year, without_id=without_id)
    days = statutory.calendar_days(base.first_year, base.last_year, notices)
    return replace(base, special_days=days)


@dataclass(frozen=True)
class DayChange:
    day: date
    names: tuple[str, ...]  # the names after the change (or before, for a removed day off)


@dataclass(frozen=True)
class CalendarDiff:
    added_off: tuple[DayChange, ...]  # working days that become days off
    removed_off: tuple[DayChange, ...]  # days off that become working days
    provisional_replaced: tuple[SpecialDay, ...]  # provisional days the notice replaces
    changed_days: tuple[date, ...]

    @property
    def empty(self) -> bool:
        return not self.changed_days and not self.provisional_replaced


def _names(cal: WorkCalendar, day: date) -> tuple[str, ...]:
    return tuple(dict.fromkeys(s.name for s in cal.statements(day))) or ("Ngày làm việc theo lịch tuần",)


def calendar_diff(draft: NoticeDraft) -> CalendarDiff:
    """The province-default calendar's days that change if `draft` is saved, for the notice's year
    and the years next to it (a notice may fix a day of the next January)."""
    before = work_calendar(None)
    after = calendar_with(before, draft)
    first = date(max(before.first_year, draft.year - 1), 1, 1)
    last = date(min(before.last_year, draft.year + 1), 12, 31)
    added, removed, changed = [], [], []
    day = first
    while day <= last:
        was, now = before.is_working_day(day), after.is_working_day(day)
        if was != now:
            changed.append(day)
            (added if was else removed).append(DayChange(day, _names(after if was else before, day)))
        day += timedelta(days=1)
    kept = {(s.day, s.name) for s in after.special_days if s.provisional}
    replaced = tuple(
        s
        for s in before.special_days
        if s.provisional and first <= s.day <= last and (s.day, s.name) not in kept
    )
    return CalendarDiff(tuple(added), tuple(removed), replaced, tuple(changed))


@transaction.atomic
def notice_save(draft: NoticeDraft) -> Notice:
    """Write the notice and its days (checked first); the revision signal makes every calendar stale."""
    check_draft(draft)
    notice = Notice.objects.select_for_update().get(pk=draft.notice_id) if draft.notice_id else Notice()
    for name in ("number", "title", "year", "issued_on", "issuer", "source_url", "note"):
        setattr(notice, name, getattr(draft, name))
    notice.fixes_lunar_new_year = draft.fixes_lunar_new_year
    notice.fixes_national_day = draft.fixes_national_day
    notice.full_clean()
    notice.save()
    notice.days.all().delete()
    NoticeDay.objects.bulk_create(NoticeDay(notice=notice, date=d, kind=k, note=n) for d, k, n in draft.days)
    from .signals import bump_revision

    bump_revision()  # bulk_create sends no signal
    return notice


__all__ = ["NoticeDraft", "NoticeDraftError", "calendar_diff", "calendar_with", "check_draft", "notice_save"]
