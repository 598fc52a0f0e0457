"""What each official form carries, as plain frozen dataclasses.

The rendering core (`rendering.py`, `xlsx.py`) takes only these; nothing here knows a Django model, so a
form can be rendered from a dossier (`builders.py`), from an import, or from test data alike.

Forms and their titles follow Appendix I of Circular 03/2025/TT-VPCP (15 Sep 2025, guiding Decree
118/2025/NĐ-CP), which replaced Circular 01/2018/TT-VPCP: 01 receipt and appointment, 02 supplement
request, 03 refusal, 04 apology and extension, 05 stop notice, 06 control slip, 07 tracking book. The
titles were read from a published list of the appendix; the inner layout of each form follows the
2018 forms (01/2018 numbered them 01–06, without the stop notice) as far as the 2025 text could not be
read. Each template says what it follows and what is unverified.

Datetimes should be timezone-aware (they are shown in Asia/Ho_Chi_Minh); money is integer đồng.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

CIRCULAR = "Thông tư số 03/2025/TT-VPCP"
PREVIOUS_CIRCULAR = "Thông tư số 01/2018/TT-VPCP"


@dataclass(frozen=True, kw_only=True)
class Letterhead:
    """The top of every form: issuing agency (with its parent), number, place and date."""

    agency_name: str
    parent_agency_name: str = ""
    number: str = ""  # "Số: 125/TNHS"; empty → dots to fill by hand
    place: str = ""  # "Hải Phòng" in "Hải Phòng, ngày .. tháng .. năm .."
    issued_at: dt.date | dt.datetime | None = None  # None → "ngày ..... tháng ..... năm ....."


@dataclass(frozen=True, kw_only=True)
class Applicant:
    """The dossier's owner, or their authorised representative when one acts for them."""

    name: str
    address: str = ""
    phone: str = ""
    email: str = ""
    representative_name: str = ""  # "người được ủy quyền", printed when present


@dataclass(frozen=True)
class Component:
    """One document received: name, number of originals, number of copies."""

    name: str
    originals: int = 0
    copies: int = 0


@dataclass(frozen=True)
class Fee:
    """One fee line as printed: its name (never the catalogue's notes), the amount in figures; per-copy
    lines with their quantity and unit price; an exempt line with its exemption and 0 đồng."""

    description: str  # the line's name, e.g. "Lệ phí đăng ký khai sinh"
    amount: int  # đồng
    quantity: int = 1
    unit_amount: int = 0  # đồng per unit (0: not a per-unit line)
    exemption: str = ""  # why it is 0 đồng


@dataclass(frozen=True, kw_only=True)
class Form01Receipt(Letterhead):
    """Mẫu số 01: Giấy tiếp nhận hồ sơ và hẹn trả kết quả."""

    dossier_code: str
    applicant: Applicant
    procedure_name: str
    components: tuple[Component, ...] = ()
    sets: int = 1  # số lượng hồ sơ (bộ)
    processing_time: str = ""  # "15 ngày làm việc", as the catalogue states it
    received_at: dt.datetime
    due_at: dt.datetime
    result_delivery: str = ""  # where/how the result is returned ("Trung tâm Phục vụ hành chính công")
    fees: tuple[Fee, ...] = ()
    lookup_url: str = ""  # encoded in the QR code
    officer_name: str = ""  # người tiếp nhận
    book_entry: str = ""  # "Quyển số 01, số thứ tự 125" in the tracking book

    @property
    def fees_total(self) -> int:
        return sum(f.amount for f in self.fees)


@dataclass(frozen=True)
class MissingItem:
    """One thing the applicant must add or correct, and why."""

    name: str
    reason: str = ""


@dataclass(frozen=True, kw_only=True)
class Form02Supplement(Letterhead):
    """Mẫu số 02: Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ."""

    dossier_code: str
    applicant: Applicant
    procedure_name: str
    submitted_at: dt.datetime | None = None
    items: tuple[MissingItem, ...]
    contact_officer: str = ""
    contact_phone: str = ""
    officer_name: str = ""  # người hướng dẫn


@dataclass(frozen=True, kw_only=True)
class Form03Refusal(Letterhead):
    """Mẫu số 03: Phiếu từ chối tiếp nhận giải quyết hồ sơ."""

    dossier_code: str
    applicant: Applicant
    procedure_name: str
    submitted_at: dt.datetime | None = None
    reasons: tuple[str, ...]
    officer_name: str = ""


@dataclass(frozen=True, kw_only=True)
class Form04Apology(Letterhead):
    """Mẫu số 04: Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết (2025); under 01/2018 it was
    'Phiếu xin lỗi và hẹn lại ngày trả kết quả'."""

    dossier_code: str
    applicant: Applicant
    procedure_name: str
    received_at: dt.datetime
    old_due_at: dt.datetime
    new_due_at: dt.datetime
    reason: str
    # the extension asked for (Circular 03/2025: the letter requests extending the processing time),
    # in words: "02 ngày làm việc"; recorded by the `apologize` action (dossiers/apology.py)
    extension: str = ""
    lookup_url: str = ""
    signer_title: str = "THỦ TRƯỞNG CƠ QUAN"
    signer_name: str = ""


@dataclass(frozen=True, kw_only=True)
class Form05Stop(Letterhead):
    """Mẫu số 05: Thông báo dừng giải quyết hồ sơ (new in 2025)."""

    dossier_code: str
    applicant: Applicant
    procedure_name: str
    received_at: dt.datetime | None = None
    stopped_at: dt.datetime | None = None
    reason: str
    legal_basis: str = ""
    signer_title: str = "THỦ TRƯỞNG CƠ QUAN"
    signer_name: str = ""


class StepOutcome(StrEnum):
    """How a hand-over met its step deadline (the values the dossier events use)."""

    EARLY = "early"
    ON_TIME = "on_time"
    LATE = "late"

    @property
    def label(self) -> str:
        return {"early": "Trước hạn", "on_time": "Đúng hạn", "late": "Quá hạn"}[self.value]


@dataclass(frozen=True, kw_only=True)
class HandoverRow:
    """One hand-over on the control slip: who gave the dossier to whom, when, and against which deadline."""

    step: str  # "Tiếp nhận hồ sơ", "Thẩm định", ...
    from_name: str
    from_unit: str = ""
    to_name: str
    to_unit: str = ""
    handed_at: dt.datetime
    deadline: dt.datetime | None = None
    outcome: StepOutcome | str = ""  # of the step that ended with this hand-over
    note: str = ""

    @property
    def outcome_label(self) -> str:
        return StepOutcome(self.outcome).label if self.outcome else ""


@dataclass(frozen=True, kw_only=True)
class Form06ControlSlip(Letterhead):
    """Mẫu số 06: Phiếu kiểm soát quá trình giải quyết hồ sơ."""

    dossier_code: str
    receipt_number: str = ""  # the number of the form 01 it goes with
    applicant: Applicant
    procedure_name: str
    competent_agency_name: str
    coordinating_agencies: tuple[str, ...] = ()
    received_at: dt.datetime
    due_at: dt.datetime
    rows: tuple[HandoverRow, ...] = ()


@dataclass(frozen=True, kw_only=True)
class TrackingRow:
    """One dossier in the tracking book."""

    dossier_code: str
    procedure_name: str
    sets: int = 1
    applicant_name: str
    address_phone: str = ""
    competent_agency_name: str = ""
    received_at: dt.datetime
    due_at: dt.datetime | None = None
    transferred_at: dt.datetime | None = None  # to the competent agency
    finished_at: dt.datetime | None = None  # result ready (or returned to the applicant unsolved)
    returned_at: dt.datetime | None = None
    note: str = ""


@dataclass(frozen=True, kw_only=True)
class Form07TrackingBook(Letterhead):
    """Mẫu số 07: Sổ theo dõi hồ sơ, for one agency and period (A4 landscape)."""

    period_start: dt.date
    period_end: dt.date
    rows: tuple[TrackingRow, ...] = field(default_factory=tuple)


FORM_TITLES: dict[type, tuple[str, str]] = {
    Form01Receipt: ("01", "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ"),
    Form02Supplement: ("02", "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ"),
    Form03Refusal: ("03", "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ"),
    Form04Apology: ("04", "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT"),
    Form05Stop: ("05", "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ"),
    Form06ControlSlip: ("06", "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ"),
    Form07TrackingBook: ("07", "SỔ THEO DÕI HỒ SƠ"),
}

AnyForm = (
    Form01Receipt
    | Form02Supplement
    | Form03Refusal
    | Form04Apology
    | Form05Stop
    | Form06ControlSlip
    | Form07TrackingBook
)


@dataclass(frozen=True)
class FormTemplate:
    """One version of a form's template: what it follows and since when. A new circular adds a new
    version (a new template file); documents already issued keep the version they were printed with."""

    number: str
    title: str
    template: str  # under templates/
    version: str  # "2025.1"
    circular: str
    valid_from: dt.date
    replaces: str = ""  # the form it replaces under the previous circular


_IN_FORCE = dt.date(2025, 9, 15)  # Circular 03/2025/TT-VPCP (verify the date it took effect)
FORM_TEMPLATES: dict[type, FormTemplate] = {
    Form01Receipt: FormTemplate(
        "01",
        FORM_TITLES[Form01Receipt][1],
        "documents/form01_receipt.html",
        "2025.1",
        CIRCULAR,
        _IN_FORCE,
        f"Mẫu số 01, {PREVIOUS_CIRCULAR}",
    ),
    Form02Supplement: FormTemplate(
        "02",
        FORM_TITLES[Form02Supplement][1],
        "documents/form02_supplement.html",
        "2025.1",
        CIRCULAR,
        _IN_FORCE,
        f"Mẫu số 02, {PREVIOUS_CIRCULAR}",
    ),
    Form03Refusal: FormTemplate(
        "03",
        FORM_TITLES[Form03Refusal][1],
        "documents/form03_refusal.html",
        "2025.1",
        CIRCULAR,
        _IN_FORCE,
        f"Mẫu số 03, {PREVIOUS_CIRCULAR}",
    ),
    Form04Apology: FormTemplate(
        "04",
        FORM_TITLES[Form04Apology][1],
        "documents/form04_apology.html",
        "2025.1",
        CIRCULAR,
        _IN_FORCE,
        f"Mẫu số 04 (Phiếu xin lỗi và hẹn lại ngày trả kết quả), {PREVIOUS_CIRCULAR}",
    ),
    Form05Stop: FormTemplate(
        "05", FORM_TITLES[Form05Stop][1], "documents/form05_stop.html", "2025.1", CIRCULAR, _IN_FORCE
    ),
    Form06ControlSlip: FormTemplate(
        "06",
        FORM_TITLES[Form06ControlSlip][1],
        "documents/form06_control_slip.html",
        "2025.1",
        CIRCULAR,
        _IN_FORCE,
        f"Mẫu số 05, {PREVIOUS_CIRCULAR}",
    ),
    Form07TrackingBook: FormTemplate(
        "07",
        FORM_TITLES[Form07TrackingBook][1],
        "documents/form07_tracking_book.html",
        "2025.1",
        CIRCULAR,
        _IN_FORCE,
        f"Mẫu số 06, {PREVIOUS_CIRCULAR}",
    ),
}


def template_of(form: AnyForm) -> FormTemplate:
    """The template version a form is printed with (the one in force)."""
    return FORM_TEMPLATES[type(form)]


def form_number(form: AnyForm) -> str:
    return FORM_TITLES[type(form)][0]


def form_title(form: AnyForm) -> str:
    return FORM_TITLES[type(form)][1]
