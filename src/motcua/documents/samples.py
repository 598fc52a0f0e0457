"""One filled-in example of each form, for tests, the screenshots in docs/ and a quick look at a layout.

Names, addresses, agencies and codes are invented (the agency identifier `000.00.14.H99` is not a real
one).
"""

from __future__ import annotations

import datetime as dt

from .formatting import LOCAL_TZ
from .forms import (
    Applicant,
    Component,
    Fee,
    Form01Receipt,
    Form02Supplement,
    Form03Refusal,
    Form04Apology,
    Form05Stop,
    Form06ControlSlip,
    Form07TrackingBook,
    HandoverRow,
    MissingItem,
    StepOutcome,
    TrackingRow,
)
from .qr import lookup_url

PARENT = "UBND THÀNH PHỐ HẢI PHÒNG"
AGENCY = "Trung tâm Phục vụ hành chính công"
PLACE = "Hải Phòng"
CODE = "000.00.14.H99-260105-0118"
PROCEDURE = "Cấp giấy phép xây dựng đối với nhà ở riêng lẻ"
PUBLIC_BASE_URL = "https://dichvucong.haiphong.example"

APPLICANT = Applicant(
    name="Nguyễn Thị Hồng Nhung",
    address="Số 12 đường Lạch Tray, phường Ngô Quyền, thành phố Hải Phòng",
    phone="0912 345 678",
    email="hongnhung@example.vn",
    representative_name="Trần Văn Đức",
)
OFFICER = "Phạm Thu Hương"


def local(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> dt.datetime:
    """A Vietnamese wall-clock time as an aware datetime (stored in UTC by the app, shown back in local)."""
    return dt.datetime(year, month, day, hour, minute, tzinfo=LOCAL_TZ).astimezone(dt.UTC)


RECEIVED_AT = local(2026, 1, 5, 8, 30)
DUE_AT = local(2026, 1, 26, 16, 0)
NEW_DUE_AT = local(2026, 2, 3, 10, 0)


def form01() -> Form01Receipt:
    return Form01Receipt(
        parent_agency_name=PARENT,
        agency_name=AGENCY,
        number="118/TNHS",
        place=PLACE,
        issued_at=RECEIVED_AT,
        dossier_code=CODE,
        applicant=APPLICANT,
        procedure_name=PROCEDURE,
        components=(
            Component("Đơn đề nghị cấp giấy phép xây dựng (mẫu số 01)", originals=1),
            Component("Giấy chứng nhận quyền sử dụng đất", copies=1),
            Component("Bản vẽ thiết kế xây dựng", originals=2),
        ),
        sets=1,
        processing_time="15 ngày làm việc",
        received_at=RECEIVED_AT,
        due_at=DUE_AT,
        result_delivery="Trung tâm Phục vụ hành chính công thành phố Hải Phòng",
        fees=(Fee("Lệ phí cấp giấy phép xây dựng", 75000), Fee("Phí thẩm định", 1500000)),
        lookup_url=lookup_url(PUBLIC_BASE_URL, CODE),
        officer_name=OFFICER,
        book_entry="Quyển số 01, số thứ tự 118",
    )


def form02() -> Form02Supplement:
    return Form02Supplement(
        parent_agency_name=PARENT,
        agency_name=AGENCY,
        number="21/YCBS",
        place=PLACE,
        issued_at=RECEIVED_AT,
        dossier_code=CODE,
        applicant=APPLICANT,
        procedure_name=PROCEDURE,
        submitted_at=RECEIVED_AT,
        items=(
            MissingItem("Bản vẽ mặt bằng móng", "Chưa có chữ ký của chủ nhiệm thiết kế"),
            MissingItem("Giấy chứng nhận quyền sử dụng đất", "Bản sao chưa được chứng thực"),
        ),
        contact_officer=OFFICER,
        contact_phone="0225 3 842 000",
        officer_name=OFFICER,
    )


def form03() -> Form03Refusal:
    return Form03Refusal(
        parent_agency_name=PARENT,
        agency_name=AGENCY,
        number="07/TCHS",
        place=PLACE,
        issued_at=RECEIVED_AT,
        dossier_code=CODE,
        applicant=APPLICANT,
        procedure_name=PROCEDURE,
        submitted_at=RECEIVED_AT,
        reasons=(
            "Thửa đất nằm trong khu vực đã có quy hoạch sử dụng đất để xây dựng công trình công cộng.",
            "Thủ tục thuộc thẩm quyền của Ủy ban nhân dân phường nơi có công trình.",
        ),
        officer_name=OFFICER,
    )


def form04() -> Form04Apology:
    return Form04Apology(
        parent_agency_name=PARENT,
        agency_name="Sở Xây dựng",
        number="356/SXD-QLXD",
        place=PLACE,
        issued_at=local(2026, 1, 23, 9, 0),
        dossier_code=CODE,
        applicant=APPLICANT,
        procedure_name=PROCEDURE,
        received_at=RECEIVED_AT,
        old_due_at=DUE_AT,
        new_due_at=NEW_DUE_AT,
        reason="Cần lấy ý kiến của Sở Nông nghiệp và Môi trường về hành lang bảo vệ đê điều.",
        lookup_url=lookup_url(PUBLIC_BASE_URL, CODE),
        signer_title="KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC",
        signer_name="Lê Quang Vinh",
    )


def form05() -> Form05Stop:
    return Form05Stop(
        parent_agency_name=PARENT,
        agency_name="Sở Xây dựng",
        number="371/TB-SXD",
        place=PLACE,
        issued_at=local(2026, 1, 20, 14, 0),
        dossier_code=CODE,
        applicant=APPLICANT,
        procedure_name=PROCEDURE,
        received_at=RECEIVED_AT,
        stopped_at=local(2026, 1, 20, 14, 0),
        reason="Tòa án nhân dân thành phố đang thụ lý vụ việc tranh chấp quyền sử dụng thửa đất.",
        legal_basis="Nghị định số 118/2025/NĐ-CP ngày 09 tháng 6 năm 2025 của Chính phủ.",
        signer_title="GIÁM ĐỐC",
        signer_name="Vũ Thị Thanh Hà",
    )


def form06() -> Form06ControlSlip:
    return Form06ControlSlip(
        parent_agency_name=PARENT,
        agency_name=AGENCY,
        number="",
        place=PLACE,
        issued_at=RECEIVED_AT,
        dossier_code=CODE,
        receipt_number="118/TNHS",
        applicant=APPLICANT,
        procedure_name=PROCEDURE,
        competent_agency_name="Sở Xây dựng",
        coordinating_agencies=("Sở Nông nghiệp và Môi trường",),
        received_at=RECEIVED_AT,
        due_at=DUE_AT,
        rows=(
            HandoverRow(
                step="Tiếp nhận hồ sơ",
                from_name=OFFICER,
                from_unit="Trung tâm Phục vụ hành chính công",
                to_name="Đỗ Minh Khôi",
                to_unit="Phòng Quản lý xây dựng",
                handed_at=local(2026, 1, 5, 10, 15),
                deadline=local(2026, 1, 5, 16, 30),
                outcome=StepOutcome.EARLY,
            ),
            HandoverRow(
                step="Thẩm định hồ sơ",
                from_name="Đỗ Minh Khôi",
                from_unit="Phòng Quản lý xây dựng",
                to_name="Lê Quang Vinh",
                to_unit="Lãnh đạo Sở",
                handed_at=local(2026, 1, 19, 15, 45),
                deadline=local(2026, 1, 19, 17, 0),
                outcome=StepOutcome.ON_TIME,
            ),
            HandoverRow(
                step="Phê duyệt, ký",
                from_name="Lê Quang Vinh",
                from_unit="Lãnh đạo Sở",
                to_name=OFFICER,
                to_unit="Trung tâm Phục vụ hành chính công",
                handed_at=local(2026, 1, 27, 9, 0),
                deadline=local(2026, 1, 23, 17, 0),
                outcome=StepOutcome.LATE,
                note="Đã xin lỗi, hẹn lại",
            ),
        ),
    )


def form07() -> Form07TrackingBook:
    rows = [
        TrackingRow(
            dossier_code=CODE,
            procedure_name=PROCEDURE,
            applicant_name=APPLICANT.name,
            address_phone=f"{APPLICANT.address}; {APPLICANT.phone}",
            competent_agency_name="Sở Xây dựng",
            received_at=RECEIVED_AT,
            due_at=DUE_AT,
            transferred_at=local(2026, 1, 5, 10, 15),
            finished_at=local(2026, 1, 27, 9, 0),
            returned_at=local(2026, 1, 28, 14, 20),
            note="Trả kết quả trực tiếp",
        ),
        TrackingRow(
            dossier_code="000.00.14.H99-260105-0119",
            procedure_name="Đăng ký khai sinh",
            applicant_name="Hoàng Văn Bảo",
            address_phone="Thôn Đông, xã An Lão, thành phố Hải Phòng; 0987 654 321",
            competent_agency_name="UBND xã An Lão",
            received_at=local(2026, 1, 5, 9, 5),
            due_at=local(2026, 1, 5, 16, 0),
            transferred_at=local(2026, 1, 5, 9, 10),
            finished_at=local(2026, 1, 5, 11, 0),
            returned_at=local(2026, 1, 5, 14, 0),
        ),
        TrackingRow(
            dossier_code="000.00.14.H99-260106-0001",
            procedure_name="Cấp phiếu lý lịch tư pháp cho công dân Việt Nam",
            applicant_name="Công ty TNHH Thương mại Đại Dương",
            address_phone="Lô B2, Khu công nghiệp Đình Vũ, phường Đông Hải; 0225 3 111 222",
            competent_agency_name="Sở Tư pháp",
            received_at=local(2026, 1, 6, 15, 40),
            due_at=local(2026, 1, 16, 15, 40),
            note="Đang giải quyết",
        ),
    ]
    return Form07TrackingBook(
        parent_agency_name=PARENT,
        agency_name=AGENCY,
        number="01",
        place=PLACE,
        issued_at=local(2026, 1, 31, 17, 0),
        period_start=dt.date(2026, 1, 1),
        period_end=dt.date(2026, 1, 31),
        rows=tuple(rows),
    )


ALL = {"01": form01, "02": form02, "03": form03, "04": form04, "05": form05, "06": form06, "07": form07}
