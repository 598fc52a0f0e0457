"""The tracking book (form 07) as an Excel workbook, with XlsxWriter, in memory.

Same columns as the PDF (Circular 03/2025/TT-VPCP form 07, columns as in Circular 01/2018/TT-VPCP form 06).
Times are written as real Excel datetimes in Asia/Ho_Chi_Minh wall-clock time (Excel has no time zones),
so officials can sort and filter them.
"""

from __future__ import annotations

import datetime as dt
import io

from .formatting import to_local, vn_date
from .forms import Form07TrackingBook, form_title

HEADERS: tuple[tuple[str, int], ...] = (
    ("TT", 5),
    ("Mã hồ sơ", 27),
    ("Tên thủ tục hành chính", 36),
    ("Số lượng hồ sơ (bộ)", 9),
    ("Tên cá nhân, tổ chức", 24),
    ("Địa chỉ, số điện thoại", 34),
    ("Cơ quan chủ trì giải quyết", 22),
    ("Nhận hồ sơ", 16),
    ("Hẹn trả kết quả", 16),
    ("Chuyển hồ sơ đến cơ quan giải quyết", 16),
    ("Ngày có kết quả / yêu cầu trả lại", 16),
    ("Trả kết quả (ngày, tháng, năm)", 16),
    ("Ký nhận", 10),
    ("Ghi chú", 24),
)
HEADER_ROW = 5  # zero-based: rows 0–3 carry the agency, title and period


def _naive_local(value: dt.datetime | None) -> dt.datetime | None:
    if value is None:
        return None
    return to_local(value).replace(tzinfo=None)


def render_tracking_book_xlsx(form: Form07TrackingBook) -> bytes:
    import xlsxwriter

    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = workbook.add_worksheet("So theo doi")
    font = {"font_name": "Times New Roman", "font_size": 12}
    bold_center = workbook.add_format({**font, "bold": True, "align": "center", "valign": "vcenter"})
    center = workbook.add_format({**font, "align": "center"})
    title = workbook.add_format({**font, "bold": True, "font_size": 14, "align": "center"})
    header = workbook.add_format(
        {**font, "bold": True, "border": 1, "text_wrap": True, "align": "center", "valign": "vcenter"}
    )
    cell = workbook.add_format({**font, "border": 1, "text_wrap": True, "valign": "top"})
    number = workbook.add_format({**font, "border": 1, "align": "center", "valign": "top"})
    when = workbook.add_format({**font, "border": 1, "valign": "top", "num_format": "hh:mm dd/mm/yyyy"})

    last_col = len(HEADERS) - 1
    sheet.merge_range(0, 0, 0, 5, form.parent_agency_name.upper(), center)
    sheet.merge_range(1, 0, 1, 5, form.agency_name.upper(), bold_center)
    sheet.merge_range(0, 7, 0, last_col, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold_center)
    sheet.merge_range(1, 7, 1, last_col, "Độc lập - Tự do - Hạnh phúc", bold_center)
    sheet.merge_range(2, 0, 2, last_col, form_title(form), title)
    period = f"Từ {vn_date(form.period_start)} đến {vn_date(form.period_end)}"
    sheet.merge_range(3, 0, 3, last_col, period, center)

    for col, (name, width) in enumerate(HEADERS):
        sheet.write(HEADER_ROW, col, name, header)
        sheet.set_column(col, col, width)
    sheet.set_row(HEADER_ROW, 48)

    for i, row in enumerate(form.rows, start=1):
        r = HEADER_ROW + i
        sheet.write_number(r, 0, i, number)
        sheet.write_string(r, 1, row.dossier_code, cell)
        sheet.write_string(r, 2, row.procedure_name, cell)
        sheet.write_number(r, 3, row.sets, number)
        sheet.write_string(r, 4, row.applicant_name, cell)
        sheet.write_string(r, 5, row.address_phone, cell)
        sheet.write_string(r, 6, row.competent_agency_name, cell)
        for col, value in enumerate(
            (row.received_at, row.due_at, row.transferred_at, row.finished_at, row.returned_at), start=7
        ):
            local = _naive_local(value)
            if local is None:
                sheet.write_blank(r, col, None, cell)
            else:
                sheet.write_datetime(r, col, local, when)
        sheet.write_blank(r, 12, None, cell)
        sheet.write_string(r, 13, row.note, cell)

    sheet.freeze_panes(HEADER_ROW + 1, 2)
    sheet.autofilter(HEADER_ROW, 0, HEADER_ROW + max(len(form.rows), 1), last_col)
    sheet.set_landscape()
    sheet.set_paper(9)  # A4
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(HEADER_ROW)
    workbook.close()
    return buffer.getvalue()
