"""Every form 01–07 renders to a PDF whose extracted text carries the dossier code, the names, the
procedure and the dates, Vietnamese diacritics intact; its first page goes to PNG for docs/screenshots/."""

import pytest

from motcua.documents import samples
from motcua.documents.forms import form_title
from motcua.documents.rendering import render_form_pdf

from .conftest import pdf_pages, pdf_text, pdf_to_png

MOTTO = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")
RECEIVED = "08 giờ 30 phút, ngày 05 tháng 01 năm 2026"
DUE = "16 giờ 00 phút, ngày 26 tháng 01 năm 2026"

EXPECTED = {
    "01": [
        samples.CODE,
        "Nguyễn Thị Hồng Nhung",
        "Trần Văn Đức",
        samples.PROCEDURE,
        "Số: 118/TNHS",
        "Hải Phòng, ngày 05 tháng 01 năm 2026",
        RECEIVED,
        DUE,
        "Giấy chứng nhận quyền sử dụng đất",
        "75.000 đồng",
        "1.575.000 đồng",
        "Phạm Thu Hương",
        "NGƯỜI TIẾP NHẬN HỒ SƠ",
    ],
    "02": [
        samples.CODE,
        "Nguyễn Thị Hồng Nhung",
        samples.PROCEDURE,
        "Số: 21/YCBS",
        RECEIVED,
        "Bản vẽ mặt bằng móng",
        "Chưa có chữ ký của chủ nhiệm thiết kế",
        "Bản sao chưa được chứng thực",
        "NGƯỜI HƯỚNG DẪN",
    ],
    "03": [
        samples.CODE,
        "Nguyễn Thị Hồng Nhung",
        samples.PROCEDURE,
        RECEIVED,
        "không tiếp nhận, giải quyết hồ sơ này",
        "Thủ tục thuộc thẩm quyền của Ủy ban nhân dân phường nơi có công trình.",
    ],
    "04": [
        samples.CODE,
        "Kính gửi: Nguyễn Thị Hồng Nhung",
        samples.PROCEDURE,
        "Hải Phòng, ngày 23 tháng 01 năm 2026",
        RECEIVED,
        DUE,
        "10 giờ 00 phút, ngày 03 tháng 02 năm 2026",
        "hành lang bảo vệ đê điều",
        "Lê Quang Vinh",
        "KT. GIÁM ĐỐC",
    ],
    "05": [
        samples.CODE,
        "Nguyễn Thị Hồng Nhung",
        samples.PROCEDURE,
        RECEIVED,
        "14 giờ 00 phút, ngày 20 tháng 01 năm 2026",
        "tranh chấp quyền sử dụng thửa đất",
        "Vũ Thị Thanh Hà",
    ],
    "06": [
        samples.CODE,
        "Nguyễn Thị Hồng Nhung",
        samples.PROCEDURE,
        "118/TNHS",
        "Sở Nông nghiệp và Môi trường",
        RECEIVED,
        DUE,
        "Đỗ Minh Khôi",
        "10:15 05/01/2026",
        "17:00 23/01/2026",
        "Trước hạn",
        "Đúng hạn",
        "Quá hạn",
    ],
    "07": [
        samples.CODE,
        "000.00.14.H99-260105-0119",
        "000.00.14.H99-260106-0001",
        "Nguyễn Thị Hồng Nhung",
        "Hoàng Văn Bảo",
        "Công ty TNHH Thương mại Đại Dương",
        "Đăng ký khai sinh",
        "Từ ngày 01 tháng 01 năm 2026 đến ngày 31 tháng 01 năm 2026",
        "Quyển số: 01",
        "08:30 05/01/2026",
        "16:00 26/01/2026",
    ],
}


@pytest.mark.parametrize("number", sorted(samples.ALL))
def test_form_pdf_carries_code_names_and_dates(number, screenshot_dir, tmp_path):
    form = samples.ALL[number]()
    pdf = render_form_pdf(form)

    assert pdf.startswith(b"%PDF-")
    text = pdf_text(pdf)
    for expected in (*MOTTO, form_title(form), *EXPECTED[number]):
        assert expected in text, f"form {number}: {expected!r} not in the PDF text"

    png = pdf_to_png(pdf, screenshot_dir / f"form-{number}.png", tmp_path)
    header = png.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(header[16:20]), int.from_bytes(header[20:24])
    if number == "07":
        assert width > height  # landscape
    else:
        assert height > width


@pytest.mark.parametrize("number", sorted(samples.ALL))
def test_form_is_a4_and_fits_its_pages(number):
    pdf = render_form_pdf(samples.ALL[number]())
    pages = pdf_pages(pdf)
    assert len(pages) == 1  # the samples fit on one page, signatures included
    box = pages[0].mediabox
    size = sorted((round(float(box.width)), round(float(box.height))))
    assert size == [595, 842]  # A4 in points
    if number == "07":
        assert float(box.width) > float(box.height)
    else:
        assert float(box.height) > float(box.width)


def test_long_tracking_book_runs_over_pages_and_keeps_every_row():
    from dataclasses import replace

    book = samples.form07()
    rows = tuple(replace(book.rows[1], dossier_code=f"000.00.14.H99-260105-{i:04d}") for i in range(1, 61))
    pdf = render_form_pdf(replace(book, rows=rows))
    assert len(pdf_pages(pdf)) > 1
    text = pdf_text(pdf)
    assert all(f"000.00.14.H99-260105-{i:04d}" in text for i in range(1, 61))
