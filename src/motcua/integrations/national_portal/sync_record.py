"""THE reading of a national-portal `DongBoHoSoMC` record (DOMAIN.md §7 field names): one parser and
validator for both doors that take such records — dossiers forwarded by the portal
(`POST /api/v1/integrations/dvcqg/dossiers`, `inbound.py`) and history imported from another system
(`manage.py import_dossiers`, `importing.py`).

`read_record(data, purpose=INBOUND | IMPORT)` returns a `SyncRecord` (typed, dates as aware UTC
datetimes, agencies and the procedure looked up) or raises `RecordInvalid` listing EVERY problem found,
each `{"field": "<path>", "code", "message" (vi), "message_en"}`; the path names the field as the portal
spells it (`TaiLieuNop[2].NoiDungTep`, `DanhSachHoSoBoSung[0].NgayTiepNhanBoSung`).

Fields read (all strings unless said; dates `yyyyMMddHHmmss`, 24-hour, Asia/Ho_Chi_Minh):
- `MaHoSo` (required): the dossier's code, kept as ours: 1–40 of `A–Z a–z 0–9 . - _`;
- `MaTTHC` (required): a procedure in force in our catalogue; `TrichYeuHoSo` (≤ 500 characters);
- `ChuHoSo` (required), `LoaiDoiTuong` 1 citizen, 2 business, 3 state agency, 4 other organisation;
  the ID number from `SoGiayToChuHoSo`, else `MaDoiTuong`, else `DinhDanhCHS[]` (12-digit personal ID
  for a citizen, tax code for an organisation — real numbers only), `Email`, `SoDienThoai`, `DiaChi`;
- `DonViXuLy` (required): the competent agency's identifier (`XXX.YY.ZZ.Hnn`; the exact name is
  accepted too, as our own outbound records carry it); `NoiNopHoSo`: the receiving agency's;
- `KenhThucHien` 1 in person, 2 online, 3 post; `TrangThaiHoSo` 1–10 (DOMAIN.md §5);
- `NgayNopHoSo`, `NgayTiepNhan`, `NgayHenTra`, `NgayTuChoi`, `NgayKetThucXuLy` (end of processing, or
  of a withdrawal / stop), `NgayTra`;
- `TaiLieuNop[]`: `TenTepDinhKem` (file name), `MaThanhPhanHoSo` (the catalogue component's position)
  or `TenThanhPhanHoSo` (its name), `DuocSoHoa`, `DuocTaiSuDung`, `DuocLayTuKhoDMQG` ("1"/"0"), and
  the file as `NoiDungTep` (base64) or `DuongDanTaiTepTin` (a URL; inbound only, fetched by
  `inbound.py` from the allow-listed prefixes; an IMPORT refuses a URL, `url_not_fetched`: the import
  never fetches, the file's content must be in the record);
- `DanhSachLePhi[]`: `TenPhiLePhi`, `LoaiPhiLePhi`, `Gia` (integer đồng, 0 … 10 billion);
- `DanhSachHoSoBoSung[]`: one per supplement round, `NgayBoSung` when it was requested,
  `NgayTiepNhanBoSung` when the supplement arrived (empty while waiting), `LyDo`/`NoiDungBoSung`;
- `DanhSachGiayToKetQua[]`: `TenGiayTo`, `SoKyHieu` or `MaGiayToKetQua`, `DuongDanTep` (an e-result);
- `DuocThanhToanTrucTuyen` 0/1/2; `DuLieuBieuMau` (an object: the e-form's data, an extension of ours).

Rules by purpose: an INBOUND record is a new dossier (status 1 or none, channel 2 or none, no receipt,
end, supplement or result yet). An IMPORT record is a dossier's whole history: its status, channel and
the dates that status implies (received → `NgayTiepNhan`; 3 → `NgayTuChoi` or `NgayKetThucXuLy`; 7, 8,
9, 10 → `NgayKetThucXuLy`; 10 → `NgayTra`), in order, the supplement rounds inside the life and not
overlapping, only the last one open (and open exactly when the status is 5, or the life ended while
waiting: 3, 7, 8).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from motcua.catalog.selectors import VersionRules, current_version_ref, version_rules
from motcua.core.bad_input import check_json_value, control_characters_in
from motcua.organizations.models import Agency, ApplicantKind
from motcua.organizations.validators import (
    AGENCY_IDENTIFIER_RE,
    ascii_digits,
    validate_citizen_id,
    validate_phone,
    validate_tax_code,
)

VN = ZoneInfo("Asia/Ho_Chi_Minh")
INBOUND = "inbound"
IMPORT = "import"

CODE_RE = re.compile(r"^[A-Za-z0-9._-]{1,40}$", re.ASCII)
DATE_RE = re.compile(r"^[0-9]{14}$", re.ASCII)
MAX_AMOUNT_DONG = 10_000_000_000
# National statuses after which the dossier's life is over (DOMAIN.md §5).
ENDED = frozenset({3, 7, 8, 9, 10})
# Statuses whose life may end while a supplement round is still open.
ENDS_WHILE_WAITING = frozenset({3, 7, 8})
CHANNELS = {"1": "in_person", "2": "online", "3": "post"}
# LoaiDoiTuong → the kind of applicant we keep (a business, a state agency, another organisation: all
# identified by their tax code).
APPLICANT_KINDS = {
    "1": ApplicantKind.CITIZEN,
    "2": ApplicantKind.ORGANISATION,
    "3": ApplicantKind.ORGANISATION,
    "4": ApplicantKind.ORGANISATION,
}
DATE_FIELDS = ("NgayNopHoSo", "NgayTiepNhan", "NgayHenTra", "NgayTuChoi", "NgayKetThucXuLy", "NgayTra")
# Fields whose (large) values are replaced by their digest in what is stored and fingerprinted.
FILE_CONTENT = "NoiDungTep"


@dataclass(frozen=True)
class Problem:
    field: str
    code: str
    message: str
    message_en: str

    def as_dict(self) -> dict:
        return {
            "field": self.field,
            "code": self.code,
            "message": self.message,
            "message_en": self.message_en,
        }


class RecordInvalid(Exception):
    """The record is refused; `problems` lists every reason (never empty)."""

    def __init__(self, problems: list[Problem], *, partial: dict | None = None):
        super().__init__("; ".join(f"{p.field}: {p.message_en}" for p in problems))
        self.problems = problems
        # what was read anyway (`rules`, `documents`, `eform`), so the caller can add the e-form's and
        # the components' verdicts to the same list (inbound.py, completeness.py)
        self.partial = partial or {}

    @property
    def message_vi(self) -> str:
        return "; ".join(f"{p.field}: {p.message}" if p.field else p.message for p in self.problems)

    @property
    def message_en(self) -> str:
        return "; ".join(f"{p.field}: {p.message_en}" if p.field else p.message_en for p in self.problems)

    def as_list(self) -> list[dict]:
        return [p.as_dict() for p in self.problems]


@dataclass
class ApplicantData:
    kind: str  # ApplicantKind
    full_name: str
    id_number: str = ""
    tax_code: str = ""
    email: str = ""
    phone: str = ""
    address: str = ""


@dataclass
class Document:
    """One `TaiLieuNop` item: the catalogue position it belongs to (None: not in the catalogue), its
    name, flags, and its file (bytes decoded from base64, or a URL still to fetch)."""

    path: str
    position: int | None
    name: str
    file_name: str = ""
    digitised: bool = False
    reused_from_store: bool = False
    content: bytes | None = None
    url: str = ""


@dataclass
class Fee:
    name: str
    kind: str
    amount: int


@dataclass
class SupplementRound:
    requested_at: datetime
    received_at: datetime | None
    reason: str


@dataclass
class ResultDocument:
    name: str
    number: str
    electronic: bool


@dataclass
class SyncRecord:
    code: str
    rules: VersionRules
    summary: str
    applicant: ApplicantData
    competent: Agency
    receiving: Agency | None
    status: int
    channel: str  # "in_person" / "online" / "post" (KenhThucHien)
    submitted_at: datetime | None = None
    received_at: datetime | None = None
    due_at: datetime | None = None
    refused_at: datetime | None = None
    ended_at: datetime | None = None
    returned_at: datetime | None = None
    documents: list[Document] = field(default_factory=list)
    fees: list[Fee] = field(default_factory=list)
    supplements: list[SupplementRound] = field(default_factory=list)
    results: list[ResultDocument] = field(default_factory=list)
    online_payment: str = "0"
    eform: dict = field(default_factory=dict)
    fingerprint: str = ""
    stored: dict = field(default_factory=dict)  # the record as kept (file contents as digests)


# ----- helpers -----------------------------------------------------------------------------------


def portal_datetime(text: str) -> datetime:
    """`yyyyMMddHHmmss` (Vietnam time) → an aware UTC datetime; ValueError when not a real time."""
    if not DATE_RE.match(text):
        raise ValueError(text)
    return datetime.strptime(text, "%Y%m%d%H%M%S").replace(tzinfo=VN).astimezone(UTC)


def stored_form(data: dict) -> dict:
    """The record as we keep and fingerprint it: base64 file contents replaced by their SHA-256."""

    def strip(value):
        if isinstance(value, dict):
            out = {}
            for key, item in value.items():
                if key == FILE_CONTENT and isinstance(item, str):
                    out[key] = "sha256:" + hashlib.sha256(item.encode()).hexdigest()
                else:
                    out[key] = strip(item)
            return out
        if isinstance(value, list):
            return [strip(v) for v in value]
        if isinstance(value, str):
            return unicodedata.normalize("NFC", value)
        return value

    return strip(data)


def fingerprint(data) -> str:
    """SHA-256 (hex) of the record's canonical JSON (keys sorted, NFC text, file contents digested):
    the same record sent twice has the same fingerprint, whatever its key order."""
    text = json.dumps(
        stored_form(data) if isinstance(data, dict) else data, sort_keys=True, ensure_ascii=False
    )
    return hashlib.sha256(text.encode()).hexdigest()


def _flag(value) -> bool:
    return str(value).strip() in {"1", "true", "True"}


# Free-text fields that may hold line breaks (tab, LF, CR); every other field is one line.
MULTILINE_FIELDS = frozenset({"TrichYeuHoSo", "LyDo", "NoiDungBoSung"})


class _Reader:
    """Reads fields of one object, collecting problems instead of stopping at the first."""

    def __init__(self, problems: list[Problem], prefix: str = ""):
        self.problems = problems
        self.prefix = prefix

    def path(self, key: str) -> str:
        return f"{self.prefix}.{key}" if self.prefix else key

    def add(self, key: str, code: str, vi: str, en: str) -> None:
        self.problems.append(Problem(self.path(key) if key else self.prefix, code, vi, en))

    def text(self, data: dict, key: str, *, required: bool = False, max_length: int = 255) -> str:
        value = data.get(key)
        if value is None or value == "":
            if required:
                self.add(key, "required", "Bắt buộc phải có.", "Required.")
            return ""
        if isinstance(value, bool) or not isinstance(value, str | int):
            self.add(key, "not_text", "Phải là chuỗi ký tự.", "Must be a string.")
            return ""
        value = unicodedata.normalize("NFC", str(value)).strip()
        if control_characters_in(value, text=key in MULTILINE_FIELDS):
            self.add(
                key,
                "control_character",
                "Chứa ký tự điều khiển không được phép (ví dụ NUL, xuống dòng trong tên).",
                "Holds a control character that is not allowed (e.g. NUL, a line break in a name).",
            )
            return ""
        if required and not value:
            self.add(key, "required", "Bắt buộc phải có.", "Required.")
        if len(value) > max_length:
            self.add(
                key,
                "too_long",
                f"Dài quá {max_length} ký tự.",
                f"Longer than {max_length} characters.",
            )
            return value[:max_length]
        return value

    def date(self, data: dict, key: str, *, required: bool = False) -> datetime | None:
        value = self.text(data, key, required=required, max_length=20)
        if not value:
            return None
        try:
            return portal_datetime(value)
        except ValueError:
            self.add(
                key,
                "invalid_date",
                f"Ngày giờ «{value}» không đúng dạng yyyyMMddHHmmss (24 giờ, giờ Việt Nam).",
                f"Date-time {value!r} is not yyyyMMddHHmmss (24-hour, Vietnam time).",
            )
            return None

    def items(self, data: dict, key: str) -> list[tuple[str, dict]]:
        value = data.get(key)
        if value in (None, ""):
            return []
        if not isinstance(value, list):
            self.add(key, "not_list", "Phải là một danh sách.", "Must be a list.")
            return []
        out = []
        for i, item in enumerate(value):
            path = f"{self.path(key)}[{i}]"
            if not isinstance(item, dict):
                self.problems.append(
                    Problem(path, "not_object", "Phải là một đối tượng.", "Must be an object.")
                )
                continue
            out.append((path, item))
        return out


def _agency(reader: _Reader, data: dict, key: str, *, required: bool) -> Agency | None:
    value = reader.text(data, key, required=required)
    if not value:
        return None
    if AGENCY_IDENTIFIER_RE.match(value):
        found = Agency.objects.filter(identifier=value).first()
    else:
        found = Agency.objects.filter(name=value).first()
    if found is None:
        reader.add(
            key,
            "unknown_agency",
            f"Không có cơ quan có mã định danh «{value}».",
            f"No agency with the identifier {value!r}.",
        )
    return found


def _applicant(reader: _Reader, data: dict) -> ApplicantData:
    name = reader.text(data, "ChuHoSo", required=True)
    kind_code = reader.text(data, "LoaiDoiTuong", max_length=2) or "1"
    kind = APPLICANT_KINDS.get(kind_code)
    if kind is None:
        reader.add(
            "LoaiDoiTuong",
            "invalid_choice",
            "Loại đối tượng phải là 1, 2, 3 hoặc 4.",
            "LoaiDoiTuong must be 1, 2, 3 or 4.",
        )
        kind = ApplicantKind.CITIZEN
    number = ascii_digits(reader.text(data, "SoGiayToChuHoSo", max_length=20))
    where = "SoGiayToChuHoSo"
    if not number:
        number, where = ascii_digits(reader.text(data, "MaDoiTuong", max_length=20)), "MaDoiTuong"
    if not number:
        wanted = "1" if kind == ApplicantKind.CITIZEN else "2"
        for path, item in reader.items(data, "DinhDanhCHS"):
            if str(item.get("LoaiDinhDanh", "")).strip() == wanted and item.get("SoDinhDanh"):
                number, where = ascii_digits(str(item["SoDinhDanh"]).strip()), f"{path}.SoDinhDanh"
                break
    applicant = ApplicantData(kind=kind, full_name=name)
    if not number:
        reader.add(
            "SoGiayToChuHoSo",
            "id_required",
            "Cần số định danh thật của chủ hồ sơ (CCCD 12 số, hoặc mã số thuế của tổ chức).",
            "The applicant's real ID number is required (a 12-digit personal ID, or an organisation's "
            "tax code).",
        )
    else:
        validator = validate_citizen_id if kind == ApplicantKind.CITIZEN else validate_tax_code
        try:
            validator(number)
        except ValidationError as exc:
            vi, _sep, en = exc.messages[0].partition(" / ")
            reader.problems.append(
                Problem(reader.path(where) if "[" not in where else where, exc.code, vi, en or vi)
            )
        if kind == ApplicantKind.CITIZEN:
            applicant.id_number = number
        else:
            applicant.tax_code = number
    email = reader.text(data, "Email", max_length=254)
    if email:
        try:
            validate_email(email)
            applicant.email = email
        except ValidationError:
            reader.add(
                "Email", "invalid_email", "Địa chỉ thư điện tử không hợp lệ.", "Invalid e-mail address."
            )
    phone = ascii_digits(reader.text(data, "SoDienThoai", max_length=20)).replace(" ", "").replace(".", "")
    if phone:
        try:
            validate_phone(phone)
            applicant.phone = phone
        except ValidationError:
            reader.add(
                "SoDienThoai",
                "invalid_phone",
                "Số điện thoại không hợp lệ (ví dụ 0912345678).",
                "Invalid phone number (e.g. 0912345678).",
            )
    applicant.address = reader.text(data, "DiaChi")
    return applicant


def _documents(reader: _Reader, data: dict, rules: VersionRules | None, purpose: str) -> list[Document]:
    by_name = {
        unicodedata.normalize("NFC", n).casefold(): p for p, n in (rules.components if rules else {}).items()
    }
    out = []
    for path, item in reader.items(data, "TaiLieuNop"):
        r = _Reader(reader.problems, path)
        file_name = r.text(item, "TenTepDinhKem")
        component = r.text(item, "MaThanhPhanHoSo", max_length=20)
        component_name = r.text(item, "TenThanhPhanHoSo", max_length=500)
        position = None
        if component:
            digits = ascii_digits(component)
            if digits.isascii() and digits.isdigit() and rules and int(digits) in rules.components:
                position = int(digits)
        elif component_name:
            position = by_name.get(component_name.casefold())
        if position is None and purpose == INBOUND and rules is not None:
            r.add(
                "MaThanhPhanHoSo",
                "unknown_component",
                "Không khớp thành phần hồ sơ nào của thủ tục (số thứ tự hoặc tên thành phần).",
                "Matches no component of the procedure (its position or its name).",
            )
        name = (rules.components.get(position) if rules and position else "") or component_name or file_name
        doc = Document(
            path=path,
            position=position,
            name=name[:500] or "Tài liệu",
            file_name=file_name,
            digitised=_flag(item.get("DuocSoHoa")),
            reused_from_store=_flag(item.get("DuocLayTuKhoDMQG")) or _flag(item.get("DuocTaiSuDung")),
        )
        content = item.get(FILE_CONTENT)
        url = r.text(item, "DuongDanTaiTepTin", max_length=2000)
        if content not in (None, ""):
            if not isinstance(content, str):
                r.add(
                    FILE_CONTENT,
                    "not_text",
                    "Nội dung tệp phải là chuỗi base64.",
                    "The file must be base64 text.",
                )
            else:
                try:
                    doc.content = base64.b64decode(content, validate=True)
                except (binascii.Error, ValueError):
                    r.add(
                        FILE_CONTENT,
                        "invalid_base64",
                        "Nội dung tệp không phải base64 hợp lệ.",
                        "Not valid base64.",
                    )
        if url:
            if doc.content is not None:
                r.add(
                    "DuongDanTaiTepTin",
                    "two_sources",
                    "Chỉ gửi nội dung tệp hoặc đường dẫn, không gửi cả hai.",
                    "Send the file's content or its URL, not both.",
                )
            elif not url.lower().startswith(("https://", "http://")):
                r.add(
                    "DuongDanTaiTepTin", "invalid_url", "Đường dẫn tệp không hợp lệ.", "Not an http(s) URL."
                )
            elif purpose == IMPORT:
                r.add(
                    "DuongDanTaiTepTin",
                    "url_not_fetched",
                    "Nhập dữ liệu lịch sử không tải tệp theo đường dẫn: hãy đưa nội dung tệp vào NoiDungTep "
                    "(base64), hoặc bỏ đường dẫn (thành phần vẫn được ghi, không có tệp).",
                    "The history import does not fetch files by URL: put the file's content in NoiDungTep "
                    "(base64), or drop the URL (the component is still recorded, without a file).",
                )
            else:
                doc.url = url
        if purpose == INBOUND and doc.content is None and not doc.url and not doc.reused_from_store:
            r.add(
                FILE_CONTENT,
                "file_required",
                "Thiếu tệp: gửi nội dung (base64) hoặc đường dẫn tải tệp.",
                "The file is missing: send its content (base64) or its URL.",
            )
        if doc.content is not None and not file_name:
            r.add("TenTepDinhKem", "required", "Cần tên tệp.", "The file name is required.")
        out.append(doc)
    return out


def _fees(reader: _Reader, data: dict) -> list[Fee]:
    out = []
    for path, item in reader.items(data, "DanhSachLePhi"):
        r = _Reader(reader.problems, path)
        raw = item.get("Gia")
        amount = None
        if isinstance(raw, int) and not isinstance(raw, bool):
            amount = raw
        elif isinstance(raw, str) and raw.strip().isascii() and raw.strip().isdigit():
            amount = int(raw.strip())
        if amount is None or not 0 <= amount <= MAX_AMOUNT_DONG:
            r.add(
                "Gia",
                "invalid_amount",
                "Số tiền phải là số nguyên đồng từ 0 đến 10.000.000.000.",
                "The amount must be whole đồng from 0 to 10,000,000,000.",
            )
            continue
        out.append(
            Fee(
                name=r.text(item, "TenPhiLePhi", max_length=500),
                kind=r.text(item, "LoaiPhiLePhi", max_length=16) or "fee",
                amount=amount,
            )
        )
    return out


def _supplements(reader: _Reader, data: dict) -> list[SupplementRound]:
    out = []
    for path, item in reader.items(data, "DanhSachHoSoBoSung"):
        r = _Reader(reader.problems, path)
        asked = r.date(item, "NgayBoSung", required=True)
        got = r.date(item, "NgayTiepNhanBoSung")
        reason = r.text(item, "LyDo", max_length=2000) or r.text(item, "NoiDungBoSung", max_length=2000)
        if asked and got and got < asked:
            r.add(
                "NgayTiepNhanBoSung",
                "before_request",
                "Ngày nhận bổ sung trước ngày yêu cầu bổ sung.",
                "The supplement arrived before it was requested.",
            )
        if asked:
            out.append(SupplementRound(asked, got, reason))
    return out


def _results(reader: _Reader, data: dict) -> list[ResultDocument]:
    out = []
    for path, item in reader.items(data, "DanhSachGiayToKetQua"):
        r = _Reader(reader.problems, path)
        name = r.text(item, "TenGiayTo", max_length=500)
        number = r.text(item, "SoKyHieu", max_length=100) or r.text(item, "MaGiayToKetQua", max_length=100)
        link = r.text(item, "DuongDanTep", max_length=2000)
        out.append(ResultDocument(name=name, number=number, electronic=bool(link)))
    return out


def _procedure(reader: _Reader, data: dict) -> VersionRules | None:
    code = reader.text(data, "MaTTHC", required=True, max_length=40)
    if not code:
        return None
    ref = current_version_ref(code)
    if ref is None:
        reader.add(
            "MaTTHC",
            "unknown_procedure",
            f"Không có thủ tục «{code}» đang áp dụng.",
            f"No procedure {code!r} in force.",
        )
        return None
    return version_rules(*ref)


# ----- the one entry -----------------------------------------------------------------------------


def read_record(data, *, purpose: str, now: datetime | None = None) -> SyncRecord:
    """The record read and checked for `purpose` (INBOUND or IMPORT); RecordInvalid lists every problem.

    Reads the database (procedure, agencies) but writes nothing. `now` bounds the dates an IMPORT may
    carry (nothing received or ended in the future)."""
    problems: list[Problem] = []
    if not isinstance(data, dict):
        raise RecordInvalid(
            [
                Problem(
                    "", "not_object", "Bản ghi phải là một đối tượng JSON.", "A record must be a JSON object."
                )
            ]
        )
    refusal = check_json_value(data)  # what the API's middleware checks, for records from a file too
    if refusal is not None:
        raise RecordInvalid([Problem("", refusal.code, refusal.detail, refusal.detail_en)])
    r = _Reader(problems)
    code = r.text(data, "MaHoSo", required=True, max_length=40)
    if code and not CODE_RE.match(code):
        r.add(
            "MaHoSo",
            "invalid_code",
            "Mã hồ sơ chỉ gồm chữ, số và . - _ (tối đa 40 ký tự).",
            "A dossier code holds only letters, digits and . - _ (at most 40 characters).",
        )
    rules = _procedure(r, data)
    applicant = _applicant(r, data)
    competent = _agency(r, data, "DonViXuLy", required=True)
    receiving = _agency(r, data, "NoiNopHoSo", required=False)
    dates = {key: r.date(data, key) for key in DATE_FIELDS}
    status_text = r.text(data, "TrangThaiHoSo", max_length=3)
    channel_code = r.text(data, "KenhThucHien", max_length=2)
    status = None
    if status_text:
        if status_text.isascii() and status_text.isdigit() and 1 <= int(status_text) <= 10:
            status = int(status_text)
        else:
            r.add(
                "TrangThaiHoSo",
                "invalid_status",
                "Trạng thái phải từ 1 đến 10.",
                "The status must be 1 to 10.",
            )
    if channel_code and channel_code not in CHANNELS:
        r.add(
            "KenhThucHien",
            "invalid_channel",
            "Kênh thực hiện phải là 1, 2 hoặc 3.",
            "KenhThucHien must be 1, 2 or 3.",
        )
    documents = _documents(r, data, rules, purpose)
    fees = _fees(r, data)
    supplements = _supplements(r, data)
    results = _results(r, data)
    payment = r.text(data, "DuocThanhToanTrucTuyen", max_length=2) or "0"
    if payment not in {"0", "1", "2"}:
        r.add(
            "DuocThanhToanTrucTuyen",
            "invalid_choice",
            "Phải là 0, 1 hoặc 2.",
            "Must be 0, 1 or 2.",
        )
        payment = "0"
    eform = data.get("DuLieuBieuMau") or {}
    if not isinstance(eform, dict):
        r.add("DuLieuBieuMau", "not_object", "Dữ liệu biểu mẫu phải là một đối tượng.", "Must be an object.")
        eform = {}

    if purpose == INBOUND:
        _inbound_rules(r, status, channel_code, dates, supplements, results)
        status = 1
        channel = "national_portal"
    else:
        status, channel = _import_rules(r, status, channel_code, dates, supplements, now)

    if problems:
        raise RecordInvalid(
            problems,
            partial={"rules": rules, "documents": documents, "eform": data.get("DuLieuBieuMau")},
        )
    return SyncRecord(
        code=code,
        rules=rules,
        summary=r.text(data, "TrichYeuHoSo", max_length=500),
        applicant=applicant,
        competent=competent,
        receiving=receiving,
        status=status,
        channel=channel,
        submitted_at=dates["NgayNopHoSo"],
        received_at=dates["NgayTiepNhan"],
        due_at=dates["NgayHenTra"],
        refused_at=dates["NgayTuChoi"],
        ended_at=dates["NgayKetThucXuLy"],
        returned_at=dates["NgayTra"],
        documents=documents,
        fees=fees,
        supplements=supplements,
        results=results,
        online_payment=payment,
        eform=eform,
        fingerprint=fingerprint(data),
        stored=stored_form(data),
    )


def _inbound_rules(r: _Reader, status, channel_code, dates, supplements, results) -> None:
    if status not in (None, 1):
        r.add(
            "TrangThaiHoSo",
            "not_new",
            "Hồ sơ chuyển từ Cổng DVCQG phải ở trạng thái 1 (mới đăng ký).",
            "A dossier forwarded by the national portal must have status 1 (new).",
        )
    if channel_code not in ("", "2"):
        r.add(
            "KenhThucHien",
            "not_online",
            "Hồ sơ từ Cổng DVCQG là hồ sơ trực tuyến (kênh 2).",
            "A dossier from the national portal is online (channel 2).",
        )
    for key in ("NgayTiepNhan", "NgayTuChoi", "NgayKetThucXuLy", "NgayTra"):
        if dates[key] is not None:
            r.add(key, "not_new", "Hồ sơ mới chưa có ngày này.", "A new dossier has no such date yet.")
    if supplements:
        r.add(
            "DanhSachHoSoBoSung",
            "not_new",
            "Hồ sơ mới chưa có lần bổ sung.",
            "A new dossier has no supplement round.",
        )
    if results:
        r.add(
            "DanhSachGiayToKetQua",
            "not_new",
            "Hồ sơ mới chưa có kết quả.",
            "A new dossier has no result yet.",
        )


def _import_rules(r: _Reader, status, channel_code, dates, supplements, now) -> tuple[int, str]:
    if status is None:
        if not r.problems or all(p.field != "TrangThaiHoSo" for p in r.problems):
            r.add("TrangThaiHoSo", "required", "Bắt buộc phải có.", "Required.")
        status = 0
    if not channel_code:
        r.add("KenhThucHien", "required", "Bắt buộc phải có.", "Required.")
    channel = CHANNELS.get(channel_code, "in_person")
    received, ended, returned = dates["NgayTiepNhan"], dates["NgayKetThucXuLy"], dates["NgayTra"]
    submitted, refused = dates["NgayNopHoSo"], dates["NgayTuChoi"]

    def need(key, why_vi, why_en):
        if dates[key] is None and not any(p.field == key for p in r.problems):
            r.add(key, "required", f"Bắt buộc khi {why_vi}.", f"Required when {why_en}.")

    if status and status not in (1, 3):
        need("NgayTiepNhan", f"trạng thái là {status}", f"the status is {status}")
    if status == 3 and refused is None:
        need(
            "NgayKetThucXuLy",
            "hồ sơ bị từ chối (hoặc có NgayTuChoi)",
            "the dossier was refused (or give NgayTuChoi)",
        )
    if status in (7, 8, 9, 10):
        need("NgayKetThucXuLy", f"trạng thái là {status}", f"the status is {status}")
    if status == 10:
        need("NgayTra", "đã trả kết quả", "the result was returned")
    if status == 1 and received is not None:
        r.add(
            "NgayTiepNhan",
            "not_received",
            "Hồ sơ trạng thái 1 chưa được tiếp nhận.",
            "A status 1 dossier is not received yet.",
        )
    order = [
        ("NgayNopHoSo", submitted),
        ("NgayTiepNhan", received),
        ("NgayKetThucXuLy", ended if status in ENDED else None),
        ("NgayTra", returned),
    ]
    last_key, last = None, None
    for key, value in order:
        if value is None:
            continue
        if last is not None and value < last:
            r.add(key, "out_of_order", f"Trước {last_key}.", f"Earlier than {last_key}.")
        last_key, last = key, value
    if now is not None:
        for key in ("NgayNopHoSo", "NgayTiepNhan", "NgayTuChoi", "NgayKetThucXuLy", "NgayTra"):
            if dates[key] is not None and dates[key] > now:
                r.add(key, "in_future", "Ngày trong tương lai.", "A date in the future.")
    end = ended if status in ENDED else None
    if status == 3:
        end = refused or ended
    previous = None
    for i, round_ in enumerate(supplements):
        path = f"DanhSachHoSoBoSung[{i}]"
        if previous is not None and (
            previous.received_at is None or round_.requested_at < previous.received_at
        ):
            r.problems.append(
                Problem(
                    f"{path}.NgayBoSung",
                    "overlapping_rounds",
                    "Lần bổ sung này bắt đầu khi lần trước chưa xong.",
                    "This round starts before the previous one was completed.",
                )
            )
        if submitted is not None and round_.requested_at < submitted:
            r.problems.append(
                Problem(
                    f"{path}.NgayBoSung", "out_of_order", "Trước ngày nộp hồ sơ.", "Earlier than NgayNopHoSo."
                )
            )
        if end is not None and (
            round_.requested_at > end or (round_.received_at and round_.received_at > end)
        ):
            r.problems.append(
                Problem(path, "after_end", "Sau khi hồ sơ đã kết thúc.", "After the dossier's life ended.")
            )
        if (
            received is not None
            and round_.requested_at < received
            and (round_.received_at is None or round_.received_at > received)
        ):
            r.problems.append(
                Problem(
                    path,
                    "spans_receipt",
                    "Lần bổ sung trước tiếp nhận phải xong trước ngày tiếp nhận.",
                    "A round before receipt must be completed before NgayTiepNhan.",
                )
            )
        previous = round_
    open_round = bool(supplements) and supplements[-1].received_at is None
    if status == 5 and not open_round:
        r.add(
            "DanhSachHoSoBoSung",
            "no_open_round",
            "Trạng thái 5 cần một lần bổ sung đang chờ (NgayTiepNhanBoSung trống).",
            "Status 5 needs a round still waiting (NgayTiepNhanBoSung empty).",
        )
    if open_round and status not in ({5} | ENDS_WHILE_WAITING):
        r.add(
            "DanhSachHoSoBoSung",
            "open_round",
            "Lần bổ sung cuối chưa có NgayTiepNhanBoSung nhưng trạng thái không phải 5.",
            "The last round has no NgayTiepNhanBoSung but the status is not 5.",
        )
    return status, channel
