"""Days off fixed by law (Labour Code 2019 Art. 111–112), without Django.

The `holidays` package does the lunar arithmetic (the Vietnamese lunisolar calendar for Tết and
the Hùng Kings' day); everything else is written here from the law, because the package's list
for Vietnam also carries its own reading of yearly notices (swaps) without the Saturday worked
in exchange, and we want each day with its legal source.

Art. 112(3) leaves the exact Tết days and the second National Day day to the Prime Minister each
year; the yearly notice (see models.Notice) then *replaces* our rule for those two items. Until a
year's notice is entered we compute them provisionally (marked `provisional`):
- Tết: lunar New Year's Eve and the first four days of the year (the pattern of 2026's notice);
- National Day: 2 Sep and the adjacent day that joins a weekend where one does, else 1 Sep;
then Art. 111(3): a holiday on a weekly rest day (Saturday, Sunday for civil servants) is taken
on the next working day.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

import holidays

from .worktime import OFF, WORKING, SpecialDay, WorkCalendar

LAW = "Bộ luật Lao động 2019"
ART_112 = f"{LAW}, Điều 112 khoản 1"
ART_111_3 = f"{LAW}, Điều 111 khoản 3"
CULTURE_DAY_ACT = "Nghị quyết 28/2026/QH16"
CULTURE_DAY_FROM = 2026
FIRST_YEAR, LAST_YEAR = 2000, 2099

# English names the package gives the two lunar dates we take from it.
_LUNAR_NEW_YEAR = "Lunar New Year"
_HUNG_KINGS = "Hung Kings' Commemoration Day"


@lru_cache(maxsize=256)
def lunar_dates(year: int) -> tuple[date, date]:
    """(Lunar New Year's Day, Hùng Kings' day = 10th day of the 3rd lunar month) for a year."""
    found: dict[str, date] = {}
    for day, name in holidays.country_holidays("VN", years=year, observed=False, language="en_US").items():
        for part in name.split("; "):
            found.setdefault(part, day)
    try:
        return found[_LUNAR_NEW_YEAR], found[_HUNG_KINGS]
    except KeyError as exc:  # a renamed holiday in a new package version must fail loudly, not silently
        raise RuntimeError(f"holidays package no longer names {exc} for VN {year}") from exc


def _is_rest_day(day: date) -> bool:
    return day.weekday() >= 5


def _provisional_second_national_day(sep2: date) -> date:
    # Join the weekend where the calendar allows it (2 Sep on Monday → Tue 3 Sep, on Thursday →
    # Fri 3 Sep); otherwise take the day before. 2024, 2025 and 2027 came out this way.
    if sep2.weekday() in (0, 3):
        return sep2 + timedelta(days=1)
    return sep2 - timedelta(days=1)


@lru_cache(maxsize=256)
def statutory_days(
    year: int,
    *,
    notice_fixes_tet: bool = False,
    notice_fixes_national_day: bool = False,
    notice_days_off: frozenset[date] = frozenset(),
) -> tuple[SpecialDay, ...]:
    """The law's days off in `year`, with Art. 111(3) substitutes.

    `notice_fixes_*` say that the year's notice fixes those items (its days come from the notice);
    `notice_days_off` keeps substitutes from landing on a day the notice already gives off.
    """
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValueError(f"statutory days are computed for {FIRST_YEAR}–{LAST_YEAR}")
    lunar_new_year, hung_kings = lunar_dates(year)
    days: list[SpecialDay] = [
        SpecialDay(date(year, 1, 1), OFF, "Tết Dương lịch", f"{ART_112} điểm a", "New Year's Day"),
        SpecialDay(date(year, 4, 30), OFF, "Ngày Chiến thắng", f"{ART_112} điểm c", "Reunification Day"),
        SpecialDay(date(year, 5, 1), OFF, "Ngày Quốc tế Lao động", f"{ART_112} điểm d", "Labour Day"),
        SpecialDay(date(year, 9, 2), OFF, "Quốc khánh", f"{ART_112} điểm đ", "National Day"),
        SpecialDay(
            hung_kings,
            OFF,
            "Giỗ Tổ Hùng Vương (10/3 âm lịch)",
            f"{ART_112} điểm e",
            "Hùng Kings' Commemoration Day",
        ),
    ]
    if year >= CULTURE_DAY_FROM:
        days.append(
            SpecialDay(
                date(year, 11, 24), OFF, "Ngày Văn hóa Việt Nam", CULTURE_DAY_ACT, "Vietnamese Culture Day"
            )
        )
    pending = (
        "tạm tính theo quy tắc; ngày cụ thể do Thủ tướng quyết định (Điều 112 khoản 3),"
        f" chưa có thông báo năm {year}"
    )
    if not notice_fixes_tet:
        labels = ["Giao thừa", "Mùng 1", "Mùng 2", "Mùng 3", "Mùng 4"]
        for offset, label in zip(range(-1, 4), labels, strict=True):
            days.append(
                SpecialDay(
                    lunar_new_year + timedelta(days=offset),
                    OFF,
                    f"Tết Âm lịch – {label} (tạm tính)",
                    f"{ART_112} điểm b; {pending}",
                    f"Lunar New Year ({label}, provisional)",
                    provisional=True,
                )
            )
    if not notice_fixes_national_day:
        second = _provisional_second_national_day(date(year, 9, 2))
        days.append(
            SpecialDay(
                second,
                OFF,
                "Quốc khánh – ngày liền kề (tạm tính)",
                f"{ART_112} điểm đ; {pending}",
                "National Day, adjacent day (provisional)",
                provisional=True,
            )
        )

    # Art. 111(3). The items the notice fixes are left to the notice, substitutes included.
    fixed_by_notice = set()
    if notice_fixes_national_day:
        fixed_by_notice.add(date(year, 9, 2))
    taken = {d.day for d in days} | set(notice_days_off)
    substitutes: list[SpecialDay] = []
    for holiday in sorted(days, key=lambda s: s.day):
        if not _is_rest_day(holiday.day) or holiday.day in fixed_by_notice:
            continue
        substitute = holiday.day + timedelta(days=1)
        while _is_rest_day(substitute) or substitute in taken:
            substitute += timedelta(days=1)
        taken.add(substitute)
        substitutes.append(
            SpecialDay(
                substitute,
                OFF,
                f"Nghỉ bù {holiday.name} ({holiday.day:%d/%m/%Y})",
                f"{ART_111_3} (nghỉ bù ngày lễ trùng ngày nghỉ hằng tuần)",
                f"Substitute day off for {holiday.name_en} ({holiday.day:%d/%m/%Y})",
                provisional=holiday.provisional,
            )
        )
    return tuple(sorted(days + substitutes, key=lambda s: s.day))


@dataclass(frozen=True)
class NoticeData:
    """A yearly notice as plain data (the database rows, or a JSON file, map onto it)."""

    number: str
    year: int
    days: tuple[tuple[date, str, str], ...]  # (date, OFF or WORKING, note)
    fixes_lunar_new_year: bool = True
    fixes_national_day: bool = True

    @classmethod
    def from_dict(cls, data: dict) -> NoticeData:
        return cls(
            number=data["number"],
            year=data["year"],
            days=tuple((date.fromisoformat(d["date"]), d["kind"], d.get("note", "")) for d in data["days"]),
            fixes_lunar_new_year=data.get("fixes_lunar_new_year", True),
            fixes_national_day=data.get("fixes_national_day", True),
        )


NOTICE_SOURCE = "Thông báo số {number}"
SHIPPED_NOTICES_DIR = Path(__file__).resolve().parent / "data" / "notices"


def calendar_days(first_year: int, last_year: int, notices: Iterable[NoticeData]) -> tuple[SpecialDay, ...]:
    """Law days (with Art. 111(3) substitutes) and notice days for a range of years."""
    by_year: dict[int, list[NoticeData]] = {}
    for notice in notices:
        by_year.setdefault(notice.year, []).append(notice)
    result: list[SpecialDay] = []
    for year in range(first_year, last_year + 1):
        year_notices = by_year.get(year, [])
        notice_days = [
            SpecialDay(
                day,
                kind,
                note or ("Ngày làm việc bù" if kind == WORKING else "Ngày nghỉ"),
                NOTICE_SOURCE.format(number=notice.number),
                "Make-up working day" if kind == WORKING else "Day off by notice",
            )
            for notice in year_notices
            for day, kind, note in notice.days
        ]
        result.extend(
            statutory_days(
                year,
                notice_fixes_tet=any(n.fixes_lunar_new_year for n in year_notices),
                notice_fixes_national_day=any(n.fixes_national_day for n in year_notices),
                notice_days_off=frozenset(d.day for d in notice_days if d.kind == OFF),
            )
        )
        result.extend(notice_days)
    return tuple(sorted(result, key=lambda s: (s.day, s.kind, s.source)))


def shipped_notices() -> list[NoticeData]:
    """The notices that ship with the code (also loaded into the database by migration 0002)."""
    return [
        NoticeData.from_dict(json.loads(path.read_text(encoding="utf-8")))
        for path in sorted(SHIPPED_NOTICES_DIR.glob("*.json"))
    ]


def official_calendar(first_year: int = 2024, last_year: int = 2035, **options) -> WorkCalendar:
    """A province-default calendar from the law and the shipped notices, without a database:
    for tests, the benchmark and scripts. Production reads notices from the database."""
    days = calendar_days(first_year, last_year, shipped_notices())
    return WorkCalendar(special_days=days, first_year=first_year, last_year=last_year, **options)
