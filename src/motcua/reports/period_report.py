"""The period report (issue 12 part 2): the one-stop-shop table per unit in the layout provinces send
upward, the average processing time per procedure, the slowest steps and the ratings; every table
as rows of plain values with, for each number, the measure that lists the dossiers behind it
(`drilldown`). Exported as Excel (XlsxWriter, Vietnamese headers) and CSV by `export`.

The one-stop-shop columns (Circular 03/2025/TT-VPCP reporting; as Circular 01/2018 form):
received (carried over, new online, new in person or by post), processed (early, on time, late),
in progress at the end of the period (on time, overdue), withdrawn, stopped.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from motcua.catalog.models import Procedure
from motcua.dossiers.states import ONLINE_CHANNELS, Channel

from . import selectors as sel
from .dashboard import slowest_steps
from .models import DossierStat
from .summary import summary

# (key, Vietnamese header, English header, the drill-down measure)
COLUMNS: tuple[tuple[str, str, str, str], ...] = (
    ("received_total", "Tổng số tiếp nhận", "Received, total", "received_all"),
    ("carried_over", "Kỳ trước chuyển qua", "Carried over", "carried_over"),
    ("new_online", "Mới tiếp nhận trực tuyến", "New online", "new_online"),
    (
        "new_in_person_or_post",
        "Mới tiếp nhận trực tiếp, bưu chính",
        "New in person or by post",
        "new_offline",
    ),
    ("processed_total", "Đã giải quyết", "Processed", "processed"),
    ("early", "Trước hạn", "Early", "processed_early"),
    ("on_time", "Đúng hạn", "On time", "processed_on_time"),
    ("late", "Quá hạn", "Late", "processed_late"),
    ("in_progress_total", "Đang giải quyết", "In progress", "in_progress"),
    ("in_progress_on_time", "Trong hạn", "Not yet due", "in_progress_on_time"),
    ("in_progress_overdue", "Quá hạn", "Overdue", "in_progress_overdue"),
    ("withdrawn", "Rút hồ sơ", "Withdrawn", "withdrawn"),
    ("stopped", "Dừng xử lý", "Stopped", "stopped"),
)
MEASURES = {c[3] for c in COLUMNS}


@dataclass
class Row:
    label: str
    identifier: str  # the agency identifier for the drill-down links ("" for the total row)
    values: dict[str, int]

    @property
    def cells(self) -> list[tuple[int, str]]:
        """(value, drill-down measure) in column order, for the page."""
        return [(self.values[key], measure) for key, _vi, _en, measure in COLUMNS]


def _row_values(s: dict) -> dict[str, int]:
    return {
        "received_total": s["received"]["total"],
        "carried_over": s["received"]["carried_over"],
        "new_online": s["received"]["new_online"],
        "new_in_person_or_post": s["received"]["new_in_person_or_post"],
        "processed_total": s["processed"]["total"],
        "early": s["processed"]["early"],
        "on_time": s["processed"]["on_time"],
        "late": s["processed"]["late"],
        "in_progress_total": s["in_progress"]["total"],
        "in_progress_on_time": s["in_progress"]["on_time"],
        "in_progress_overdue": s["in_progress"]["overdue"],
        "withdrawn": s["withdrawn"],
        "stopped": s["stopped"],
    }


def one_stop_table(period: sel.Period, scope: sel.Scope) -> list[Row]:
    """One row per ranked unit (department, commune) inside the scope, then the total of the scope."""
    rows = []
    for agency, subtree in sel.ranking_units(scope).values():
        unit = sel.Scope(agency_ids=subtree, label=agency.name)
        rows.append(Row(agency.name, agency.identifier, _row_values(summary(period, unit))))
    rows.append(Row("Tổng cộng", "", _row_values(summary(period, scope))))
    return rows


def processing_time_by_procedure(period: sel.Period, scope: sel.Scope) -> list[dict]:
    """[{"procedure_id", "code", "name", "processed", "average_hours"}] (working hours, pauses excluded)."""
    sums: dict[int, dict[str, int]] = {}
    columns = {
        "early": "finished_early",
        "on_time": "finished_on_time",
        "late": "finished_late",
        "seconds": "processed_seconds",
        "rated": "rated",
        "rating_sum": "rating_sum",
    }
    by_procedure = sel.rollup_totals(period, scope, ["procedure_id"], columns.values())
    for (procedure_id,), counters in by_procedure.items():
        sums[procedure_id] = {"procedure_id": procedure_id, **{k: counters[c] for k, c in columns.items()}}
    rows = list(sums.values())
    names = {p.pk: p for p in Procedure.objects.filter(pk__in=[r["procedure_id"] for r in rows])}
    out = []
    for r in rows:
        n = (r["early"] or 0) + (r["on_time"] or 0) + (r["late"] or 0)
        if not n and not r["rated"]:
            continue
        p = names.get(r["procedure_id"])
        out.append(
            {
                "procedure_id": r["procedure_id"],
                "code": p.code if p else "",
                "name": p.name if p else "",
                "processed": n,
                "late": r["late"] or 0,
                "average_hours": round((r["seconds"] or 0) / n / 3600, 1) if n else None,
                "rated": r["rated"] or 0,
                "average_rating": round(r["rating_sum"] / r["rated"], 2) if r["rated"] else None,
            }
        )
    out.sort(key=lambda r: -(r["average_hours"] or 0))
    return out


def report(period: sel.Period, scope: sel.Scope) -> dict:
    return {
        "table": one_stop_table(period, scope),
        "procedures": processing_time_by_procedure(period, scope),
        "steps": slowest_steps(period, scope, limit=20),
        "summary": summary(period, scope),
    }


# ----- the dossiers behind a number --------------------------------------------------------------


def drilldown(period: sel.Period, scope: sel.Scope, measure: str) -> QuerySet[DossierStat]:
    """The facts of the dossiers a number counts (`COLUMNS` measures); ValueError for an unknown one."""
    facts = DossierStat.objects.filter(scope.q())
    received = Q(received_day__gte=period.start, received_day__lte=period.end)
    ended = Q(ended_day__gte=period.start, ended_day__lte=period.end)
    at = period.judged_at
    online = Q(channel__in=list(ONLINE_CHANNELS))
    conditions = {
        "received_all": received | sel._unfinished_at(period.start_at),
        "carried_over": sel._unfinished_at(period.start_at),
        "new_online": received & online,
        "new_offline": received & Q(channel__in=[Channel.IN_PERSON, Channel.POST]),
        "processed": ended & Q(end_kind="processed"),
        "processed_early": ended & Q(end_kind="processed", judgement="early"),
        "processed_on_time": ended & Q(end_kind="processed", judgement="on_time"),
        "processed_late": ended & Q(end_kind="processed", judgement="late"),
        "in_progress": sel._unfinished_at(at),
        "in_progress_on_time": sel._unfinished_at(at) & ~sel._late_at(at),
        "in_progress_overdue": sel._unfinished_at(at) & sel._late_at(at),
        "withdrawn": ended & Q(end_kind="withdrawn"),
        "stopped": ended & Q(end_kind="stopped"),
    }
    if measure not in conditions:
        raise sel.ReportError(
            f"Không có số liệu «{measure}».", f"Unknown measure {measure!r}.", code="unknown_measure"
        )
    return facts.filter(conditions[measure]).select_related("dossier", "procedure").order_by("-received_at")


# ----- exports -----------------------------------------------------------------------------------


def table_rows(rows: list[Row]) -> tuple[list[str], list[list]]:
    header = ["Đơn vị"] + [c[1] for c in COLUMNS]
    return header, [[r.label] + [r.values[c[0]] for c in COLUMNS] for r in rows]


def procedure_rows(rows: list[dict]) -> tuple[list[str], list[list]]:
    header = [
        "Mã thủ tục",
        "Tên thủ tục",
        "Đã giải quyết",
        "Quá hạn",
        "Thời gian TB (giờ làm việc)",
        "Số đánh giá",
        "Điểm hài lòng TB",
    ]
    body = [
        [r["code"], r["name"], r["processed"], r["late"], r["average_hours"], r["rated"], r["average_rating"]]
        for r in rows
    ]
    return header, body


def step_rows(rows: list[dict]) -> tuple[list[str], list[list]]:
    header = [
        "Bước xử lý",
        "Số lượt",
        "Thời gian thực trung bình (giờ làm việc)",
        "Định mức trung bình (giờ làm việc)",
        "Vượt định mức (giờ làm việc)",
        "Số lượt trễ",
        "Tỷ lệ trễ",
        "Trễ trung bình (giờ)",
    ]
    body = [
        [
            r["name"],
            r["left"],
            r["avg_hours"],
            r["allotment_hours"],
            r["over_hours"],
            r["late"],
            r["late_rate"],
            r["avg_overrun_hours"],
        ]
        for r in rows
    ]
    return header, body


def to_csv(header: list[str], rows: list[list]) -> bytes:
    """UTF-8 with a byte-order mark (Excel opens Vietnamese text right), comma-separated."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(title: str, subtitle: str, sheets: list[tuple[str, list[str], list[list]]]) -> bytes:
    """One workbook, a sheet per table: title rows, bold wrapped Vietnamese headers, numbers as numbers."""
    import xlsxwriter

    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
    font = {"font_name": "Times New Roman", "font_size": 12}
    bold = workbook.add_format({**font, "bold": True, "font_size": 14})
    plain = workbook.add_format(font)
    header_fmt = workbook.add_format(
        {**font, "bold": True, "border": 1, "text_wrap": True, "align": "center", "valign": "vcenter"}
    )
    cell = workbook.add_format({**font, "border": 1, "text_wrap": True, "valign": "top"})
    number = workbook.add_format({**font, "border": 1, "valign": "top"})
    for name, header, rows in sheets:
        sheet = workbook.add_worksheet(name[:31])
        sheet.write(0, 0, title, bold)
        sheet.write(1, 0, subtitle, plain)
        for col, text in enumerate(header):
            sheet.write(3, col, text, header_fmt)
            sheet.set_column(col, col, 36 if col == 0 or text.startswith("Tên") else 14)
        sheet.set_row(3, 48)
        for r, row in enumerate(rows, start=4):
            for col, value in enumerate(row):
                if isinstance(value, (int, float)) and not isinstance(value, bool):
                    sheet.write_number(r, col, value, number)
                elif value is None:
                    sheet.write_blank(r, col, None, cell)
                else:
                    sheet.write_string(r, col, str(value), cell)
        sheet.freeze_panes(4, 1)
    workbook.close()
    return buffer.getvalue()
