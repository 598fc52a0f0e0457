import datetime as dt
import io
from dataclasses import replace

from openpyxl import load_workbook

from motcua.documents import samples
from motcua.documents.xlsx import HEADER_ROW, HEADERS, render_tracking_book_xlsx


def _sheet(book):
    return load_workbook(io.BytesIO(render_tracking_book_xlsx(book))).active


def test_headers_are_vietnamese_and_rows_follow():
    book = samples.form07()
    ws = _sheet(book)
    header = [c.value for c in ws[HEADER_ROW + 1]]
    assert header == [name for name, _ in HEADERS]
    assert header[1] == "Mã hồ sơ" and "Tên cá nhân, tổ chức" in header
    assert ws["A3"].value == "SỔ THEO DÕI HỒ SƠ"
    assert ws["A4"].value == "Từ ngày 01 tháng 01 năm 2026 đến ngày 31 tháng 01 năm 2026"
    assert ws["H1"].value == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"

    rows = list(ws.iter_rows(min_row=HEADER_ROW + 2, values_only=True))
    assert len(rows) == len(book.rows) == 3
    first = rows[0]
    assert first[0] == 1
    assert first[1] == samples.CODE
    assert first[2] == samples.PROCEDURE
    assert first[4] == "Nguyễn Thị Hồng Nhung"
    assert first[6] == "Sở Xây dựng"
    # Real datetimes, in Vietnamese wall-clock time.
    assert first[7] == dt.datetime(2026, 1, 5, 8, 30)
    assert first[8] == dt.datetime(2026, 1, 26, 16, 0)
    assert first[13] == "Trả kết quả trực tiếp"
    # A dossier still in progress leaves its later columns empty.
    assert rows[2][10] is None and rows[2][11] is None


def test_empty_period_still_gives_a_valid_workbook():
    ws = _sheet(replace(samples.form07(), rows=()))
    assert ws.cell(row=HEADER_ROW + 1, column=1).value == "TT"
    assert ws.cell(row=HEADER_ROW + 2, column=2).value is None
