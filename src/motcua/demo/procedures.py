"""Demo procedures: real national codes and names from shared/data/procedures-facts.md.

Every procedure carries a `source_note` naming the source tags of that file (S1…S21). Rules kept here:
- no invented codes, with one visible exception: `DEPARTMENT_ROWS` give the Departments of Justice,
  Construction, Finance and Health one procedure each so every demo account has work; their codes are
  in the 1.999xxx range, INVENTED and said so in their source note (admin) and docs/demo-data.md;
- processing times say where they come from: "theo nguồn" (the facts file), "theo <law>, cần kiểm chứng"
  (the general rule as we know it, not checked against the official record) or "minh họa" (a demo value);
- same-day procedures are 8 working hours (see docs/demo-data.md);
- civil-status and similar fees come from OTHER provinces and are labelled "mức thu minh họa, theo HĐND
  tỉnh khác"; national fees (Circular 226/2016/TT-BTC) are labelled as national.
"""

import re
from datetime import date, time
from decimal import Decimal

from motcua.catalog.models import FeeBasis, FeeKind, Level, OnlineKind, TimeUnit
from motcua.catalog.spec import (
    ComponentSpec,
    ExemptionSpec,
    FeeSpec,
    LegalBasisSpec,
    ProcedureSpec,
    ResultSpec,
    TimeSpec,
)
from motcua.core.choices import Channel

from .agencies import CITY_CENTRE_ID, DEPARTMENTS_BY_KEY, demo_communes

# Sector codes defined for the demo (the national sector codes were not collected); documented.
SECTORS = {
    "HT": "Hộ tịch",
    "NCN": "Nuôi con nuôi",
    "CT": "Chứng thực",
    "CTRU": "Đăng ký, quản lý cư trú",
    "HKD": "Thành lập và hoạt động của hộ kinh doanh",
    "XD": "Hoạt động xây dựng",
    "DD": "Đất đai",
    "VL": "Việc làm",
    "BTXH": "Bảo trợ xã hội",
    "LLTP": "Lý lịch tư pháp",
    "DKKD": "Thành lập và hoạt động doanh nghiệp",
    "DUOC": "Dược",
}
DEMO_CODE = "MÃ THỦ TỤC MINH HỌA (1.999xxx), không phải mã quốc gia"

OTHER_PROVINCE = "mức thu minh họa, theo HĐND tỉnh khác"
SAME_DAY = "Trong ngày làm việc; hồ sơ nhận sau 15 giờ được trả trong ngày làm việc tiếp theo"
UNVERIFIED = "cần kiểm chứng"
DEMO_TIME = "thời hạn minh họa cho bản demo, chưa xác lập từ nguồn"

BOTH = (Channel.IN_PERSON, Channel.ONLINE)
ALL = (Channel.IN_PERSON, Channel.ONLINE, Channel.POST)


def same_day(note: str = SAME_DAY, channels=BOTH) -> tuple[TimeSpec, ...]:
    """ "Trong ngày": the unit the legal text states (not 8 working hours). The cut-off is the
    procedure's: set by `procedure_specs` where the note states "sau 15 giờ"."""
    return tuple(
        TimeSpec(channel=ch, value=Decimal(0), unit=TimeUnit.SAME_DAY, description=note) for ch in channels
    )


# "nhận sau 15 giờ … ngày làm việc tiếp theo" in a same-day note: the procedure's cut-off.
_CUTOFF_STATED = "sau 15 giờ"
_CUTOFF = time(15)


def days(n, note: str, channels=BOTH, unit=TimeUnit.WORKING_DAY) -> tuple[TimeSpec, ...]:
    return tuple(TimeSpec(channel=ch, value=Decimal(n), unit=unit, description=note) for ch in channels)


def law(number: str, title: str, issued_on: date | None = None) -> LegalBasisSpec:
    return LegalBasisSpec(number=number, title=title, issued_on=issued_on)


def comp(name: str, originals: int = 1, copies: int = 0, **extra) -> ComponentSpec:
    return ComponentSpec(name=name, originals=originals, copies=copies, **extra)


LUAT_HO_TICH = law("60/2014/QH13", "Luật Hộ tịch", date(2014, 11, 20))
ND_123_2015 = law(
    "123/2015/NĐ-CP",
    "Nghị định quy định chi tiết một số điều và biện pháp thi hành Luật Hộ tịch",
    date(2015, 11, 15),
)
ND_120_2025 = law("120/2025/NĐ-CP", "Nghị định về phân cấp, phân quyền (theo nguồn S14, cần kiểm chứng)")
LUAT_HNGD = law("52/2014/QH13", "Luật Hôn nhân và gia đình", date(2014, 6, 19))
ND_23_2015 = law(
    "23/2015/NĐ-CP",
    "Nghị định về cấp bản sao từ sổ gốc, chứng thực bản sao từ bản chính, chứng thực chữ ký và chứng thực "
    "hợp đồng, giao dịch",
    date(2015, 2, 16),
)
TT_226_2016 = law(
    "226/2016/TT-BTC", "Thông tư quy định mức thu, chế độ thu, nộp phí chứng thực", date(2016, 11, 11)
)
LUAT_CU_TRU = law("68/2020/QH14", "Luật Cư trú", date(2020, 11, 13))
TT_66_2023 = law("66/2023/TT-BCA", "Thông tư ban hành biểu mẫu trong đăng ký, quản lý cư trú (Mẫu CT01)")
TT_85_2019 = law(
    "85/2019/TT-BTC", "Thông tư hướng dẫn về phí và lệ phí thuộc thẩm quyền quyết định của HĐND tỉnh"
)
ND_01_2021 = law(
    "01/2021/NĐ-CP", "Nghị định về đăng ký doanh nghiệp (hộ kinh doanh; cần kiểm chứng văn bản hiện hành)"
)
LUAT_XAY_DUNG = law("50/2014/QH13", "Luật Xây dựng", date(2014, 6, 18))
ND_175_2024 = law("175/2024/NĐ-CP", "Nghị định về quản lý hoạt động xây dựng (cần kiểm chứng)")
LUAT_DAT_DAI = law("31/2024/QH15", "Luật Đất đai", date(2024, 1, 18))
BLLD_2019 = law("45/2019/QH14", "Bộ luật Lao động", date(2019, 11, 20))
LUAT_NUOI_CON_NUOI = law("52/2010/QH12", "Luật Nuôi con nuôi")
LUAT_NKT = law("51/2010/QH12", "Luật Người khuyết tật")
ND_20_2021 = law(
    "20/2021/NĐ-CP", "Nghị định quy định chính sách trợ giúp xã hội đối với đối tượng bảo trợ xã hội"
)
LUAT_BHXH_2024 = law("41/2024/QH15", "Luật Bảo hiểm xã hội (trợ cấp hưu trí xã hội; cần kiểm chứng)")

CITIZEN = ("Công dân Việt Nam",)
CITIZEN_AND_FOREIGN = ("Công dân Việt Nam", "Người nước ngoài")
ORGANISATION = ("Tổ chức, doanh nghiệp",)
CITIZEN_AND_ORG = ("Công dân Việt Nam", "Tổ chức, doanh nghiệp")

ID_DOC = comp(
    "Giấy tờ tùy thân của người yêu cầu (CCCD/hộ chiếu)",
    originals=1,
    note="Xuất trình để đối chiếu hoặc xác thực qua tài khoản định danh điện tử VNeID; không nộp",
)
AUTHORISATION = comp("Văn bản ủy quyền (trường hợp ủy quyền)", mandatory=False)
CT01 = comp("Tờ khai thay đổi thông tin cư trú (Mẫu CT01)", template_name="CT01 (Thông tư 66/2023/TT-BCA)")
RESIDENCE_FEE_NOTE = (
    "Lệ phí theo Nghị quyết của HĐND thành phố (Thông tư 85/2019/TT-BTC); bản demo chưa có mức thu."
)
HKD_SOURCE = "S1: mã; cấp xã sau 7/2025 [U]. Tên theo S1, cần đối chiếu tên chính thức trên DVCQG"


# E-forms (docs/eforms.md): the typed fields the portal asks online, after the paper forms (tờ khai) of
# Circular 04/2020/TT-BTP for civil status. Field names are stable keys of Dossier.eform_data.
def _applicant_fields(relation_choices: tuple[str, ...]) -> tuple[dict, ...]:
    section = "Người yêu cầu"
    return (
        {
            "name": "nguoi_yeu_cau",
            "label": "Họ, chữ đệm, tên người yêu cầu",
            "type": "text",
            "required": True,
            "section": section,
            "prefill": "applicant.full_name",
            "max_length": 100,
        },
        {
            "name": "cccd_nguoi_yeu_cau",
            "label": "Số định danh cá nhân (CCCD) của người yêu cầu",
            "type": "id_number",
            "required": True,
            "section": section,
            "prefill": "applicant.id_number",
        },
        {
            "name": "dien_thoai",
            "label": "Số điện thoại liên hệ",
            "type": "phone",
            "required": True,
            "section": section,
            "prefill": "applicant.phone",
        },
        {
            "name": "quan_he",
            "label": "Quan hệ với người được đăng ký",
            "type": "select",
            "required": True,
            "section": section,
            "choices": list(relation_choices),
        },
    )


# Exemptions from the birth registration charge (Luật Hộ tịch 2014 Đ.11 k.1; the provinces' charge
# resolutions): declared in the e-form (on time) or confirmed by the officer.
BIRTH_EXEMPTIONS = (
    ExemptionSpec(code="dung_han", label="Đăng ký khai sinh đúng hạn", field="dang_ky_dung_han"),
    ExemptionSpec(code="co_cong", label="Gia đình người có công với cách mạng"),
    ExemptionSpec(code="ho_ngheo", label="Thành viên hộ nghèo"),
    ExemptionSpec(code="khuyet_tat", label="Người khuyết tật"),
)

EFORM_KHAI_SINH = (
    *_applicant_fields(("Cha", "Mẹ", "Ông, bà", "Người thân thích khác", "Cơ quan, tổ chức nuôi dưỡng")),
    {
        "name": "ho_ten",
        "label": "Họ, chữ đệm, tên của trẻ",
        "type": "text",
        "required": True,
        "section": "Người được khai sinh",
        "max_length": 100,
    },
    {
        "name": "gioi_tinh",
        "label": "Giới tính",
        "type": "radio",
        "required": True,
        "section": "Người được khai sinh",
        "choices": ["Nam", "Nữ"],
    },
    {
        "name": "ngay_sinh",
        "label": "Ngày, tháng, năm sinh",
        "type": "date",
        "required": True,
        "section": "Người được khai sinh",
    },
    {
        "name": "noi_sinh",
        "label": "Nơi sinh (cơ sở y tế hoặc địa chỉ)",
        "type": "text",
        "required": True,
        "section": "Người được khai sinh",
    },
    {
        "name": "dan_toc",
        "label": "Dân tộc",
        "type": "text",
        "required": True,
        "default": "Kinh",
        "section": "Người được khai sinh",
        "max_length": 50,
    },
    {
        "name": "quoc_tich",
        "label": "Quốc tịch",
        "type": "text",
        "required": True,
        "default": "Việt Nam",
        "section": "Người được khai sinh",
        "max_length": 50,
    },
    {"name": "que_quan", "label": "Quê quán", "type": "text", "section": "Người được khai sinh"},
    {
        "name": "ho_ten_me",
        "label": "Họ, chữ đệm, tên người mẹ",
        "type": "text",
        "required": True,
        "section": "Cha, mẹ",
        "max_length": 100,
    },
    {
        "name": "cccd_me",
        "label": "Số định danh cá nhân của người mẹ",
        "type": "id_number",
        "section": "Cha, mẹ",
    },
    {
        "name": "ho_ten_cha",
        "label": "Họ, chữ đệm, tên người cha",
        "type": "text",
        "section": "Cha, mẹ",
        "help": "Bỏ trống nếu chưa xác định được cha.",
        "max_length": 100,
    },
    {
        "name": "cccd_cha",
        "label": "Số định danh cá nhân của người cha",
        "type": "id_number",
        "section": "Cha, mẹ",
    },
    {
        "name": "dang_ky_dung_han",
        "label": "Đăng ký trong thời hạn 60 ngày kể từ ngày sinh (được miễn lệ phí)",
        "type": "checkbox",
        "section": "Đề nghị",
    },
    {
        "name": "so_ban_sao",
        "label": "Số bản sao Giấy khai sinh đề nghị cấp",
        "type": "integer",
        "min": 0,
        "max": 10,
        "default": 0,
        "section": "Đề nghị",
    },
)

EFORM_KET_HON = (
    *_applicant_fields(("Bên nữ", "Bên nam")),
    *(
        field
        for side, key in (("bên nữ", "nu"), ("bên nam", "nam"))
        for field in (
            {
                "name": f"ho_ten_{key}",
                "label": f"Họ, chữ đệm, tên {side}",
                "type": "text",
                "required": True,
                "section": f"Thông tin {side}",
                "max_length": 100,
            },
            {
                "name": f"ngay_sinh_{key}",
                "label": f"Ngày sinh {side}",
                "type": "date",
                "required": True,
                "section": f"Thông tin {side}",
            },
            {
                "name": f"cccd_{key}",
                "label": f"Số định danh cá nhân {side}",
                "type": "id_number",
                "required": True,
                "section": f"Thông tin {side}",
            },
            {
                "name": f"noi_cu_tru_{key}",
                "label": f"Nơi cư trú {side}",
                "type": "text",
                "required": True,
                "section": f"Thông tin {side}",
            },
            {
                "name": f"lan_ket_hon_{key}",
                "label": f"Kết hôn lần thứ mấy ({side})",
                "type": "integer",
                "min": 1,
                "max": 20,
                "default": 1,
                "section": f"Thông tin {side}",
            },
        )
    ),
    {
        "name": "ngay_mong_muon",
        "label": "Ngày mong muốn tổ chức đăng ký",
        "type": "date",
        "section": "Đề nghị",
        "help": "Hai bên nam, nữ cùng có mặt khi đăng ký kết hôn.",
    },
)

EFORM_KHAI_TU = (
    *_applicant_fields(("Vợ, chồng", "Con", "Cha, mẹ", "Người thân thích khác", "Cơ quan, tổ chức")),
    {
        "name": "ho_ten_nguoi_chet",
        "label": "Họ, chữ đệm, tên người đã chết",
        "type": "text",
        "required": True,
        "section": "Người đã chết",
        "max_length": 100,
    },
    {
        "name": "cccd_nguoi_chet",
        "label": "Số định danh cá nhân của người đã chết",
        "type": "id_number",
        "section": "Người đã chết",
    },
    {"name": "ngay_chet", "label": "Ngày chết", "type": "date", "required": True, "section": "Người đã chết"},
    {"name": "noi_chet", "label": "Nơi chết", "type": "text", "required": True, "section": "Người đã chết"},
    {
        "name": "nguyen_nhan",
        "label": "Nguyên nhân chết",
        "type": "textarea",
        "section": "Người đã chết",
        "max_length": 500,
    },
    {
        "name": "so_ban_sao",
        "label": "Số bản sao Trích lục khai tử đề nghị cấp",
        "type": "integer",
        "min": 0,
        "max": 10,
        "default": 0,
        "section": "Đề nghị",
    },
)


# Each row: code, name, sector, level, competent ("communes" or a department key), and the rest of the
# spec fields. Keys not given take ProcedureSpec's defaults.
_ROWS: tuple[dict, ...] = (
    # ----- Hộ tịch -----
    {
        "code": "1.001193",
        "name": "Thủ tục đăng ký khai sinh",
        "sector": "HT",
        "description": "Đăng ký khai sinh cho trẻ em tại UBND cấp xã; từ 01/7/2025 nộp tại bất kỳ "
        "UBND xã nào trong tỉnh (theo nguồn S14).",
        "times": same_day(),
        "fees": (
            FeeSpec(
                kind=FeeKind.CHARGE,
                name="Lệ phí đăng ký khai sinh",
                amount=8000,
                description=f"Lệ phí đăng ký khai sinh không đúng hạn 8.000 đ ({OTHER_PROVINCE}). "
                "Miễn khi đăng ký đúng hạn (Luật Hộ tịch Đ.11 k.1), gia đình có công, hộ nghèo, "
                "người khuyết tật…",
                exemptions=BIRTH_EXEMPTIONS,
            ),
            FeeSpec(
                kind=FeeKind.FEE,
                name="Phí cấp bản sao Giấy khai sinh",
                amount=8000,
                basis=FeeBasis.PER_UNIT,
                quantity_field="so_ban_sao",
                description=f"Cấp bản sao Giấy khai sinh: 8.000 đ/bản ({OTHER_PROVINCE})",
            ),
        ),
        "components": (
            comp("Tờ khai đăng ký khai sinh (theo mẫu)"),
            comp(
                "Giấy chứng sinh",
                note="Nếu không có: văn bản của người làm chứng hoặc giấy cam đoan về việc sinh",
            ),
            ID_DOC,
        ),
        "results": (ResultSpec(name="Giấy khai sinh (bản chính)"),),
        "legal_bases": (
            LUAT_HO_TICH,
            ND_123_2015,
            law("1872/QĐ-BTP", "Quyết định công bố thủ tục hành chính (theo nguồn S14, cần kiểm chứng)"),
        ),
        "eform": EFORM_KHAI_SINH,
        "source_note": "S1, S2, S3 [V], S14 (shared/data/procedures-facts.md #1); lệ phí của tỉnh khác",
    },
    {
        "code": "1.000689",
        "name": "Thủ tục đăng ký khai sinh kết hợp nhận cha, mẹ, con",
        "sector": "HT",
        "times": days(3, f"Theo Luật Hộ tịch Đ.25 (nhận cha, mẹ, con), {UNVERIFIED}"),
        "components": (
            comp("Tờ khai đăng ký khai sinh (theo mẫu)"),
            comp("Tờ khai đăng ký nhận cha, mẹ, con (theo mẫu)"),
            comp("Giấy chứng sinh"),
            comp("Chứng cứ chứng minh quan hệ cha, mẹ, con"),
            ID_DOC,
        ),
        "results": (
            ResultSpec(name="Giấy khai sinh"),
            ResultSpec(name="Trích lục đăng ký nhận cha, mẹ, con"),
        ),
        "legal_bases": (LUAT_HO_TICH, ND_123_2015),
        "source_note": "S1 (facts #2); cấp thực hiện [U]",
    },
    {
        "code": "2.000528",
        "name": "Thủ tục đăng ký khai sinh có yếu tố nước ngoài",
        "sector": "HT",
        "applicant_types": CITIZEN_AND_FOREIGN,
        "times": same_day(f"Ngay trong ngày theo Luật Hộ tịch Đ.36, {UNVERIFIED}"),
        "components": (comp("Tờ khai đăng ký khai sinh (theo mẫu)"), comp("Giấy chứng sinh"), ID_DOC),
        "results": (ResultSpec(name="Giấy khai sinh (bản chính)"),),
        "legal_bases": (LUAT_HO_TICH, ND_120_2025),
        "source_note": "S1, S14 (facts #3): cấp xã từ 7/2025 theo NĐ 120/2025 [S]",
    },
    {
        "code": "1.004884",
        "name": "Thủ tục đăng ký lại khai sinh",
        "sector": "HT",
        "times": days(
            5, f"Theo Nghị định 123/2015/NĐ-CP; thêm tối đa 05 ngày nếu cần xác minh, {UNVERIFIED}"
        ),
        "components": (
            comp("Tờ khai đăng ký lại khai sinh (theo mẫu)"),
            comp(
                "Bản sao Giấy khai sinh cũ hoặc giấy tờ thay thế có thông tin khai sinh",
                originals=0,
                copies=1,
            ),
            ID_DOC,
        ),
        "results": (ResultSpec(name="Giấy khai sinh (bản chính)"),),
        "legal_bases": (LUAT_HO_TICH, ND_123_2015),
        "source_note": "S1, S2 (facts #4); cấp thực hiện [U]",
    },
    {
        "code": "1.000894",
        "name": "Thủ tục đăng ký kết hôn",
        "sector": "HT",
        "description": "Đăng ký kết hôn trong nước; hai bên nam, nữ có mặt khi đăng ký.",
        "times": same_day(f"{SAME_DAY}; tối đa 05 ngày làm việc nếu cần xác minh (theo nguồn S8)"),
        "components": (
            comp("Tờ khai đăng ký kết hôn (theo mẫu)"),
            comp(
                "Giấy xác nhận tình trạng hôn nhân",
                case="Người không thường trú tại xã nơi đăng ký kết hôn",
                mandatory=False,
            ),
            ID_DOC,
        ),
        "results": (ResultSpec(name="Giấy chứng nhận kết hôn"),),
        "legal_bases": (LUAT_HNGD, LUAT_HO_TICH, ND_123_2015),
        "eform": EFORM_KET_HON,
        "source_note": "S1, S2, S8 [V] (facts #7)",
    },
    {
        "code": "2.000806",
        "name": "Thủ tục đăng ký kết hôn có yếu tố nước ngoài",
        "sector": "HT",
        "applicant_types": CITIZEN_AND_FOREIGN,
        "times": days(15, f"Theo Luật Hộ tịch Đ.38, {UNVERIFIED}"),
        "components": (
            comp("Tờ khai đăng ký kết hôn (theo mẫu)"),
            comp("Giấy tờ chứng minh tình trạng hôn nhân của người nước ngoài"),
            comp("Giấy xác nhận không mắc bệnh tâm thần hoặc bệnh khác mà không có khả năng nhận thức"),
            ID_DOC,
        ),
        "results": (ResultSpec(name="Giấy chứng nhận kết hôn"),),
        "legal_bases": (LUAT_HNGD, LUAT_HO_TICH, ND_120_2025),
        "source_note": "S1, S14 (facts #8): cấp xã từ 7/2025 [S]",
    },
    {
        "code": "1.000593",
        "name": "Thủ tục đăng ký kết hôn lưu động",
        "sector": "HT",
        "times": days(5, f"Theo Nghị định 123/2015/NĐ-CP (đăng ký lưu động), {UNVERIFIED}"),
        "components": (comp("Tờ khai đăng ký kết hôn (theo mẫu)"), ID_DOC),
        "results": (ResultSpec(name="Giấy chứng nhận kết hôn"),),
        "legal_bases": (LUAT_HO_TICH, ND_123_2015),
        "source_note": "S1 (facts #9); cấp thực hiện [U]",
    },
    {
        "code": "1.000656",
        "name": "Thủ tục đăng ký khai tử",
        "sector": "HT",
        "requirements": "Miễn lệ phí khi đăng ký trong thời hạn 15 ngày kể từ ngày chết.",
        "times": same_day(),
        "components": (
            comp("Tờ khai đăng ký khai tử (theo mẫu)"),
            comp("Giấy báo tử hoặc giấy tờ thay thế Giấy báo tử"),
            ID_DOC,
        ),
        "results": (ResultSpec(name="Trích lục khai tử"),),
        "legal_bases": (
            law("60/2014/QH13", "Luật Hộ tịch (Điều 33)", date(2014, 11, 20)),
            ND_123_2015,
        ),
        "eform": EFORM_KHAI_TU,
        "source_note": "S1, S2, S8 [V] (facts #11)",
    },
    {
        "code": "1.000419",
        "name": "Thủ tục đăng ký khai tử lưu động",
        "sector": "HT",
        "times": days(5, f"Theo Nghị định 123/2015/NĐ-CP (đăng ký lưu động), {UNVERIFIED}"),
        "components": (comp("Tờ khai đăng ký khai tử (theo mẫu)"), comp("Giấy báo tử hoặc giấy tờ thay thế")),
        "results": (ResultSpec(name="Trích lục khai tử"),),
        "legal_bases": (LUAT_HO_TICH, ND_123_2015),
        "source_note": "S1 (facts #12); cấp thực hiện [U]",
    },
    {
        "code": "1.005461",
        "name": "Thủ tục đăng ký lại khai tử",
        "sector": "HT",
        "times": days(5, "05 ngày làm việc; tối đa 10 ngày nếu cần xác minh (theo nguồn S9, trước 2025)"),
        "fees": (
            FeeSpec(
                kind=FeeKind.CHARGE,
                amount=5000,
                description=f"5.000 đ ({OTHER_PROVINCE}: Yên Bái); tỉnh đó miễn khi nộp trực tuyến",
            ),
        ),
        "components": (
            comp("Tờ khai đăng ký lại khai tử (theo mẫu)"),
            comp("Bản sao Giấy chứng tử cũ hoặc giấy tờ chứng minh việc khai tử", originals=0, copies=1),
            AUTHORISATION,
        ),
        "results": (ResultSpec(name="Trích lục khai tử"),),
        "legal_bases": (law("123/2015/NĐ-CP", "Nghị định 123/2015/NĐ-CP (Điều 28)", date(2015, 11, 15)),),
        "source_note": "S1, S9 [V] (facts #13): cấp huyện trước 2025, nay cấp xã",
    },
    {
        "code": "1.004873",
        "name": "Thủ tục cấp Giấy xác nhận tình trạng hôn nhân",
        "sector": "HT",
        "online_kind": OnlineKind.FULL,
        "times": days(
            3, "03 ngày làm việc; tối đa 23 ngày nếu cần xác minh (theo nguồn S6, S7)", channels=ALL
        ),
        "components": (
            comp("Tờ khai cấp Giấy xác nhận tình trạng hôn nhân (hoặc biểu mẫu điện tử)"),
            comp(
                "Bản án, quyết định ly hôn hoặc giấy chứng tử của vợ/chồng",
                case="Người đã kết hôn",
                originals=0,
                copies=1,
                mandatory=False,
            ),
            AUTHORISATION,
        ),
        "results": (ResultSpec(name="Giấy xác nhận tình trạng hôn nhân"),),
        "legal_bases": (LUAT_HO_TICH, ND_123_2015),
        "source_note": "S1, S6 [V] (An Giang: toàn trình), S7 [V] (facts #14)",
    },
    {
        "code": "2.000635",
        "name": "Thủ tục cấp bản sao trích lục hộ tịch",
        "sector": "HT",
        "times": same_day(f"{SAME_DAY} ({UNVERIFIED})"),
        "fees": (FeeSpec(kind=FeeKind.FEE, amount=8000, description=f"8.000 đ/bản ({OTHER_PROVINCE}; [U])"),),
        "components": (comp("Tờ khai cấp bản sao trích lục hộ tịch (theo mẫu)"), ID_DOC),
        "results": (ResultSpec(name="Bản sao trích lục hộ tịch"),),
        "legal_bases": (LUAT_HO_TICH, ND_123_2015),
        "source_note": "S1 (facts #15); lệ phí theo cổng DVC một phường TP.HCM [U]",
    },
    {
        "code": "3.000323",
        "name": "Thủ tục đăng ký giám sát việc giám hộ",
        "sector": "HT",
        "times": days(3, f"Theo Luật Hộ tịch (giám hộ), {UNVERIFIED}"),
        "components": (comp("Tờ khai đăng ký giám sát việc giám hộ (theo mẫu)"), ID_DOC),
        "results": (ResultSpec(name="Trích lục đăng ký giám sát việc giám hộ"),),
        "legal_bases": (LUAT_HO_TICH, ND_123_2015),
        "source_note": "S1 (facts #16); cấp thực hiện [U]",
    },
    {
        "code": "1.004845",
        "name": "Thủ tục đăng ký chấm dứt giám hộ",
        "sector": "HT",
        "times": days(2, f"Theo Luật Hộ tịch Đ.22, {UNVERIFIED}"),
        "components": (
            comp("Tờ khai đăng ký chấm dứt giám hộ (theo mẫu)"),
            comp("Giấy tờ làm căn cứ chấm dứt giám hộ"),
        ),
        "results": (ResultSpec(name="Trích lục đăng ký chấm dứt giám hộ"),),
        "legal_bases": (LUAT_HO_TICH, ND_123_2015),
        "source_note": "S1 (facts #17); cấp thực hiện [U]",
    },
    # ----- Nuôi con nuôi -----
    {
        "code": "2.001263",
        "name": "Thủ tục đăng ký việc nuôi con nuôi trong nước",
        "sector": "NCN",
        "times": days(30, f"Theo Luật Nuôi con nuôi, {UNVERIFIED}", unit=TimeUnit.DAY),
        "fees": (
            FeeSpec(
                kind=FeeKind.CHARGE,
                amount=400000,
                description="Lệ phí 400.000 đ; miễn cho cha dượng, mẹ kế, cô, cậu, dì, chú, bác ruột nhận "
                "cháu, nhận trẻ khuyết tật, nhiễm HIV, người có công (theo nguồn S1, cần kiểm chứng)",
            ),
        ),
        "components": (
            comp("Đơn xin nhận con nuôi (theo mẫu)"),
            comp("Giấy khai sinh của người được nhận làm con nuôi", originals=0, copies=1),
            comp("Phiếu lý lịch tư pháp của người nhận con nuôi"),
            comp("Giấy khám sức khỏe của người nhận con nuôi"),
            ID_DOC,
        ),
        "results": (ResultSpec(name="Giấy chứng nhận nuôi con nuôi"),),
        "legal_bases": (
            LUAT_NUOI_CON_NUOI,
            law("114/2016/NĐ-CP", "Nghị định quy định lệ phí đăng ký nuôi con nuôi"),
        ),
        "source_note": "S1 (facts #18); cấp thực hiện [U]",
    },
    # ----- Chứng thực -----
    {
        "code": "2.000815",
        "name": "Thủ tục chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan, tổ chức có thẩm quyền "
        "của Việt Nam cấp hoặc chứng nhận",
        "sector": "CT",
        "applicant_types": CITIZEN_AND_ORG,
        "times": same_day(
            f"{SAME_DAY}; thêm tối đa 02 ngày làm việc với yêu cầu số lượng lớn (theo nguồn S4)"
        ),
        "fees": (
            FeeSpec(
                kind=FeeKind.FEE,
                amount=2000,
                description="2.000 đ/trang cho trang thứ nhất và thứ hai "
                "(Thông tư 226/2016/TT-BTC, mức toàn quốc)",
            ),
            FeeSpec(
                kind=FeeKind.FEE,
                amount=1000,
                description="1.000 đ/trang từ trang thứ ba; tối đa 200.000 đ/bản (Thông tư 226/2016/TT-BTC)",
            ),
        ),
        "components": (
            comp("Bản chính giấy tờ, văn bản làm cơ sở chứng thực bản sao"),
            comp("Bản sao cần chứng thực", originals=0, copies=1, note="Hoặc cơ quan chụp từ bản chính"),
        ),
        "results": (ResultSpec(name="Bản sao có chứng thực"),),
        "legal_bases": (ND_23_2015, TT_226_2016),
        "source_note": "S1, S4 [V], S18 (facts #19)",
    },
    {
        "code": "2.000884",
        "name": "Thủ tục chứng thực chữ ký trong các giấy tờ, văn bản (áp dụng cho cả trường hợp chứng thực "
        "điểm chỉ và trường hợp người yêu cầu chứng thực không thể ký, không thể điểm chỉ được)",
        "sector": "CT",
        "applicant_types": CITIZEN_AND_FOREIGN,
        "times": same_day(),
        "fees": (FeeSpec(kind=FeeKind.FEE, amount=10000, description="10.000 đ/trường hợp (theo nguồn S5)"),),
        "components": (ID_DOC, comp("Giấy tờ, văn bản cần chứng thực chữ ký")),
        "results": (ResultSpec(name="Giấy tờ, văn bản đã được chứng thực chữ ký"),),
        "legal_bases": (ND_23_2015, TT_226_2016),
        "source_note": "S1, S5 [V] (facts #20)",
    },
    {
        "code": "2.001008",
        "name": "Thủ tục chứng thực chữ ký người dịch mà người dịch không phải là cộng tác viên dịch thuật",
        "sector": "CT",
        "times": same_day(f"{SAME_DAY} ({UNVERIFIED})"),
        "components": (
            ID_DOC,
            comp("Bản dịch và giấy tờ, văn bản cần dịch"),
            comp(
                "Bằng cử nhân ngoại ngữ trở lên hoặc bằng tốt nghiệp đại học ở nước ngoài",
                originals=0,
                copies=1,
            ),
        ),
        "results": (ResultSpec(name="Bản dịch đã được chứng thực chữ ký người dịch"),),
        "legal_bases": (ND_23_2015,),
        "source_note": "S1 (facts #21); tên theo S1, cấp thực hiện [U]",
    },
    {
        "code": "2.000992",
        "name": "Thủ tục chứng thực chữ ký người dịch là cộng tác viên dịch thuật",
        "sector": "CT",
        "times": same_day(f"{SAME_DAY} ({UNVERIFIED})"),
        "components": (ID_DOC, comp("Bản dịch và giấy tờ, văn bản cần dịch")),
        "results": (ResultSpec(name="Bản dịch đã được chứng thực chữ ký người dịch"),),
        "legal_bases": (ND_23_2015,),
        "source_note": "S1 (facts #22); tên theo S1, cấp thực hiện [U]",
    },
    {
        "code": "2.000942",
        "name": "Thủ tục cấp bản sao có chứng thực từ bản chính hợp đồng, giao dịch đã được chứng thực",
        "sector": "CT",
        "applicant_types": CITIZEN_AND_ORG,
        "times": same_day(f"{SAME_DAY} ({UNVERIFIED})"),
        "components": (ID_DOC, AUTHORISATION),
        "results": (ResultSpec(name="Bản sao có chứng thực hợp đồng, giao dịch"),),
        "legal_bases": (ND_23_2015,),
        "source_note": "S1 (facts #23); cấp thực hiện [U]",
    },
    # ----- Cư trú (Công an cấp xã; the demo has no commune police units, see docs) -----
    {
        "code": "1.004222",
        "name": "Đăng ký thường trú",
        "sector": "CTRU",
        "competent": "congan",
        "times": days(7, f"Theo Luật Cư trú Đ.22, {UNVERIFIED}"),
        "requirements": RESIDENCE_FEE_NOTE,
        "components": (CT01, comp("Giấy tờ, tài liệu chứng minh chỗ ở hợp pháp", originals=0, copies=1)),
        "results": (ResultSpec(name="Thông báo kết quả đăng ký thường trú"),),
        "legal_bases": (LUAT_CU_TRU, TT_66_2023, TT_85_2019),
        "source_note": "S1 (facts #25); thực hiện tại Công an cấp xã",
    },
    {
        "code": "1.004194",
        "name": "Đăng ký tạm trú",
        "sector": "CTRU",
        "competent": "congan",
        "times": days(3, "03 ngày làm việc (theo nguồn S13)"),
        "requirements": RESIDENCE_FEE_NOTE,
        "components": (CT01, comp("Giấy tờ, tài liệu chứng minh chỗ ở hợp pháp", originals=0, copies=1)),
        "results": (ResultSpec(name="Thông báo kết quả đăng ký tạm trú"),),
        "legal_bases": (LUAT_CU_TRU, TT_66_2023, TT_85_2019),
        "source_note": "S1, S13 [V] (facts #26); thực hiện tại Công an cấp xã",
    },
    {
        "code": "1.002755",
        "name": "Gia hạn tạm trú",
        "sector": "CTRU",
        "competent": "congan",
        "times": days(3, f"Theo Luật Cư trú, {UNVERIFIED}"),
        "components": (CT01,),
        "results": (ResultSpec(name="Thông báo kết quả gia hạn tạm trú"),),
        "legal_bases": (LUAT_CU_TRU, TT_66_2023),
        "source_note": "S1 (facts #27)",
    },
    {
        "code": "1.010028",
        "name": "Xóa đăng ký tạm trú",
        "sector": "CTRU",
        "competent": "congan",
        "times": days(1, f"Theo Luật Cư trú, {UNVERIFIED}"),
        "components": (
            CT01,
            comp("Giấy tờ chứng minh thuộc trường hợp xóa đăng ký tạm trú", originals=0, copies=1),
        ),
        "results": (ResultSpec(name="Thông báo kết quả xóa đăng ký tạm trú"),),
        "legal_bases": (LUAT_CU_TRU, TT_66_2023),
        "source_note": "S1 (facts #28)",
    },
    {
        "code": "1.003197",
        "name": "Xóa đăng ký thường trú",
        "sector": "CTRU",
        "competent": "congan",
        "times": days(1, f"Theo Luật Cư trú Đ.24, {UNVERIFIED}"),
        "components": (
            CT01,
            comp("Giấy tờ chứng minh thuộc trường hợp xóa đăng ký thường trú", originals=0, copies=1),
        ),
        "results": (ResultSpec(name="Thông báo kết quả xóa đăng ký thường trú"),),
        "legal_bases": (LUAT_CU_TRU, TT_66_2023),
        "source_note": "S1 (facts #28)",
    },
    # ----- Hộ kinh doanh -----
    {
        "code": "2.000720",
        "name": "Đăng ký thay đổi nội dung đăng ký hộ kinh doanh",
        "sector": "HKD",
        "times": days(3, f"Theo Nghị định 01/2021/NĐ-CP, {UNVERIFIED}"),
        "components": (comp("Thông báo thay đổi nội dung đăng ký hộ kinh doanh (theo mẫu)"), ID_DOC),
        "results": (ResultSpec(name="Giấy chứng nhận đăng ký hộ kinh doanh"),),
        "legal_bases": (ND_01_2021,),
        "source_note": HKD_SOURCE + " (facts #29)",
    },
    {
        "code": "2.000575",
        "name": "Cấp lại Giấy chứng nhận đăng ký hộ kinh doanh",
        "sector": "HKD",
        "times": days(3, f"Theo Nghị định 01/2021/NĐ-CP, {UNVERIFIED}"),
        "components": (comp("Giấy đề nghị cấp lại Giấy chứng nhận đăng ký hộ kinh doanh"), ID_DOC),
        "results": (ResultSpec(name="Giấy chứng nhận đăng ký hộ kinh doanh (cấp lại)"),),
        "legal_bases": (ND_01_2021,),
        "source_note": HKD_SOURCE + " (facts #30)",
    },
    {
        "code": "1.001570",
        "name": "Tạm ngừng kinh doanh, tiếp tục kinh doanh trước thời hạn đã thông báo của hộ kinh doanh",
        "sector": "HKD",
        "times": days(3, f"Theo Nghị định 01/2021/NĐ-CP, {UNVERIFIED}"),
        "components": (comp("Thông báo tạm ngừng kinh doanh / tiếp tục kinh doanh (theo mẫu)"),),
        "results": (ResultSpec(name="Giấy xác nhận về việc hộ kinh doanh đăng ký tạm ngừng kinh doanh"),),
        "legal_bases": (ND_01_2021,),
        "source_note": HKD_SOURCE + " (facts #30)",
    },
    {
        "code": "1.001266",
        "name": "Chấm dứt hoạt động hộ kinh doanh",
        "sector": "HKD",
        "times": days(3, f"Theo Nghị định 01/2021/NĐ-CP, {UNVERIFIED}"),
        "components": (
            comp("Thông báo chấm dứt hoạt động hộ kinh doanh (theo mẫu)"),
            comp("Bản gốc Giấy chứng nhận đăng ký hộ kinh doanh"),
        ),
        "results": (ResultSpec(name="Thông báo về việc chấm dứt hoạt động hộ kinh doanh"),),
        "legal_bases": (ND_01_2021,),
        "source_note": HKD_SOURCE + " (facts #30)",
    },
    # ----- Xây dựng (S1's dataset targets xã/phường; names paraphrased from S1) -----
    *(
        {
            "code": code,
            "name": f"{verb} giấy phép xây dựng (công trình cấp III, cấp IV và nhà ở riêng lẻ)",
            "sector": "XD",
            "applicant_types": CITIZEN_AND_ORG,
            "times": days(n, f"Theo Luật Xây dựng, {UNVERIFIED}"),
            "components": (
                comp(f"Đơn đề nghị {verb.lower()} giấy phép xây dựng (theo mẫu)"),
                *extra,
            ),
            "results": (ResultSpec(name="Giấy phép xây dựng"),),
            "legal_bases": (LUAT_XAY_DUNG, ND_175_2024),
            "source_note": "S1 (facts #32): mã; tên diễn giải từ S1, cần đối chiếu tên chính thức; "
            "cấp xã [U]",
        }
        for code, verb, n, extra in (
            (
                "1.013225",
                "Cấp",
                15,
                (
                    comp("Giấy tờ chứng minh quyền sử dụng đất", originals=0, copies=1),
                    comp("Bản vẽ thiết kế xây dựng", originals=2),
                ),
            ),
            (
                "1.013226",
                "Điều chỉnh",
                15,
                (
                    comp("Bản chính giấy phép xây dựng đã cấp"),
                    comp("Bản vẽ thiết kế điều chỉnh", originals=2),
                ),
            ),
            ("1.013227", "Gia hạn", 5, (comp("Bản chính giấy phép xây dựng đã cấp"),)),
            (
                "1.013228",
                "Cấp lại",
                5,
                (
                    comp(
                        "Bản chính giấy phép xây dựng đã cấp", mandatory=False, note="Trường hợp bị rách, nát"
                    ),
                ),
            ),
        )
    ),
    # ----- Đất đai (provincial) -----
    {
        "code": "1.012753",
        "name": "Cấp Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất lần đầu "
        "đối với tổ chức",
        "sector": "DD",
        "competent": "sonnmt",
        "applicant_types": ORGANISATION,
        "times": days(20, DEMO_TIME),
        "components": (
            comp("Đơn đăng ký đất đai, tài sản gắn liền với đất (theo mẫu)"),
            comp("Giấy tờ về quyền sử dụng đất", originals=0, copies=1),
            comp("Sơ đồ, bản vẽ tài sản gắn liền với đất", mandatory=False),
        ),
        "results": (
            ResultSpec(name="Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất"),
        ),
        "legal_bases": (LUAT_DAT_DAI,),
        "source_note": "S1, S17 (mã 1.012753.H19 'Cấp GCN lần đầu đối với tổ chức'); tên diễn giải, cấp tỉnh",
    },
    # ----- Việc làm: work permits for foreigners (provincial; Sở Nội vụ after 2025) -----
    *(
        {
            "code": code,
            "name": f"{verb} giấy phép lao động cho người lao động nước ngoài làm việc tại Việt Nam",
            "sector": "VL",
            "competent": "sonoivu",
            "applicant_types": ORGANISATION,
            "times": days(n, f"Theo Nghị định 152/2020/NĐ-CP, {UNVERIFIED}"),
            "components": (
                comp(
                    f"Văn bản đề nghị {verb.lower()} giấy phép lao động của người sử dụng lao động (theo mẫu)"
                ),
                comp("Hộ chiếu của người lao động nước ngoài", originals=0, copies=1),
                comp("Ảnh màu 4x6 cm", originals=2),
            ),
            "results": (ResultSpec(name="Giấy phép lao động"),),
            "legal_bases": (BLLD_2019,),
            "source_note": "S1 (facts #33): mã; tên diễn giải; cấp tỉnh theo truyền thống [U]",
        }
        for code, verb, n in (("1.014199", "Cấp", 5), ("1.014200", "Cấp lại", 3), ("1.014201", "Gia hạn", 5))
    ),
    # ----- Bảo trợ xã hội -----
    {
        "code": "1.001776",
        "name": "Thực hiện, điều chỉnh, thôi hưởng trợ cấp xã hội hàng tháng, hỗ trợ kinh phí chăm sóc, "
        "nuôi dưỡng hàng tháng",
        "sector": "BTXH",
        "times": days(20, DEMO_TIME, channels=ALL),
        "components": (comp("Tờ khai đề nghị trợ giúp xã hội (theo mẫu)"), ID_DOC),
        "results": (ResultSpec(name="Quyết định trợ cấp xã hội hàng tháng"),),
        "legal_bases": (ND_20_2021,),
        "source_note": "S1, S12 [V] (facts #34; trực tiếp, trực tuyến, bưu chính); tên cần đối chiếu",
    },
    {
        "code": "1.014027",
        "name": "Trợ cấp hưu trí xã hội; điều chỉnh, thôi hưởng trợ cấp hưu trí xã hội",
        "sector": "BTXH",
        "times": days(15, DEMO_TIME, channels=ALL),
        "components": (comp("Tờ khai đề nghị hưởng trợ cấp hưu trí xã hội (theo mẫu)"), ID_DOC),
        "results": (ResultSpec(name="Quyết định hưởng trợ cấp hưu trí xã hội"),),
        "legal_bases": (LUAT_BHXH_2024,),
        "source_note": "S1 (facts #34): mã; tên diễn giải từ S1",
    },
    {
        "code": "1.014028",
        "name": "Hỗ trợ chi phí mai táng đối với người đang hưởng trợ cấp hưu trí xã hội",
        "sector": "BTXH",
        "times": days(5, DEMO_TIME, channels=ALL),
        "components": (
            comp("Tờ khai đề nghị hỗ trợ chi phí mai táng (theo mẫu)"),
            comp("Trích lục khai tử", originals=0, copies=1),
        ),
        "results": (ResultSpec(name="Quyết định hỗ trợ chi phí mai táng"),),
        "legal_bases": (LUAT_BHXH_2024,),
        "source_note": "S1 (facts #34): mã; tên diễn giải từ S1",
    },
    {
        "code": "1.001699",
        "name": "Xác định, xác định lại mức độ khuyết tật và cấp Giấy xác nhận khuyết tật",
        "sector": "BTXH",
        "times": days(20, DEMO_TIME),
        "components": (
            comp("Đơn đề nghị xác định mức độ khuyết tật (theo mẫu)"),
            comp("Hồ sơ bệnh án, giấy tờ y tế liên quan", originals=0, copies=1, mandatory=False),
        ),
        "results": (ResultSpec(name="Giấy xác nhận khuyết tật"),),
        "legal_bases": (LUAT_NKT,),
        "source_note": "S1 (facts #35); cấp xã [U]",
    },
    {
        "code": "1.001653",
        "name": "Đổi, cấp lại Giấy xác nhận khuyết tật",
        "sector": "BTXH",
        "times": days(5, DEMO_TIME),
        "components": (comp("Đơn đề nghị đổi, cấp lại Giấy xác nhận khuyết tật (theo mẫu)"),),
        "results": (ResultSpec(name="Giấy xác nhận khuyết tật"),),
        "legal_bases": (LUAT_NKT,),
        "source_note": "S1 (facts #35); cấp xã [U]",
    },
)


# One procedure for each staffed department that the facts file gives none (see the module docstring).
DEPARTMENT_ROWS: tuple[dict, ...] = (
    {
        "code": "1.999001",
        "name": "Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam",
        "sector": "LLTP",
        "competent": "sotuphap",
        "times": days(10, "Theo nguồn (facts #24): 10 ngày; tối đa 15 ngày nếu cần xác minh"),
        "components": (comp("Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp (theo mẫu)"), ID_DOC),
        "results": (ResultSpec(name="Phiếu lý lịch tư pháp"),),
        "legal_bases": (law("28/2009/QH12", "Luật Lý lịch tư pháp", date(2009, 6, 17)),),
        "source_note": f"S10, S21 (facts #24); {DEMO_CODE}",
    },
    {
        "code": "1.999002",
        "name": "Cấp giấy phép xây dựng công trình cấp I, cấp II",
        "sector": "XD",
        "competent": "soxaydung",
        "applicant_types": CITIZEN_AND_ORG,
        "times": days(20, DEMO_TIME),
        "components": (
            comp("Đơn đề nghị cấp giấy phép xây dựng (theo mẫu)"),
            comp("Giấy tờ chứng minh quyền sử dụng đất", originals=0, copies=1),
            comp("Bản vẽ thiết kế xây dựng", originals=2),
        ),
        "results": (ResultSpec(name="Giấy phép xây dựng"),),
        "legal_bases": (ND_175_2024,),
        "source_note": f"Cấp tỉnh theo phân cấp thông thường [U]; {DEMO_CODE}",
    },
    {
        "code": "1.999003",
        "name": "Đăng ký thành lập doanh nghiệp tư nhân",
        "sector": "DKKD",
        "competent": "sotaichinh",
        "applicant_types": CITIZEN_AND_ORG,
        "times": days(3, DEMO_TIME),
        "components": (comp("Giấy đề nghị đăng ký doanh nghiệp tư nhân (theo mẫu)"), ID_DOC),
        "results": (ResultSpec(name="Giấy chứng nhận đăng ký doanh nghiệp"),),
        "legal_bases": (law("59/2020/QH14", "Luật Doanh nghiệp", date(2020, 6, 17)),),
        "source_note": f"Phòng Đăng ký kinh doanh thuộc Sở Tài chính từ 2025 [U]; {DEMO_CODE}",
    },
    {
        "code": "1.999004",
        "name": "Cấp chứng chỉ hành nghề dược",
        "sector": "DUOC",
        "competent": "soyte",
        "times": days(10, DEMO_TIME),
        "components": (
            comp("Đơn đề nghị cấp chứng chỉ hành nghề dược (theo mẫu)"),
            comp("Bản sao văn bằng chuyên môn", originals=0, copies=1),
            ID_DOC,
        ),
        "results": (ResultSpec(name="Chứng chỉ hành nghề dược"),),
        "legal_bases": (law("105/2016/QH13", "Luật Dược", date(2016, 4, 6)),),
        "source_note": f"Cấp tỉnh [U]; {DEMO_CODE}",
    },
)


# Research annotations that belong to the source note (admin, docs), never to a public page:
# "(theo nguồn S14)", "(theo nguồn S14, cần kiểm chứng)", "; cần kiểm chứng …", ", cần kiểm chứng",
# "Theo nguồn (facts #24): ", ", chưa xác lập từ nguồn".
_ANNOTATIONS = (
    re.compile(r"\s*\((?:theo nguồn|cần kiểm chứng)[^()]*\)"),
    re.compile(r";\s*cần kiểm chứng[^()]*(?=\))"),
    re.compile(r",\s*cần kiểm chứng\b[^,;()]*"),
    re.compile(r"^Theo nguồn \(facts #\d+\):\s*"),
    re.compile(r",\s*chưa xác lập từ nguồn"),
    re.compile(r"[;,]?\s*\[[USV]\]"),  # the facts file's confidence tags
)


def public_text(text: str) -> tuple[str, list[str]]:
    """`text` without its research annotations (`_ANNOTATIONS`), and what was taken out."""
    removed: list[str] = []
    for pattern in _ANNOTATIONS:
        removed += [m.group(0).strip(" ,;()") for m in pattern.finditer(text)]
        text = pattern.sub("", text)
    text = text.strip()
    return (text[:1].upper() + text[1:] if removed and text else text), removed


def _scrubbed(data: dict) -> dict:
    """The spec's public texts (description, time and fee notes, legal-basis titles) without research
    annotations; those join the source note, which only the admin and docs show."""
    notes: list[str] = []

    def clean(text: str) -> str:
        public, removed = public_text(text)
        notes.extend(removed)
        return public

    data["description"] = clean(data.get("description", ""))
    data["times"] = tuple(
        t.model_copy(update={"description": clean(t.description)}) for t in data.get("times", ())
    )
    data["fees"] = tuple(
        f.model_copy(update={"description": clean(f.description)}) for f in data.get("fees", ())
    )
    data["legal_bases"] = tuple(
        b.model_copy(update={"title": clean(b.title)}) for b in data.get("legal_bases", ())
    )
    if notes:
        unique = list(dict.fromkeys(n for n in notes if n))
        data["source_note"] = "; ".join([data.get("source_note", ""), *unique]).strip("; ")[:500]
    return data


def procedure_specs() -> list[ProcedureSpec]:
    """The demo specs, with competent and receiving agencies filled from the demo tree; research
    annotations moved from public texts to the source note (`_scrubbed`)."""
    committees = tuple(c.identifier for c in demo_communes())
    centres = tuple(c.centre_identifier for c in demo_communes())
    specs = []
    for row in (*_ROWS, *DEPARTMENT_ROWS):
        row = dict(row)
        competent = row.pop("competent", "communes")
        sector = row.pop("sector")
        provincial = competent != "communes" and competent != "congan"
        data = {
            "sector_code": sector,
            "sector_name": SECTORS[sector],
            "level": Level.PROVINCE if provincial else Level.COMMUNE,
            "online_kind": OnlineKind.PARTIAL,
            "applicant_types": CITIZEN,
            "competent_agencies": committees
            if competent == "communes"
            else (DEPARTMENTS_BY_KEY[competent].identifier,),
            "receiving_agencies": (CITY_CENTRE_ID,) if provincial else centres,
            **row,
        }
        if any(
            t.unit == TimeUnit.SAME_DAY and _CUTOFF_STATED in t.description for t in data.get("times", ())
        ):
            data.setdefault("same_day_cutoff", _CUTOFF)
        specs.append(ProcedureSpec(**_scrubbed(data)))
    return specs
