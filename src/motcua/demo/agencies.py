"""The demo province's agency tree: a merged city modelled on Hải Phòng after 1 Jul 2025.

Real: the commune-level names and their 5-digit administrative-unit codes (from the CSV beside this
module, Decision 19/2025/QĐ-TTg numbering). Invented: every agency identifier (Hải Phòng's Hnn was
not found, so all use H99), addresses, and the department/division list (standard post-2025 names,
unverified for Hải Phòng). See docs/demo-data.md.
"""

import csv
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from motcua.core.text import fold
from motcua.organizations.models import Agency, AgencyKind, AgencySuccession, SuccessionKind

PROVINCE_SUFFIX = "H99"  # INVENTED: Hải Phòng's real Hnn was not found.
CITY_COMMITTEE_ID = f"000.00.00.{PROVINCE_SUFFIX}"
CITY_CENTRE_ID = f"000.00.20.{PROVINCE_SUFFIX}"
REFORM_DATE = date(2025, 7, 1)
DEMO_ADDRESS = "{place}, thành phố Hải Phòng (địa chỉ minh họa)"

DATA_DIR = Path(__file__).resolve().parent / "data"
COMMUNES_CSV = DATA_DIR / "haiphong-communes-2025.csv"


def department_id(zz: int) -> str:
    return f"000.00.{zz:02d}.{PROVINCE_SUFFIX}"


def division_id(zz: int, yy: int) -> str:
    return f"000.{yy:02d}.{zz:02d}.{PROVINCE_SUFFIX}"


def commune_id(zz: int) -> str:
    return f"000.00.{zz:02d}.{PROVINCE_SUFFIX}"


def commune_centre_id(zz: int) -> str:
    return f"000.01.{zz:02d}.{PROVINCE_SUFFIX}"


@dataclass(frozen=True)
class Department:
    zz: int
    key: str  # used in usernames (thuly.sotuphap) and by the procedure data
    name: str
    short_name: str
    divisions: tuple[str, ...]

    @property
    def identifier(self) -> str:
        return department_id(self.zz)


# Standard department names after the 2025 reorganisation (Decree 45/2025/NĐ-CP, verify);
# NOT verified for Hải Phòng. ZZ 01..19.
DEPARTMENTS: tuple[Department, ...] = (
    Department(
        1,
        "sotuphap",
        "Sở Tư pháp",
        "STP",
        ("Phòng Hành chính tư pháp", "Phòng Bổ trợ tư pháp", "Phòng Xây dựng và Kiểm tra văn bản"),
    ),
    Department(
        2,
        "soxaydung",
        "Sở Xây dựng",
        "SXD",
        (
            "Phòng Quản lý hoạt động xây dựng",
            "Phòng Quy hoạch - Kiến trúc",
            "Phòng Quản lý nhà và thị trường bất động sản",
        ),
    ),
    Department(
        3,
        "sonnmt",
        "Sở Nông nghiệp và Môi trường",
        "SNNMT",
        ("Phòng Quản lý đất đai", "Phòng Môi trường", "Văn phòng Đăng ký đất đai"),
    ),
    Department(
        4,
        "sotaichinh",
        "Sở Tài chính",
        "STC",
        ("Phòng Đăng ký kinh doanh", "Phòng Quản lý ngân sách", "Phòng Quản lý giá và công sản"),
    ),
    Department(
        5,
        "sonoivu",
        "Sở Nội vụ",
        "SNV",
        ("Phòng Tổ chức, biên chế", "Phòng Lao động - Việc làm", "Phòng Người có công"),
    ),
    Department(
        6,
        "soyte",
        "Sở Y tế",
        "SYT",
        ("Phòng Nghiệp vụ Y", "Phòng Quản lý Dược", "Phòng Bảo trợ xã hội"),
    ),
    Department(
        7,
        "sogddt",
        "Sở Giáo dục và Đào tạo",
        "SGDĐT",
        ("Phòng Giáo dục phổ thông", "Phòng Giáo dục mầm non", "Phòng Quản lý chất lượng"),
    ),
    Department(
        8,
        "sovhttdl",
        "Sở Văn hóa, Thể thao và Du lịch",
        "SVHTTDL",
        ("Phòng Quản lý văn hóa", "Phòng Quản lý du lịch", "Phòng Quản lý thể dục thể thao"),
    ),
    Department(
        9,
        "sokhcn",
        "Sở Khoa học và Công nghệ",
        "SKHCN",
        ("Phòng Quản lý công nghệ", "Phòng Chuyển đổi số", "Phòng Bưu chính, viễn thông"),
    ),
    Department(
        10,
        "socongthuong",
        "Sở Công Thương",
        "SCT",
        ("Phòng Quản lý thương mại", "Phòng Quản lý công nghiệp", "Phòng Quản lý năng lượng"),
    ),
    Department(
        11,
        "congan",
        "Công an thành phố Hải Phòng",
        "CATP",
        (
            "Phòng Cảnh sát quản lý hành chính về trật tự xã hội",
            "Phòng Quản lý xuất nhập cảnh",
        ),
    ),
    Department(
        12,
        "sodttg",
        "Sở Dân tộc và Tôn giáo",
        "SDTTG",
        ("Phòng Công tác dân tộc", "Phòng Tôn giáo"),
    ),
)
DEPARTMENTS_BY_KEY = {d.key: d for d in DEPARTMENTS}

# Commune-level units taken from the CSV, by their real 5-digit code: phường and xã from both the
# old Hải Phòng (11xxx) and the old Hải Dương (10xxx), and both special zones. ZZ = 30.. in this order.
COMMUNE_CODES: tuple[str, ...] = (
    # phường, old Hải Phòng
    "11311",  # Hồng Bàng
    "11329",  # Ngô Quyền
    "11359",  # Gia Viên
    "11383",  # Lê Chân
    "11407",  # An Biên
    "11413",  # Hải An
    "11443",  # Kiến An
    "11455",  # Đồ Sơn
    "11473",  # Bạch Đằng
    "11560",  # Thủy Nguyên
    "11581",  # An Dương
    "11692",  # Dương Kinh
    # phường, old Hải Dương
    "10525",  # Hải Dương
    "10532",  # Lê Thanh Nghị
    "10507",  # Thành Đông
    "10546",  # Chí Linh
    "10570",  # Trần Hưng Đạo
    "10675",  # Kinh Môn
    # xã, old Hải Phòng
    "11824",  # Vĩnh Bảo
    "11836",  # Vĩnh Thịnh
    "11755",  # Tiên Lãng
    "11806",  # Chấn Hưng
    "11680",  # Kiến Thụy
    "11629",  # An Lão
    "11911",  # Nguyễn Bỉnh Khiêm
    # xã, old Hải Dương
    "10606",  # Nam Sách
    "10804",  # Kim Thành
    "10813",  # Thanh Hà
    "10903",  # Cẩm Giàng
    "10966",  # Bình Giang
    "10999",  # Gia Lộc
    "11074",  # Tứ Kỳ
    "11203",  # Ninh Giang
    "11239",  # Thanh Miện
    # đặc khu
    "11914",  # Cát Hải
    "11948",  # Bạch Long Vĩ
)

_KIND_WORD = {"phuong": "phường", "xa": "xã", "dac_khu": "đặc khu"}


@dataclass(frozen=True)
class Commune:
    zz: int
    code: str  # real administrative-unit code
    name: str  # real name, e.g. "Xã Vĩnh Bảo"
    kind: str  # phuong / xa / dac_khu

    @property
    def place(self) -> str:
        """The name without its kind word: "Vĩnh Bảo"."""
        word = _KIND_WORD[self.kind]
        return self.name[len(word) + 1 :]

    @property
    def lower_name(self) -> str:
        """ "xã Vĩnh Bảo", for use inside a longer name."""
        return f"{_KIND_WORD[self.kind]} {self.place}"

    @property
    def slug(self) -> str:
        """ "vinhbao": the commune part of demo usernames."""
        return fold(self.place).replace(" ", "")

    @property
    def identifier(self) -> str:
        return commune_id(self.zz)

    @property
    def centre_identifier(self) -> str:
        return commune_centre_id(self.zz)


@cache
def communes_csv() -> dict[str, tuple[str, str]]:
    """All 114 units of the CSV: code → (name, kind)."""
    with COMMUNES_CSV.open(encoding="utf-8") as fh:
        return {row["code"]: (row["name"], row["kind"]) for row in csv.DictReader(fh)}


@cache
def demo_communes() -> tuple[Commune, ...]:
    rows = communes_csv()
    result = []
    for zz, code in enumerate(COMMUNE_CODES, start=30):
        name, kind = rows[code]
        result.append(Commune(zz=zz, code=code, name=name, kind=kind))
    return tuple(result)


def commune_by_slug(slug: str) -> Commune:
    return next(c for c in demo_communes() if c.slug == slug)


# Units that ended before or at the reform, each kept with its successor (ZZ 21..29).
HISTORICAL = (
    {
        "identifier": department_id(21),
        "name": "Sở Kế hoạch và Đầu tư thành phố Hải Phòng (trước 01/3/2025)",
        "short_name": "SKHĐT (cũ)",
        "kind": AgencyKind.DEPARTMENT,
        "valid_to": date(2025, 2, 28),
        "successor": department_id(4),  # Sở Tài chính
        "succession_kind": SuccessionKind.MERGED,
        "effective_date": date(2025, 3, 1),
        "legal_basis": (
            "Hợp nhất Sở Kế hoạch và Đầu tư vào Sở Tài chính theo Nghị định 45/2025/NĐ-CP về tổ chức "
            "cơ quan chuyên môn cấp tỉnh (minh họa; số quyết định của thành phố chưa kiểm chứng)"
        ),
    },
    {
        "identifier": department_id(22),
        "name": "Sở Lao động - Thương binh và Xã hội thành phố Hải Phòng (trước 01/3/2025)",
        "short_name": "SLĐTBXH (cũ)",
        "kind": AgencyKind.DEPARTMENT,
        "valid_to": date(2025, 2, 28),
        "successor": department_id(5),  # Sở Nội vụ
        "succession_kind": SuccessionKind.MERGED,
        "effective_date": date(2025, 3, 1),
        "legal_basis": (
            "Hợp nhất Sở Lao động - Thương binh và Xã hội vào Sở Nội vụ theo Nghị định 45/2025/NĐ-CP "
            "(minh họa; một số nhiệm vụ chuyển sang Sở Y tế, Sở Giáo dục và Đào tạo; cần kiểm chứng)"
        ),
    },
    {
        "identifier": department_id(23),
        "name": "Ủy ban nhân dân huyện Vĩnh Bảo (trước 01/7/2025)",
        "short_name": "UBND huyện Vĩnh Bảo (cũ)",
        "kind": AgencyKind.OTHER,  # the district level no longer exists
        "valid_to": date(2025, 6, 30),
        "successor": "11824",  # Xã Vĩnh Bảo, resolved to its commune identifier
        "succession_kind": SuccessionKind.TRANSFERRED,
        "effective_date": REFORM_DATE,
        "legal_basis": (
            "Kết thúc hoạt động của đơn vị hành chính cấp huyện từ 01/7/2025; Nghị quyết "
            "1669/NQ-UBTVQH15 (16/6/2025) sắp xếp đơn vị hành chính cấp xã của thành phố Hải Phòng"
        ),
    },
)


def _put(identifier: str, **fields) -> Agency:
    fields.setdefault("identifier_is_invented", True)
    agency, _ = Agency.objects.update_or_create(identifier=identifier, defaults=fields)
    return agency


def load_agencies() -> dict[str, Agency]:
    """Create or update the whole tree; returns identifier → Agency."""
    out: dict[str, Agency] = {}
    city = out[CITY_COMMITTEE_ID] = _put(
        CITY_COMMITTEE_ID,
        name="Ủy ban nhân dân thành phố Hải Phòng",
        short_name="UBND thành phố Hải Phòng",
        kind=AgencyKind.PROVINCE_COMMITTEE,
        parent=None,
        admin_unit_code="31",
        address=DEMO_ADDRESS.format(place="Trụ sở UBND thành phố"),
        valid_from=REFORM_DATE,
        valid_to=None,
    )
    out[CITY_CENTRE_ID] = _put(
        CITY_CENTRE_ID,
        name="Trung tâm Phục vụ hành chính công thành phố Hải Phòng",
        short_name="TTPVHCC thành phố",
        kind=AgencyKind.PROVINCE_SERVICE_CENTRE,
        parent=city,
        admin_unit_code="",
        address=DEMO_ADDRESS.format(place="Trung tâm Phục vụ hành chính công thành phố"),
        valid_from=REFORM_DATE,
        valid_to=None,
    )
    for dept in DEPARTMENTS:
        agency = out[dept.identifier] = _put(
            dept.identifier,
            name=dept.name,
            short_name=dept.short_name,
            kind=AgencyKind.DEPARTMENT,
            parent=city,
            admin_unit_code="",
            address=DEMO_ADDRESS.format(place=f"Trụ sở {dept.name}"),
            valid_from=None,
            valid_to=None,
        )
        for yy, division in enumerate(dept.divisions, start=1):
            ident = division_id(dept.zz, yy)
            out[ident] = _put(
                ident,
                name=f"{division} - {dept.name}",
                short_name=division,
                kind=AgencyKind.DIVISION,
                parent=agency,
                admin_unit_code="",
                address=DEMO_ADDRESS.format(place=f"Trụ sở {dept.name}"),
                valid_from=None,
                valid_to=None,
            )
    for commune in demo_communes():
        committee = out[commune.identifier] = _put(
            commune.identifier,
            name=f"Ủy ban nhân dân {commune.lower_name}",
            short_name=f"UBND {commune.lower_name}",
            kind=AgencyKind.COMMUNE_COMMITTEE,
            parent=city,
            admin_unit_code=commune.code,
            address=DEMO_ADDRESS.format(place=f"Trụ sở UBND {commune.lower_name}"),
            valid_from=REFORM_DATE,
            valid_to=None,
        )
        out[commune.centre_identifier] = _put(
            commune.centre_identifier,
            name=f"Trung tâm Phục vụ hành chính công {commune.lower_name}",
            short_name=f"TTPVHCC {commune.lower_name}",
            kind=AgencyKind.COMMUNE_SERVICE_CENTRE,
            parent=committee,
            admin_unit_code="",
            address=DEMO_ADDRESS.format(place=f"Trụ sở UBND {commune.lower_name}"),
            valid_from=REFORM_DATE,
            valid_to=None,
        )
    by_code = {c.code: c for c in demo_communes()}
    for item in HISTORICAL:
        old = out[item["identifier"]] = _put(
            item["identifier"],
            name=item["name"],
            short_name=item["short_name"],
            kind=item["kind"],
            parent=city,
            admin_unit_code="",
            address="",
            valid_from=None,
            valid_to=item["valid_to"],
        )
        successor_id = item["successor"]
        if successor_id in by_code:
            successor_id = by_code[successor_id].identifier
        AgencySuccession.objects.update_or_create(
            predecessor=old,
            successor=out[successor_id],
            defaults={
                "kind": item["succession_kind"],
                "effective_date": item["effective_date"],
                "legal_basis": item["legal_basis"],
            },
        )
    return out
