"""Writes: importing a government notice from a small JSON file (the admin UI edits the same rows)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from .models import DayKind, Notice, NoticeDay

NOTICE_FIELDS = {
    "number",
    "title",
    "year",
    "issued_on",
    "issuer",
    "source_url",
    "fixes_lunar_new_year",
    "fixes_national_day",
    "note",
    "days",
}
DATA_DIR = Path(__file__).resolve().parent / "data" / "notices"


class NoticeFileError(ValueError):
    """A notice file that cannot be imported; the message says where, in both languages."""


def _date(value: Any, where: str) -> date:
    try:
        return date.fromisoformat(str(value))
    except ValueError as exc:
        raise NoticeFileError(
            f"{where}: «{value}» không phải ngày dạng YYYY-MM-DD."
            f" / {where}: {value!r} is not a YYYY-MM-DD date."
        ) from exc


def notice_parse(data: Any) -> tuple[dict, list[dict]]:
    """Check the shape of a notice document; return the notice fields and its days."""
    if not isinstance(data, dict):
        raise NoticeFileError("Tệp phải là một đối tượng JSON. / The file must hold one JSON object.")
    unknown = set(data) - NOTICE_FIELDS
    if unknown:
        names = ", ".join(sorted(unknown))
        raise NoticeFileError(f"Trường không được hỗ trợ: {names}. / Unknown fields: {names}.")
    for required in ("number", "title", "year", "days"):
        if not data.get(required) and data.get(required) != 0:
            raise NoticeFileError(f"Thiếu trường «{required}». / Missing field {required!r}.")
    if not isinstance(data["year"], int):
        raise NoticeFileError("«year» phải là số nguyên. / 'year' must be an integer.")
    if not isinstance(data["days"], list) or not data["days"]:
        raise NoticeFileError("«days» phải là danh sách ngày, không rỗng. / 'days' must be a non-empty list.")
    fields = {k: v for k, v in data.items() if k != "days" and v is not None}
    if "issued_on" in fields:
        fields["issued_on"] = _date(fields["issued_on"], "issued_on")
    days = []
    seen = set()
    for n, item in enumerate(data["days"], start=1):
        where = f"days[{n}]"
        if not isinstance(item, dict) or "date" not in item or "kind" not in item:
            raise NoticeFileError(f"{where}: cần «date» và «kind». / {where}: needs 'date' and 'kind'.")
        day = _date(item["date"], where)
        if item["kind"] not in DayKind.values:
            raise NoticeFileError(
                f"{where}: «kind» phải là off hoặc working. / {where}: 'kind' must be 'off' or 'working'."
            )
        if day in seen:
            raise NoticeFileError(f"{where}: ngày {day} bị lặp. / {where}: {day} appears twice.")
        seen.add(day)
        days.append({"date": day, "kind": item["kind"], "note": str(item.get("note", ""))})
    return fields, days


@transaction.atomic
def notice_import(data: Any, *, replace: bool = False) -> Notice:
    """Create a notice and its days; with `replace`, an existing notice of that number is rewritten."""
    fields, days = notice_parse(data)
    existing = Notice.objects.filter(number=fields["number"]).first()
    if existing is not None and not replace:
        raise NoticeFileError(
            f"Thông báo {fields['number']} đã có; dùng --replace để ghi đè."
            f" / Notice {fields['number']} exists; use --replace to overwrite."
        )
    notice = existing or Notice()
    for name, value in fields.items():
        setattr(notice, name, value)
    try:
        notice.full_clean(validate_unique=existing is None)
    except ValidationError as exc:
        raise NoticeFileError("; ".join(exc.messages)) from exc
    notice.save()
    if existing is not None:
        notice.days.all().delete()
    for n, day in enumerate(days, start=1):
        row = NoticeDay(notice=notice, **day)
        try:
            row.full_clean(exclude=["notice"])
            row.clean()
        except ValidationError as exc:
            raise NoticeFileError(f"days[{n}]: " + "; ".join(exc.messages)) from exc
        row.save()
    return notice


def notice_import_file(path: str | Path, *, replace: bool = False) -> Notice:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise NoticeFileError(f"Không đọc được tệp {path}: {exc.strerror}. / Cannot read {path}.") from exc
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise NoticeFileError(
            f"Tệp không phải JSON hợp lệ (dòng {exc.lineno}, cột {exc.colno})."
            f" / Invalid JSON at line {exc.lineno}, column {exc.colno}."
        ) from exc
    return notice_import(data, replace=replace)
