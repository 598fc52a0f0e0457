"""The national catalogue's record layout (the shape `LayThuTuc` returns), mapped to and from a ProcedureSpec.

Pure: no database. `parse_record` turns one JSON record into a ProcedureSpec and collects *every* problem
it finds (with the record's field path and a Vietnamese and an English message) instead of stopping at the
first; `spec_to_record` is the way back. Exporting a spec and parsing the result gives an equal spec.

Tolerant of what real exports contain (numbers as strings, "8.000" for eight thousand, a single object
where a list is expected, spelling variants of levels and units), strict about what matters (codes, names,
amounts, time units, one level, one sector, agency identifiers). Keys we added that the national layout
does not have are listed in EXTENSION_KEYS and in docs/catalog-format.md.
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from pydantic import ValidationError

from motcua.core.choices import CHANNEL_FROM_NATIONAL_CODE, CHANNEL_NATIONAL_CODE, Channel
from motcua.core.text import fold
from motcua.organizations.validators import AGENCY_IDENTIFIER_RE

from .models import PROCEDURE_CODE_RE, FeeBasis, FeeKind, Level, OnlineKind, TimeUnit
from .spec import ComponentSpec, FeeSpec, LegalBasisSpec, ProcedureSpec, ResultSpec, TimeSpec

# Keys of our own, not (as far as we know) in the national layout. Importers of the national layout ignore
# keys they do not know; we read them back so that an export re-imports to the same content.
EXTENSION_KEYS = {
    "MUCDODVC": "mức độ dịch vụ công trực tuyến: TOANTRINH, MOTPHAN hoặc rỗng",
    "NOITIEPNHAN": "nơi tiếp nhận hồ sơ [{MADONVI, TENDONVI}]",
    "MOTA": "mô tả thủ tục",
    "NGUONTHONGTIN": "nguồn thông tin",
    "BIEUMAUDIENTU": "biểu mẫu điện tử (danh sách đối tượng JSON)",
    "PHILEPHI": "phí, lệ phí áp dụng cho mọi cách thức khi thủ tục không có cách thức nào",
    "PHILEPHI[].LOAIPHI": "Phí hoặc Lệ phí",
    "PHILEPHI[].MOIKENH": "true: khoản này áp dụng cho mọi cách thức (được lặp lại ở mỗi cách thức)",
    "PHILEPHI[].THUTU": "thứ tự của khoản phí trong thủ tục (1, 2, …)",
    "PHILEPHI[].TENPHI": "tên khoản thu in trên giấy tờ (MOTA là ghi chú, không in như số tiền)",
    "PHILEPHI[].CACHTINH": "MOIHOSO (mỗi hồ sơ) hoặc THEOSOLUONG (theo số bản, số lượng)",
    "PHILEPHI[].TRUONGSOLUONG": "trường của biểu mẫu điện tử cho số lượng (ví dụ so_ban_sao)",
    "PHILEPHI[].MIENGIAM": "trường hợp miễn [{MA, TEN, TRUONG}] (TRUONG: ô đánh dấu của biểu mẫu)",
}
BASIS_LABEL = {FeeBasis.FIXED: "MOIHOSO", FeeBasis.PER_UNIT: "THEOSOLUONG"}
# A national record has no basis: an amount "per copy/page/case" in its note is charged per unit, the
# quantity read from the e-form's copies field (the house convention).
_PER_UNIT_NOTE = re.compile(r"(đ|đồng|d|dong)\s*/\s*(bản|ban)\b", re.IGNORECASE)
DEFAULT_QUANTITY_FIELD = "so_ban_sao"

LEVEL_LABEL = {Level.PROVINCE: "Cấp Tỉnh", Level.COMMUNE: "Cấp Xã"}
UNIT_LABEL = {
    TimeUnit.WORKING_DAY: "Ngày làm việc",
    TimeUnit.WORKING_HOUR: "Giờ làm việc",
    TimeUnit.DAY: "Ngày",
    TimeUnit.HALF_DAY: "Buổi làm việc",
    TimeUnit.SAME_DAY: "Trong ngày",
    TimeUnit.MONTH: "Tháng",
}
UNITS_TEXT = ", ".join(UNIT_LABEL.values())
ONLINE_LABEL = {OnlineKind.FULL: "TOANTRINH", OnlineKind.PARTIAL: "MOTPHAN", OnlineKind.NONE: ""}
FEE_KIND_LABEL = {FeeKind.FEE: "Phí", FeeKind.CHARGE: "Lệ phí"}
CURRENCY_LABEL = "Đồng"

_UNIT_BY_FOLDED = {
    "ngay lam viec": TimeUnit.WORKING_DAY,
    "ngay lam viec (ngay)": TimeUnit.WORKING_DAY,
    "gio lam viec": TimeUnit.WORKING_HOUR,
    "gio": TimeUnit.WORKING_HOUR,
    "ngay": TimeUnit.DAY,
    "ngay (theo lich)": TimeUnit.DAY,
    "ngay lich": TimeUnit.DAY,
    "ngay theo lich": TimeUnit.DAY,
    "buoi": TimeUnit.HALF_DAY,
    "buoi lam viec": TimeUnit.HALF_DAY,
    "nua ngay": TimeUnit.HALF_DAY,
    "nua ngay lam viec": TimeUnit.HALF_DAY,
    "trong ngay": TimeUnit.SAME_DAY,
    "trong ngay lam viec": TimeUnit.SAME_DAY,
    "ngay trong ngay": TimeUnit.SAME_DAY,
    "thang": TimeUnit.MONTH,
}
_CURRENCIES = {"", "dong", "vnd", "d", "dong viet nam", "vn dong"}  # also "Đồng/lần", "VNĐ/hồ sơ"
_CURRENCY_SUFFIX = re.compile(r"\s*(dong|vnd|d)\.?$")
_CHANNEL_BY_FOLDED = {
    "truc tiep": Channel.IN_PERSON,
    "truc tuyen": Channel.ONLINE,
    "dich vu buu chinh": Channel.POST,
    "buu chinh": Channel.POST,
    "buu chinh cong ich": Channel.POST,
}
_PLAIN_INT = re.compile(r"^\d+$", re.ASCII)
_DOT_THOUSANDS = re.compile(r"^\d{1,3}(\.\d{3})+$", re.ASCII)
_COMMA_THOUSANDS = re.compile(r"^\d{1,3}(,\d{3})+$", re.ASCII)
_SPACE_THOUSANDS = re.compile(r"^\d{1,3}( \d{3})+$", re.ASCII)
_TIME_NUMBER = re.compile(r"^\d+([.,]\d+)?$", re.ASCII)
_CODE_RE = re.compile(PROCEDURE_CODE_RE)


@dataclass(frozen=True)
class FieldError:
    path: str
    message_vi: str
    message_en: str

    def __str__(self) -> str:
        where = f"{self.path}: " if self.path else ""
        return f"{where}{self.message_vi} / {self.message_en}"


@dataclass
class ParsedRecord:
    """What `parse_record` read from one record. `spec` is None when there are errors. `agency_refs`
    lists every agency identifier the record names, with its path, so a caller can check them against
    the database even when the rest of the record is wrong."""

    spec: ProcedureSpec | None
    code: str | None
    errors: list[FieldError] = field(default_factory=list)
    agency_refs: list[tuple[str, str]] = field(default_factory=list)


class _Reader:
    """Reads one record, remembering every problem instead of raising at the first."""

    def __init__(self, record: Mapping):
        self.record = record
        self.errors: list[FieldError] = []
        self.agency_refs: list[tuple[str, str]] = []

    def error(self, path: str, vi: str, en: str) -> None:
        self.errors.append(FieldError(path, vi, en))

    # --- shapes -------------------------------------------------------------------------------------

    def text(self, obj: Mapping, key: str, path: str) -> str:
        value = obj.get(key)
        if value is None:
            return ""
        if isinstance(value, bool) or not isinstance(value, str | int | float | Decimal):
            self.error(f"{path}{key}", "phải là chuỗi ký tự", "must be a string")
            return ""
        return str(value).strip()

    def objects(self, obj: Mapping, key: str, path: str) -> list[tuple[str, Mapping]]:
        """A list of objects (a single object or null tolerated), each with its path."""
        value = obj.get(key)
        if value is None or value == "":
            return []
        if isinstance(value, Mapping):
            value = [value]
        if not isinstance(value, list):
            self.error(f"{path}{key}", "phải là danh sách đối tượng", "must be a list of objects")
            return []
        items = []
        for i, item in enumerate(value):
            if isinstance(item, Mapping):
                items.append((f"{path}{key}[{i}].", item))
            else:
                self.error(f"{path}{key}[{i}]", "phải là một đối tượng JSON", "must be a JSON object")
        return items

    def spec_part(self, cls, path: str, keys: Mapping[str, str], **values):
        """Build a sub-spec, reporting pydantic's complaints at the national field path."""
        try:
            return cls(**values)
        except ValidationError as exc:
            for err in exc.errors():
                name = str(err["loc"][0]) if err["loc"] else ""
                self.error(f"{path}{keys.get(name, name)}", *_pydantic_message(err))
            return None

    # --- scalars -------------------------------------------------------------------------------------

    def count(self, obj: Mapping, key: str, path: str) -> int:
        value = obj.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            return 0
        number = _integer(value)
        if number is None or number < 0:
            self.error(
                f"{path}{key}",
                f"số bản phải là số nguyên không âm, nhận được {value!r}",
                f"a number of copies must be a non-negative integer, got {value!r}",
            )
            return 0
        return number

    def flag(self, obj: Mapping, key: str, path: str, default: bool) -> bool:
        value = obj.get(key)
        if value is None or value == "":
            return default
        if isinstance(value, bool):
            return value
        folded = fold(str(value))
        if folded in {"1", "true", "co", "x", "yes", "bat buoc"}:
            return True
        if folded in {"0", "false", "khong", "no", "khong bat buoc"}:
            return False
        self.error(
            f"{path}{key}",
            f"phải là có/không (true/false, 1/0), nhận được {value!r}",
            f"must be yes/no (true/false, 1/0), got {value!r}",
        )
        return default


def _integer(value) -> int | None:
    """An integer from 8000, 8000.0, "8000", "8.000", "8,000", "8 000"; None when it is not one."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else None
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else None
    if not isinstance(value, str):
        return None
    text = value.strip()
    negative = text.startswith("-")
    text = text.lstrip("-").strip()
    if _PLAIN_INT.match(text):
        number = int(text)
    elif _DOT_THOUSANDS.match(text) or _COMMA_THOUSANDS.match(text) or _SPACE_THOUSANDS.match(text):
        number = int(re.sub(r"[., ]", "", text))
    else:
        return None
    return -number if negative else number


def _amount(value) -> int | None:
    """Money in integer đồng; a trailing currency word ("8.000 đ", "8000 VNĐ") is tolerated."""
    if isinstance(value, str):
        folded = fold(value)
        stripped = _CURRENCY_SUFFIX.sub("", folded).strip()
        if stripped != folded:
            value = stripped
    return _integer(value)


def _time_value(value) -> Decimal | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float | Decimal):
        number = Decimal(str(value))
        return number if number.is_finite() else None
    if isinstance(value, str) and _TIME_NUMBER.match(value.strip()):
        try:
            return Decimal(value.strip().replace(",", "."))
        except InvalidOperation:  # pragma: no cover - the regex already rules this out
            return None
    return None


def _parse_date(value) -> date | None:
    text = str(value).strip()
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%Y%m%d", "%Y%m%d%H%M%S", "%Y-%m-%dT%H:%M:%S"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def _level(folded: str) -> Level | None:
    rest = folded.removeprefix("cap ").strip()
    if rest.startswith("tinh"):
        return Level.PROVINCE
    if rest.startswith(("xa", "phuong", "thi tran", "dac khu")):
        return Level.COMMUNE
    return None


_PYDANTIC_VI = {
    "missing": "thiếu giá trị",
    "string_too_short": "quá ngắn (ít nhất {min_length} ký tự)",
    "string_too_long": "quá dài (tối đa {max_length} ký tự)",
    "string_pattern_mismatch": "không đúng định dạng",
    "greater_than_equal": "phải lớn hơn hoặc bằng {ge}",
    "less_than_equal": "phải nhỏ hơn hoặc bằng {le}",
    "decimal_max_places": "chỉ được có tối đa {decimal_places} chữ số thập phân",
    "enum": "không thuộc các giá trị cho phép",
}


def _pydantic_message(err) -> tuple[str, str]:
    template = _PYDANTIC_VI.get(err["type"])
    try:
        vi = template.format(**err.get("ctx", {})) if template else f"giá trị không hợp lệ ({err['msg']})"
    except (KeyError, IndexError):
        vi = f"giá trị không hợp lệ ({err['msg']})"
    return vi, err["msg"]


# ---------------------------------------------------------------------------------------------------------
# National record → ProcedureSpec
# ---------------------------------------------------------------------------------------------------------


def parse_record(record) -> ParsedRecord:
    """Read one LayThuTuc-shaped record. Never raises for bad content: problems come back in `errors`."""
    if not isinstance(record, Mapping):
        return ParsedRecord(
            spec=None,
            code=None,
            errors=[FieldError("", "bản ghi phải là một đối tượng JSON", "a record must be a JSON object")],
        )
    r = _Reader(record)
    values: dict = {}

    code = r.text(record, "MATTHC", "")
    if not code:
        r.error("MATTHC", "thiếu mã thủ tục", "the procedure code is missing")
    elif not _CODE_RE.match(code):
        r.error(
            "MATTHC",
            f"mã thủ tục {code!r} phải có dạng 1.001612 (một chữ số, dấu chấm, sáu chữ số)",
            f"procedure code {code!r} must look like 1.001612 (one digit, a dot, six digits)",
        )
    values["code"] = code

    name = r.text(record, "TENTTHC", "")
    if not name:
        r.error("TENTTHC", "thiếu tên thủ tục", "the procedure name is missing")
    elif len(name) < 3 or len(name) > 500:
        r.error("TENTTHC", "tên thủ tục phải dài 3–500 ký tự", "the procedure name must be 3–500 characters")
    values["name"] = name

    values["level"] = _read_level(r)
    values["sector_code"], values["sector_name"] = _read_sector(r)
    values["online_kind"] = _read_online_kind(r)
    values["times"], values["fees"] = _read_channels(r)
    values["components"] = _read_components(r)
    values["results"] = _read_results(r)
    values["legal_bases"] = _read_legal_bases(r)
    values["competent_agencies"] = _read_agencies(r, "COQUANTHUCHIEN")
    values["receiving_agencies"] = _read_agencies(r, "NOITIEPNHAN")
    values["steps"] = _read_steps(r)
    values["requirements"] = _read_text_or_lines(r, "YEUCAU")
    values["applicant_types"] = _read_applicant_types(r)
    values["description"] = r.text(record, "MOTA", "")
    values["source_note"] = r.text(record, "NGUONTHONGTIN", "")
    values["eform"] = _read_eform(r)

    spec = None
    if not r.errors:
        spec = r.spec_part(ProcedureSpec, "", _TOP_KEYS, **values)
    return ParsedRecord(
        spec=spec if not r.errors else None,
        code=code or None,
        errors=r.errors,
        agency_refs=r.agency_refs,
    )


_TOP_KEYS = {
    "code": "MATTHC",
    "name": "TENTTHC",
    "sector_code": "LINHVUCTHUCHIEN[0].MALINHVUC",
    "sector_name": "LINHVUCTHUCHIEN[0].TENLINHVUC",
    "level": "CAPTHUCHIEN",
    "online_kind": "MUCDODVC",
    "description": "MOTA",
    "steps": "TRINHTUTHUCHIEN",
    "requirements": "YEUCAU",
    "applicant_types": "DOITUONGTHUCHIEN",
    "times": "CACHTHUCTHUCHIEN",
    "fees": "CACHTHUCTHUCHIEN",
    "source_note": "NGUONTHONGTIN",
    "eform": "BIEUMAUDIENTU",
}


def _read_level(r: _Reader) -> str:
    raw = r.record.get("CAPTHUCHIEN")
    if isinstance(raw, str):
        parts = [p for p in re.split(r"[,;]", raw) if p.strip()]
    elif isinstance(raw, list):
        parts = []
        for i, item in enumerate(raw):
            if isinstance(item, str):
                parts.append(item)
            else:
                r.error(f"CAPTHUCHIEN[{i}]", "phải là chuỗi ký tự", "must be a string")
    elif raw is None:
        parts = []
    else:
        r.error("CAPTHUCHIEN", "phải là chuỗi hoặc danh sách chuỗi", "must be a string or a list of strings")
        return ""
    if not parts:
        r.error(
            "CAPTHUCHIEN",
            "thiếu cấp thực hiện (Cấp Tỉnh hoặc Cấp Xã)",
            "the implementing level is missing (Cấp Tỉnh or Cấp Xã)",
        )
        return ""
    levels = []
    for part in parts:
        level = _level(fold(part))
        if level is None:
            r.error(
                "CAPTHUCHIEN",
                f"cấp thực hiện {part.strip()!r} không dùng được: "
                "chính quyền hai cấp chỉ có Cấp Tỉnh và Cấp Xã",
                f"implementing level {part.strip()!r} is not usable: two-tier local government has only "
                "Cấp Tỉnh (province) and Cấp Xã (commune)",
            )
        elif level not in levels:
            levels.append(level)
    if len(levels) > 1:
        r.error(
            "CAPTHUCHIEN",
            "mỗi thủ tục chỉ có một cấp thực hiện; hãy tách thành hai bản ghi",
            "a procedure has one implementing level; split it into two records",
        )
    return levels[0] if len(levels) == 1 else ""


def _read_sector(r: _Reader) -> tuple[str, str]:
    sectors = r.objects(r.record, "LINHVUCTHUCHIEN", "")
    if not sectors:
        r.error("LINHVUCTHUCHIEN", "thiếu lĩnh vực thực hiện", "the sector is missing")
        return "", ""
    found: dict[str, str] = {}
    for path, item in sectors:
        code = r.text(item, "MALINHVUC", path)
        name = r.text(item, "TENLINHVUC", path)
        if not code:
            r.error(f"{path}MALINHVUC", "thiếu mã lĩnh vực", "the sector code is missing")
        elif len(code) > 32:
            r.error(
                f"{path}MALINHVUC", "mã lĩnh vực dài quá 32 ký tự", "the sector code exceeds 32 characters"
            )
        if not name:
            r.error(f"{path}TENLINHVUC", "thiếu tên lĩnh vực", "the sector name is missing")
        elif len(name) > 255:
            r.error(
                f"{path}TENLINHVUC",
                "tên lĩnh vực dài quá 255 ký tự",
                "the sector name exceeds 255 characters",
            )
        if code:
            found.setdefault(code, name)
    if len(found) > 1:
        r.error(
            "LINHVUCTHUCHIEN",
            f"mỗi thủ tục chỉ thuộc một lĩnh vực, tệp ghi {len(found)}: {', '.join(found)}",
            f"a procedure belongs to one sector, the file gives {len(found)}: {', '.join(found)}",
        )
    code, name = next(iter(found.items()), ("", ""))
    return code, name


def _read_online_kind(r: _Reader) -> str:
    raw = r.record.get("MUCDODVC")
    if raw is None:
        return OnlineKind.NONE
    if isinstance(raw, bool) or not isinstance(raw, str | int):
        r.error("MUCDODVC", "phải là chuỗi ký tự", "must be a string")
        return OnlineKind.NONE
    folded = fold(str(raw)).replace(" ", "").replace("_", "")
    if folded in {"toantrinh", "4", "dvctttoantrinh"} or "toantrinh" in folded:
        return OnlineKind.FULL
    if folded in {"motphan", "3", "dvcttmotphan"} or "motphan" in folded:
        return OnlineKind.PARTIAL
    if folded in {"", "0", "1", "2", "khong", "none"}:
        return OnlineKind.NONE
    r.error(
        "MUCDODVC",
        f"mức độ trực tuyến {raw!r} không hợp lệ (TOANTRINH, MOTPHAN hoặc để trống)",
        f"online service kind {raw!r} is invalid (TOANTRINH, MOTPHAN or empty)",
    )
    return OnlineKind.NONE


def _read_channel(r: _Reader, item: Mapping, path: str) -> Channel | None:
    raw = item.get("KENH")
    text = "" if raw is None or isinstance(raw, bool) else str(raw).strip()
    channel = CHANNEL_FROM_NATIONAL_CODE.get(text) or _CHANNEL_BY_FOLDED.get(fold(text))
    if channel is None:
        r.error(
            f"{path}KENH",
            f"kênh {raw!r} không hợp lệ (1 trực tiếp, 2 trực tuyến, 3 bưu chính)",
            f"channel {raw!r} is invalid (1 in person, 2 online, 3 post)",
        )
    return channel


def _read_channels(r: _Reader) -> tuple[list[TimeSpec], list[FeeSpec]]:
    times: list[TimeSpec] = []
    channel_fees: list[tuple[str, dict]] = []  # (path, values incl. channel, and _order/_common markers)
    seen: dict[Channel, str] = {}
    for path, item in r.objects(r.record, "CACHTHUCTHUCHIEN", ""):
        channel = _read_channel(r, item, path)
        if channel is not None:
            if channel in seen:
                r.error(
                    f"{path}KENH",
                    f"kênh {CHANNEL_NATIONAL_CODE[channel]} đã có ở {seen[channel]}",
                    f"channel {CHANNEL_NATIONAL_CODE[channel]} already appears at {seen[channel]}",
                )
            seen.setdefault(channel, path.rstrip("."))
        entries = r.objects(item, "THOIGIAN", path)
        if len(entries) > 1:
            r.error(
                f"{path}THOIGIAN",
                "mỗi cách thức chỉ có một thời hạn giải quyết; ghi các trường hợp khác vào MOTA",
                "each channel has one processing time; describe other cases in MOTA",
            )
        for tpath, entry in entries[:1]:
            time = _read_time(r, entry, tpath, channel)
            if time is not None:
                times.append(time)
            for fpath, fee in r.objects(entry, "PHILEPHI", tpath):
                values = _read_fee(r, fee, fpath)
                if values is not None:
                    values["channel"] = channel
                    channel_fees.append((fpath, values))
    for fpath, fee in r.objects(r.record, "PHILEPHI", ""):
        values = _read_fee(r, fee, fpath)
        if values is not None:
            values["channel"] = None
            values["_common"] = True
            channel_fees.append((fpath, values))
    return times, _assemble_fees(r, channel_fees)


def _read_time(r: _Reader, entry: Mapping, path: str, channel: Channel | None) -> TimeSpec | None:
    raw = entry.get("THOIGIANGIAIQUYET")
    description = r.text(entry, "MOTA", path)
    unit_text = r.text(entry, "DONVITINH", path)
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        if description or unit_text:
            r.error(
                f"{path}THOIGIANGIAIQUYET",
                "thiếu thời hạn giải quyết (ghi 0 nếu giải quyết ngay)",
                "the processing time is missing (write 0 for same-day)",
            )
        return None
    value = _time_value(raw)
    if value is None:
        r.error(
            f"{path}THOIGIANGIAIQUYET",
            f"thời hạn giải quyết phải là số không âm, nhận được {raw!r}",
            f"the processing time must be a non-negative number, got {raw!r}",
        )
    unit = _UNIT_BY_FOLDED.get(fold(unit_text))
    if unit is None:
        r.error(
            f"{path}DONVITINH",
            f"đơn vị tính {unit_text!r} không hợp lệ ({UNITS_TEXT})",
            f"time unit {unit_text!r} is invalid ({UNITS_TEXT})",
        )
    if value is None or unit is None or channel is None:
        return None
    return r.spec_part(
        TimeSpec,
        path,
        {"value": "THOIGIANGIAIQUYET", "unit": "DONVITINH", "description": "MOTA", "channel": "KENH"},
        channel=channel,
        value=value,
        unit=unit,
        description=description,
    )


def _read_fee(r: _Reader, fee: Mapping, path: str) -> dict | None:
    errors_before = len(r.errors)
    description = r.text(fee, "MOTA", path)
    raw_amount = fee.get("SOTIEN")
    amount = None
    if raw_amount is None or (isinstance(raw_amount, str) and not raw_amount.strip()):
        r.error(
            f"{path}SOTIEN",
            "thiếu số tiền (ghi 0 nếu miễn phí)",
            "the amount is missing (write 0 when free of charge)",
        )
    else:
        amount = _amount(raw_amount)
        if amount is None:
            r.error(
                f"{path}SOTIEN",
                f"số tiền phải là số nguyên đồng, nhận được {raw_amount!r}",
                f"the amount must be a whole number of đồng, got {raw_amount!r}",
            )
        elif amount < 0:
            r.error(f"{path}SOTIEN", "số tiền không được âm", "the amount must not be negative")
            amount = None
    currency = r.text(fee, "DONVI", path)
    folded_currency = fold(currency)
    if folded_currency not in _CURRENCIES and folded_currency.split("/")[0].strip() not in _CURRENCIES:
        r.error(
            f"{path}DONVI",
            f"chỉ nhận số tiền bằng đồng, không nhận đơn vị {currency!r}",
            f"only amounts in đồng are accepted, not {currency!r}",
        )
    kind_text = r.text(fee, "LOAIPHI", path)
    if kind_text:
        folded = fold(kind_text)
        kind = {"le phi": FeeKind.CHARGE, "phi": FeeKind.FEE, "2": FeeKind.CHARGE, "1": FeeKind.FEE}.get(
            folded
        )
        if kind is None:
            r.error(
                f"{path}LOAIPHI",
                f"loại phí {kind_text!r} không hợp lệ (Phí hoặc Lệ phí)",
                f"fee kind {kind_text!r} is invalid (Phí or Lệ phí)",
            )
    else:
        kind = _kind_from_description(description)
    common = r.flag(fee, "MOIKENH", path, False)
    order = None
    if fee.get("THUTU") not in (None, ""):
        order = _integer(fee.get("THUTU"))
        if order is None or order < 1:
            r.error(f"{path}THUTU", "thứ tự phải là số nguyên dương", "the order must be a positive integer")
    basis, quantity_field = _read_basis(r, fee, path, description)
    exemptions = []
    for epath, item in r.objects(fee, "MIENGIAM", path):
        exemptions.append(
            {
                "code": r.text(item, "MA", epath),
                "label": r.text(item, "TEN", epath),
                "field": r.text(item, "TRUONG", epath),
            }
        )
    if len(r.errors) > errors_before:
        return None
    return {
        "kind": kind,
        "amount": amount,
        "description": description,
        "name": r.text(fee, "TENPHI", path),
        "basis": basis,
        "quantity_field": quantity_field,
        "exemptions": tuple(exemptions),
        "_common": common,
        "_order": order,
    }


def _read_basis(r: _Reader, fee: Mapping, path: str, description: str) -> tuple[str, str]:
    """CACHTINH (ours) when given; else per copy when the note says "… đ/bản"."""
    text = r.text(fee, "CACHTINH", path)
    quantity_field = r.text(fee, "TRUONGSOLUONG", path)
    if text:
        basis = {v: k for k, v in BASIS_LABEL.items()}.get(text.upper())
        if basis is None:
            r.error(
                f"{path}CACHTINH",
                f"cách tính {text!r} không hợp lệ (MOIHOSO hoặc THEOSOLUONG)",
                f"basis {text!r} is invalid (MOIHOSO or THEOSOLUONG)",
            )
            basis = FeeBasis.FIXED
        return basis, quantity_field
    if _PER_UNIT_NOTE.search(description):
        return FeeBasis.PER_UNIT, quantity_field or DEFAULT_QUANTITY_FIELD
    return FeeBasis.FIXED, quantity_field


def _kind_from_description(description: str) -> FeeKind:
    """The national layout does not say whether an entry is a fee or a charge; its description usually
    does ("Lệ phí đăng ký…", "Phí thẩm định…"). Without a hint it is a charge, the common case."""
    folded = fold(description)
    if "le phi" in folded:
        return FeeKind.CHARGE
    if re.search(r"\bphi\b", folded):
        return FeeKind.FEE
    return FeeKind.CHARGE


def _assemble_fees(r: _Reader, entries: list[tuple[str, dict]]) -> list[FeeSpec]:
    """Per-channel fees as they are; fees marked MOIKENH (repeated under every channel on export) once,
    with no channel. THUTU, when every entry has it, restores the original order."""
    kept: list[tuple[str, dict]] = []
    seen_common: set = set()
    for path, values in entries:
        if values["_common"]:
            key = values["_order"] or (values["kind"], values["amount"], values["description"])
            if key in seen_common:
                continue
            seen_common.add(key)
            values["channel"] = None
        kept.append((path, values))
    if kept and all(v["_order"] is not None for _, v in kept):
        kept.sort(key=lambda pv: pv[1]["_order"])
    fees = []
    for path, values in kept:
        fee = r.spec_part(
            FeeSpec,
            path,
            {
                "amount": "SOTIEN",
                "description": "MOTA",
                "kind": "LOAIPHI",
                "name": "TENPHI",
                "basis": "CACHTINH",
                "quantity_field": "TRUONGSOLUONG",
                "exemptions": "MIENGIAM",
            },
            **{k: v for k, v in values.items() if not k.startswith("_")},
        )
        if fee is not None:
            fees.append(fee)
    return fees


def _read_components(r: _Reader) -> list[ComponentSpec]:
    components = []
    keys = {
        "name": "TENGIAYTO",
        "case": "TRUONGHOP",
        "originals": "SOBANCHINH",
        "copies": "SOBANSAO",
        "template_name": "TENMAUDON",
        "mandatory": "BATBUOC",
        "note": "GHICHU",
    }
    for gpath, group in r.objects(r.record, "THANHPHANHOSO", ""):
        case = r.text(group, "TRUONGHOP", gpath)
        for path, doc in r.objects(group, "GIAYTO", gpath):
            name = r.text(doc, "TENGIAYTO", path)
            if not name:
                r.error(f"{path}TENGIAYTO", "thiếu tên giấy tờ", "the document name is missing")
                continue
            component = r.spec_part(
                ComponentSpec,
                path,
                keys,
                name=name,
                case=case,
                originals=r.count(doc, "SOBANCHINH", path),
                copies=r.count(doc, "SOBANSAO", path),
                mandatory=r.flag(doc, "BATBUOC", path, True),
                template_name=r.text(doc, "TENMAUDON", path),
                note=r.text(doc, "GHICHU", path),
            )
            if component is not None:
                components.append(component)
    return components


def _read_results(r: _Reader) -> list[ResultSpec]:
    results = []
    for path, item in r.objects(r.record, "KETQUATHUCHIEN", ""):
        name = r.text(item, "TENKETQUA", path)
        if not name:
            r.error(f"{path}TENKETQUA", "thiếu tên kết quả", "the result name is missing")
            continue
        result = r.spec_part(
            ResultSpec,
            path,
            {"code": "MAKETQUA", "name": "TENKETQUA"},
            code=r.text(item, "MAKETQUA", path),
            name=name,
        )
        if result is not None:
            results.append(result)
    return results


def _read_legal_bases(r: _Reader) -> list[LegalBasisSpec]:
    bases = []
    for path, item in r.objects(r.record, "CANCUPHAPLY", ""):
        number = r.text(item, "SOVANBAN", path)
        if not number:
            r.error(f"{path}SOVANBAN", "thiếu số, ký hiệu văn bản", "the document number is missing")
            continue
        issued_on = None
        raw_date = item.get("NGAYBANHANH")
        if raw_date not in (None, ""):
            issued_on = _parse_date(raw_date)
            if issued_on is None:
                r.error(
                    f"{path}NGAYBANHANH",
                    f"ngày ban hành {raw_date!r} không đọc được (dd/mm/yyyy hoặc yyyy-mm-dd)",
                    f"issue date {raw_date!r} is unreadable (dd/mm/yyyy or yyyy-mm-dd)",
                )
                continue
        basis = r.spec_part(
            LegalBasisSpec,
            path,
            {"number": "SOVANBAN", "title": "TENVANBAN", "issued_on": "NGAYBANHANH"},
            number=number,
            title=r.text(item, "TENVANBAN", path),
            issued_on=issued_on,
        )
        if basis is not None:
            bases.append(basis)
    return bases


def _read_agencies(r: _Reader, key: str) -> list[str]:
    identifiers = []
    value = r.record.get(key)
    if isinstance(value, str) and value.strip():
        r.error(
            key,
            "cần danh sách [{MADONVI, TENDONVI}] với mã định danh cơ quan, không phải văn bản",
            "needs a list of [{MADONVI, TENDONVI}] with agency identifiers, not text",
        )
        return []
    for path, item in r.objects(r.record, key, ""):
        identifier = r.text(item, "MADONVI", path)
        if not identifier:
            r.error(
                f"{path}MADONVI",
                "thiếu mã định danh cơ quan (MADONVI)",
                "the agency identifier (MADONVI) is missing",
            )
        elif not AGENCY_IDENTIFIER_RE.match(identifier):
            r.error(
                f"{path}MADONVI",
                f"mã định danh {identifier!r} phải có dạng XXX.YY.ZZ.Hnn (ví dụ 000.00.14.H56)",
                f"identifier {identifier!r} must look like XXX.YY.ZZ.Hnn (e.g. 000.00.14.H56)",
            )
        else:
            identifiers.append(identifier)
            r.agency_refs.append((f"{path}MADONVI", identifier))
    return identifiers


def _read_steps(r: _Reader) -> str:
    """Text, or [{TRUONGHOP, TRINHTU: [{TENTRINHTU}]}]: one line per step, a case's name on its own line."""
    raw = r.record.get("TRINHTUTHUCHIEN")
    if raw is None or isinstance(raw, str):
        return (raw or "").strip()
    lines: list[str] = []
    for gpath, group in r.objects(r.record, "TRINHTUTHUCHIEN", ""):
        case = r.text(group, "TRUONGHOP", gpath)
        if case:
            lines.append(case)
        steps = group.get("TRINHTU")
        if isinstance(steps, str):
            lines.append(steps)
            continue
        for path, step in r.objects(group, "TRINHTU", gpath):
            value = step.get("TENTRINHTU")
            if value is None:
                value = ""
            if not isinstance(value, str):
                r.error(f"{path}TENTRINHTU", "phải là chuỗi ký tự", "must be a string")
                continue
            lines.append(value)
    return "\n".join(lines).strip()


def _read_text_or_lines(r: _Reader, key: str) -> str:
    raw = r.record.get(key)
    if isinstance(raw, list):
        if all(isinstance(x, str) for x in raw):
            return "\n".join(raw).strip()
        r.error(key, "phải là văn bản hoặc danh sách chuỗi", "must be text or a list of strings")
        return ""
    return r.text(r.record, key, "")


def _read_applicant_types(r: _Reader) -> list[str]:
    if r.record.get("DOITUONGTHUCHIEN") not in (None, "", []):
        raw = r.record["DOITUONGTHUCHIEN"]
        if isinstance(raw, list) and all(isinstance(x, str) for x in raw):
            return [x.strip() for x in raw if x.strip()]
        types = []
        for path, item in r.objects(r.record, "DOITUONGTHUCHIEN", ""):
            name = r.text(item, "TENDOITUONG", path)
            if name:
                types.append(name)
            else:
                r.error(f"{path}TENDOITUONG", "thiếu tên đối tượng", "the applicant type name is missing")
        return types
    text = _read_text_or_lines(r, "MOTADOITUONGTHUCHIEN")
    return [part.strip() for part in re.split(r"[;\n]", text) if part.strip()]


def _read_eform(r: _Reader) -> list[dict]:
    raw = r.record.get("BIEUMAUDIENTU")
    if raw in (None, ""):
        return []
    if not isinstance(raw, list) or not all(isinstance(x, Mapping) for x in raw):
        r.error("BIEUMAUDIENTU", "phải là danh sách đối tượng JSON", "must be a list of JSON objects")
        return []
    return [dict(x) for x in raw]


# ---------------------------------------------------------------------------------------------------------
# ProcedureSpec → national record
# ---------------------------------------------------------------------------------------------------------


def _number_text(value: Decimal) -> str:
    return format(Decimal(value).normalize(), "f")


def spec_to_record(spec: ProcedureSpec, *, agency_names: Mapping[str, str] | None = None) -> dict:
    """The national layout of one version, with our extension keys. `agency_names` maps an agency
    identifier to its name for TENDONVI (the spec only carries identifiers)."""
    names = agency_names or {}
    numbered_fees = list(enumerate(spec.fees, start=1))

    def fee_entry(position: int, fee: FeeSpec) -> dict:
        entry = {
            "SOTIEN": str(fee.amount),
            "DONVI": CURRENCY_LABEL,
            "MOTA": fee.description,
            "LOAIPHI": FEE_KIND_LABEL[fee.kind],
            "THUTU": position,
        }
        if fee.name:
            entry["TENPHI"] = fee.name
        if fee.basis != FeeBasis.FIXED or fee.quantity_field:
            entry["CACHTINH"] = BASIS_LABEL[fee.basis]
            entry["TRUONGSOLUONG"] = fee.quantity_field
        elif _PER_UNIT_NOTE.search(fee.description):
            entry["CACHTINH"] = BASIS_LABEL[FeeBasis.FIXED]
        if fee.exemptions:
            entry["MIENGIAM"] = [{"MA": e.code, "TEN": e.label, "TRUONG": e.field} for e in fee.exemptions]
        if fee.channel is None:
            entry["MOIKENH"] = True
        return entry

    channels: list[Channel] = []
    for item in [*spec.times, *spec.fees]:
        if item.channel is not None and item.channel not in channels:
            channels.append(item.channel)
    common = [f for f in spec.fees if f.channel is None]
    ways = []
    for channel in channels:
        time_entry: dict = {}
        time = next((t for t in spec.times if t.channel == channel), None)
        if time is not None:
            time_entry.update(
                THOIGIANGIAIQUYET=_number_text(time.value),
                DONVITINH=UNIT_LABEL[time.unit],
                MOTA=time.description,
            )
        time_entry["PHILEPHI"] = [
            fee_entry(i, f) for i, f in numbered_fees if f.channel == channel or f.channel is None
        ]
        ways.append({"KENH": CHANNEL_NATIONAL_CODE[channel], "THOIGIAN": [time_entry]})

    groups: list[dict] = []
    for c in spec.components:
        if not groups or groups[-1]["TRUONGHOP"] != c.case:
            groups.append({"TRUONGHOP": c.case, "GIAYTO": []})
        groups[-1]["GIAYTO"].append(
            {
                "TENGIAYTO": c.name,
                "SOBANCHINH": str(c.originals),
                "SOBANSAO": str(c.copies),
                "TENMAUDON": c.template_name,
                "BATBUOC": c.mandatory,
                "GHICHU": c.note,
            }
        )

    def agencies(identifiers) -> list[dict]:
        return [{"MADONVI": i, "TENDONVI": names.get(i, "")} for i in identifiers]

    record = {
        "MATTHC": spec.code,
        "TENTTHC": spec.name,
        "CAPTHUCHIEN": LEVEL_LABEL[spec.level],
        "LINHVUCTHUCHIEN": [{"MALINHVUC": spec.sector_code, "TENLINHVUC": spec.sector_name}],
        "CACHTHUCTHUCHIEN": ways,
        "THANHPHANHOSO": groups,
        "KETQUATHUCHIEN": [{"MAKETQUA": x.code, "TENKETQUA": x.name} for x in spec.results],
        "CANCUPHAPLY": [
            {
                "SOVANBAN": b.number,
                "TENVANBAN": b.title,
                "NGAYBANHANH": b.issued_on.strftime("%d/%m/%Y") if b.issued_on else "",
            }
            for b in spec.legal_bases
        ],
        "COQUANTHUCHIEN": agencies(spec.competent_agencies),
        "NOITIEPNHAN": agencies(spec.receiving_agencies),
        "TRINHTUTHUCHIEN": (
            [{"TRUONGHOP": "", "TRINHTU": [{"TENTRINHTU": line} for line in spec.steps.split("\n")]}]
            if spec.steps
            else []
        ),
        "YEUCAU": spec.requirements,
        "MOTADOITUONGTHUCHIEN": "; ".join(spec.applicant_types),
        "DOITUONGTHUCHIEN": [{"TENDOITUONG": t} for t in spec.applicant_types],
        "MUCDODVC": ONLINE_LABEL[spec.online_kind],
        "MOTA": spec.description,
        "NGUONTHONGTIN": spec.source_note,
        "BIEUMAUDIENTU": [dict(x) for x in spec.eform],
    }
    if common and not channels:
        record["PHILEPHI"] = [fee_entry(i, f) for i, f in numbered_fees if f.channel is None]
    return record
