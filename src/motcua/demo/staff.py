"""Demo staff (one account per role and unit), the admin superuser, a delegation, and applicants.

Every person, ID number, tax code, phone and e-mail here is INVENTED. Usernames follow
`<role word>.<unit>`: tiepnhan (desk officer), thuly (processing officer), lanhdao (leader),
vanthu (clerk), quantri (unit admin); quantri.tinh and giamsat.tinh for the city. One password for all.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.contrib.auth.hashers import make_password

from motcua.core import clock
from motcua.organizations.models import Agency, Applicant, ApplicantKind, Delegation, Role, StaffRole, User
from motcua.organizations.services import delegation_create

from .agencies import CITY_CENTRE_ID, CITY_COMMITTEE_ID, DEPARTMENTS_BY_KEY, commune_by_slug

DEMO_PASSWORD = "MotCua@2026"
ADMIN_USERNAME = "admin"
CITIZEN_USERNAME = "congdan"

ROLE_WORDS = {
    Role.DESK_OFFICER: "tiepnhan",
    Role.PROCESSING_OFFICER: "thuly",
    Role.LEADER: "lanhdao",
    Role.CLERK: "vanthu",
    Role.UNIT_ADMIN: "quantri",
}


@dataclass(frozen=True)
class DemoStaff:
    username: str
    family: str  # họ
    given: str  # tên đệm và tên
    title: str
    agency: str  # identifier
    role: str

    @property
    def full_name(self) -> str:
        return f"{self.family} {self.given}"


# Invented Vietnamese names, consumed in order.
_NAMES = iter(
    (
        ("Nguyễn", "Văn Hải"),
        ("Trần", "Thị Thu Hà"),
        ("Lê", "Minh Tuấn"),
        ("Phạm", "Thị Lan"),
        ("Hoàng", "Đức Anh"),
        ("Vũ", "Thị Hồng Nhung"),
        ("Đặng", "Quốc Việt"),
        ("Bùi", "Thị Mai"),
        ("Đỗ", "Văn Thắng"),
        ("Ngô", "Thị Phương"),
        ("Dương", "Văn Long"),
        ("Lý", "Thị Ngọc Ánh"),
        ("Phan", "Thanh Bình"),
        ("Trịnh", "Thị Hạnh"),
        ("Đinh", "Công Minh"),
        ("Lương", "Thị Thảo"),
        ("Mai", "Xuân Trường"),
        ("Tô", "Thị Huyền"),
        ("Cao", "Văn Dũng"),
        ("Hà", "Thị Thanh Tâm"),
        ("Nguyễn", "Thị Bích Ngọc"),
        ("Trần", "Quang Huy"),
        ("Lê", "Thị Kim Oanh"),
        ("Phạm", "Văn Khoa"),
        ("Vũ", "Đình Nam"),
        ("Đào", "Thị Yến"),
        ("Nguyễn", "Hữu Thành"),
        ("Hoàng", "Thị Minh Nguyệt"),
        ("Trần", "Văn Phúc"),
        ("Lê", "Thu Trang"),
        ("Bùi", "Mạnh Cường"),
        ("Đỗ", "Thị Hương"),
        ("Phạm", "Ngọc Sơn"),
        ("Nguyễn", "Thị Diệu Linh"),
        ("Vũ", "Văn Toàn"),
        ("Đoàn", "Thị Quỳnh"),
        ("Nguyễn", "Đức Thịnh"),
        ("Trần", "Thị Loan"),
        ("Hoàng", "Văn Tiến"),
        ("Lê", "Thị Hòa"),
        ("Phạm", "Quốc Khánh"),
        ("Ngô", "Văn Hiếu"),
        ("Đặng", "Thị Thùy Dung"),
        ("Bùi", "Văn Lực"),
        ("Nguyễn", "Thị Hải Yến"),
        ("Trần", "Đình Trọng"),
        ("Vũ", "Thị Thu Hằng"),
        ("Đinh", "Văn Quyết"),
        ("Lưu", "Thị Nga"),
        ("Phí", "Văn Hưng"),
        ("Nguyễn", "Văn Kiên"),
        ("Trần", "Thị Ngân"),
        ("Lê", "Văn Đạt"),
        ("Phạm", "Thị Hoa"),
    )
)


def _staff(username, title, agency, role) -> DemoStaff:
    family, given = next(_NAMES)
    return DemoStaff(username, family, given, title, agency, role)


def _build_staff() -> tuple[DemoStaff, ...]:
    people = [
        _staff("quantri.tinh", "Quản trị hệ thống thành phố", CITY_COMMITTEE_ID, Role.PROVINCE_ADMIN),
        _staff("giamsat.tinh", "Chuyên viên Văn phòng UBND thành phố", CITY_COMMITTEE_ID, Role.SUPERVISOR),
        _staff("tiepnhan.ttpvhcc", "Công chức tiếp nhận và trả kết quả", CITY_CENTRE_ID, Role.DESK_OFFICER),
        _staff("tiepnhan2.ttpvhcc", "Công chức tiếp nhận và trả kết quả", CITY_CENTRE_ID, Role.DESK_OFFICER),
        _staff("lanhdao.ttpvhcc", "Giám đốc Trung tâm", CITY_CENTRE_ID, Role.LEADER),
        _staff("quantri.ttpvhcc", "Quản trị đơn vị", CITY_CENTRE_ID, Role.UNIT_ADMIN),
    ]
    staffed_departments = {
        "sotuphap": ("thuly", "lanhdao", "vanthu", "quantri"),
        "soxaydung": ("thuly", "lanhdao", "vanthu"),
        "sonnmt": ("thuly", "lanhdao", "vanthu"),
        "sotaichinh": ("thuly", "lanhdao", "vanthu"),
        "sonoivu": ("thuly", "lanhdao", "vanthu"),
        "soyte": ("thuly", "lanhdao"),
        "congan": ("thuly", "lanhdao"),
    }
    words_to_role = {v: k for k, v in ROLE_WORDS.items()}
    titles = {
        Role.PROCESSING_OFFICER: "Chuyên viên",
        Role.LEADER: "Giám đốc",
        Role.CLERK: "Văn thư",
        Role.UNIT_ADMIN: "Quản trị đơn vị",
    }
    for key, words in staffed_departments.items():
        dept = DEPARTMENTS_BY_KEY[key]
        for word in words:
            role = words_to_role[word]
            title = titles[role]
            if role == Role.LEADER:
                title = "Giám đốc Công an thành phố" if key == "congan" else f"Giám đốc {dept.name}"
            people.append(_staff(f"{word}.{key}", title, dept.identifier, role))
    for slug in ("vinhbao", "hongbang", "haiduong", "tienlang", "cathai"):
        commune = commune_by_slug(slug)
        c = commune.lower_name
        people += [
            _staff(
                f"tiepnhan.{slug}", f"Công chức một cửa {c}", commune.centre_identifier, Role.DESK_OFFICER
            ),
            _staff(
                f"thuly.{slug}",
                f"Công chức Tư pháp - Hộ tịch {c}",
                commune.identifier,
                Role.PROCESSING_OFFICER,
            ),
            _staff(f"lanhdao.{slug}", f"Chủ tịch UBND {c}", commune.identifier, Role.LEADER),
            _staff(f"vanthu.{slug}", f"Văn thư UBND {c}", commune.identifier, Role.CLERK),
            _staff(f"quantri.{slug}", f"Quản trị đơn vị {c}", commune.identifier, Role.UNIT_ADMIN),
        ]
    vinhbao = commune_by_slug("vinhbao")
    people.append(
        _staff("phochutich.vinhbao", "Phó Chủ tịch UBND xã Vĩnh Bảo", vinhbao.identifier, Role.SUPERVISOR)
    )
    return tuple(people)


STAFF: tuple[DemoStaff, ...] = _build_staff()

# The active delegation: the commune chairman hands approval to the deputy while away.
DELEGATION = {
    "delegator": "lanhdao.vinhbao",
    "delegate": "phochutich.vinhbao",
    "role": Role.LEADER,
    "reason": "Chủ tịch UBND xã đi công tác; ủy quyền Phó Chủ tịch phê duyệt hồ sơ (minh họa)",
    "days": 30,
}


def _citizen_id(sex: str, born: date, serial: int) -> str:
    """031 (the Hải Phòng-like prefix) + sex/century digit + two-digit year + six digits. INVENTED."""
    century = 0 if born.year < 2000 else 2
    return f"031{century + (1 if sex == 'F' else 0)}{born.year % 100:02d}{serial:06d}"


# (family, given, sex, date of birth, address place)
_CITIZENS = (
    ("Nguyễn", "Văn Hùng", "M", date(1985, 3, 12), "xã Vĩnh Bảo"),
    ("Trần", "Thị Hoa", "F", date(1990, 7, 25), "phường Hồng Bàng"),
    ("Lê", "Văn Nam", "M", date(1978, 11, 2), "phường Lê Chân"),
    ("Phạm", "Thị Thu", "F", date(1995, 1, 18), "phường Hải Dương"),
    ("Hoàng", "Văn Quân", "M", date(1968, 9, 9), "xã Tiên Lãng"),
    ("Vũ", "Thị Lan Anh", "F", date(2001, 4, 30), "phường Ngô Quyền"),
    ("Đỗ", "Minh Đức", "M", date(2003, 12, 15), "phường Kiến An"),
    ("Bùi", "Thị Hằng", "F", date(1988, 6, 6), "xã Thanh Hà"),
    ("Ngô", "Văn Tài", "M", date(1959, 2, 20), "đặc khu Cát Hải"),
    ("Đặng", "Thị Hồng", "F", date(1972, 8, 14), "xã Gia Lộc"),
    ("Phan", "Văn Lợi", "M", date(1993, 10, 1), "phường Chí Linh"),
    ("Trịnh", "Thị Mến", "F", date(1999, 5, 21), "xã Nam Sách"),
    ("Nguyễn", "Thị Ngọc", "F", date(2005, 3, 3), "phường Đồ Sơn"),
    ("Lương", "Văn Chiến", "M", date(1981, 12, 28), "xã Ninh Giang"),
    ("Mai", "Thị Xuân", "F", date(1964, 1, 5), "phường Thủy Nguyên"),
)

# (name, tax code, address place); tax codes INVENTED, not checked against the tax registry.
_ORGANISATIONS = (
    ("Công ty TNHH Thương mại Dịch vụ Minh Anh", "0299900011", "phường Hải An"),
    ("Công ty Cổ phần Xây dựng Cảng Biển Xanh", "0299900022", "phường Đông Hải"),
    ("Hợp tác xã Nông nghiệp Vĩnh Bảo Xanh", "0299900033", "xã Vĩnh Bảo"),
    ("Công ty TNHH Cơ khí Thành Đông", "0899900044", "phường Thành Đông"),
    ("Công ty Cổ phần Du lịch Đảo Ngọc", "0299900055", "đặc khu Cát Hải"),
)


def applicant_rows() -> list[dict]:
    rows = []
    for i, (family, given, sex, born, place) in enumerate(_CITIZENS, start=1):
        rows.append(
            {
                "kind": ApplicantKind.CITIZEN,
                "full_name": f"{family} {given}",
                "id_number": _citizen_id(sex, born, 4100 + i * 37),
                "tax_code": "",
                "date_of_birth": born,
                "phone": f"0900000{i:03d}",
                "email": f"congdan{i:02d}@example.com",
                "address": f"{place}, thành phố Hải Phòng (địa chỉ minh họa)",
            }
        )
    for i, (name, tax_code, place) in enumerate(_ORGANISATIONS, start=1):
        rows.append(
            {
                "kind": ApplicantKind.ORGANISATION,
                "full_name": name,
                "id_number": "",
                "tax_code": tax_code,
                "date_of_birth": None,
                "phone": f"022500000{i:02d}",
                "email": f"doanhnghiep{i:02d}@example.com",
                "address": f"{place}, thành phố Hải Phòng (địa chỉ minh họa)",
            }
        )
    return rows


def _shared_hash() -> str:
    """One hash of the demo password for every demo account: hashing is slow on purpose (Argon2),
    and reusing the stored hash keeps a second run from rewriting every row."""
    admin = User.objects.filter(username=ADMIN_USERNAME).first()
    if admin is not None and admin.password and admin.check_password(DEMO_PASSWORD):
        return admin.password
    return make_password(DEMO_PASSWORD)


def _put_user(username: str, password_hash: str, **fields) -> User:
    user = User.objects.filter(username=username).first()
    if user is None:
        user = User(username=username)
    changed = user.pk is None
    for name, value in {**fields, "password": password_hash, "is_active": True}.items():
        if getattr(user, name) != value:
            setattr(user, name, value)
            changed = True
    if changed:
        user.save()
    return user


def load_staff(agencies: dict[str, Agency]) -> dict[str, User]:
    password_hash = _shared_hash()
    users: dict[str, User] = {}
    users[ADMIN_USERNAME] = _put_user(
        ADMIN_USERNAME,
        password_hash,
        first_name="Quản trị",
        last_name="Hệ thống",
        title="Quản trị hệ thống (tài khoản demo)",
        is_staff=True,
        is_superuser=True,
    )
    for person in STAFF:
        users[person.username] = _put_user(
            person.username,
            password_hash,
            first_name=person.given,
            last_name=person.family,
            title=person.title,
            is_staff=True,
            is_superuser=False,
        )
        StaffRole.objects.get_or_create(
            user=users[person.username], agency=agencies[person.agency], role=person.role
        )
    _load_delegation(users, agencies)
    applicants = _load_applicants()
    users[CITIZEN_USERNAME] = citizen = _put_user(
        CITIZEN_USERNAME,
        password_hash,
        first_name=applicants[0].full_name.split(" ", 1)[1],
        last_name=applicants[0].full_name.split(" ", 1)[0],
        email=applicants[0].email,
        title="",
        is_staff=False,
        is_superuser=False,
    )
    if applicants[0].user_id != citizen.pk:
        applicants[0].user = citizen
        applicants[0].save()
    return users


def _load_delegation(users: dict[str, User], agencies: dict[str, Agency]) -> Delegation:
    """Kept active: created for [now - 1 day, now + 30 days] and renewed only once it has lapsed."""
    delegator = users[DELEGATION["delegator"]]
    delegate = users[DELEGATION["delegate"]]
    agency = StaffRole.objects.get(user=delegator, role=DELEGATION["role"]).agency
    now = clock.now()
    existing = Delegation.objects.filter(
        delegator=delegator, delegate=delegate, agency=agency, role=DELEGATION["role"]
    ).first()
    if existing is None:
        return delegation_create(
            delegator=delegator,
            delegate=delegate,
            agency=agency,
            role=DELEGATION["role"],
            starts_at=now - timedelta(days=1),
            ends_at=now + timedelta(days=DELEGATION["days"]),
            reason=DELEGATION["reason"],
        )
    if existing.revoked_at is not None or not (existing.starts_at <= now < existing.ends_at):
        existing.starts_at = now - timedelta(days=1)
        existing.ends_at = now + timedelta(days=DELEGATION["days"])
        existing.revoked_at = None
        existing.save()
    return existing


def _load_applicants() -> list[Applicant]:
    result = []
    for row in applicant_rows():
        key = {"id_number": row["id_number"]} if row["id_number"] else {"tax_code": row["tax_code"]}
        defaults = {k: v for k, v in row.items() if k not in key}
        applicant, _ = Applicant.objects.update_or_create(**key, defaults=defaults)
        result.append(applicant)
    return result
