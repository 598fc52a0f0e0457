"""The text `demo_banner` prints: where to go and which demo accounts to use (Vietnamese, then English).
Every account is listed (wrapped, never cut); the `/demo/` page lists them by role and agency."""

import textwrap

from motcua.organizations.models import Role

from .agencies import CITY_COMMITTEE_ID, PROVINCE_SUFFIX
from .staff import ADMIN_USERNAME, CITIZEN_USERNAME, DEMO_PASSWORD, STAFF

PATHS = (
    ("/", "Trang chủ", "Home page"),
    ("/thu-tuc/", "Danh mục thủ tục hành chính", "Procedure catalogue"),
    ("/admin/", "Trang quản trị", "Administration"),
    ("/api/v1/docs", "Tài liệu API", "API documentation"),
    ("/lich-lam-viec/", "Lịch làm việc", "Working calendar"),
    ("/can-bo/", "Trang cán bộ", "Officers' pages"),
    ("/demo/", "Tài khoản demo theo vai trò, đơn vị", "Demo accounts by role and agency"),
    ("/can-bo/van-hanh/thong-bao/", "Nhật ký thông báo (quản trị tỉnh)", "Message log (province admin)"),
)

ROLE_EN = {
    Role.DESK_OFFICER: "desk officer",
    Role.PROCESSING_OFFICER: "processing officer",
    Role.LEADER: "leader",
    Role.CLERK: "clerk",
    Role.UNIT_ADMIN: "unit admin",
    Role.PROVINCE_ADMIN: "province admin",
    Role.SUPERVISOR: "supervisor",
}


def _accounts_by_role() -> list[tuple[str, str, list[str]]]:
    rows = []
    for role in Role:
        names = [s.username for s in STAFF if s.role == role]
        rows.append((role.label, ROLE_EN[role], names))
    return rows


def _wrapped(label: str, names: list[str], width: int = 26) -> list[str]:
    lines = textwrap.wrap(", ".join(names), 78 - width - 3, break_on_hyphens=False) or [""]
    out = [f"  {label:<{width}} {lines[0]}"]
    out += [f"  {'':<{width}} {line}" for line in lines[1:]]
    return out


def banner(port: int = 8000, host: str = "127.0.0.1") -> str:
    base = f"http://{host}:{port}"
    width = max(len(label) for _, label, _ in PATHS)
    lines = ["=" * 78, "MỘT CỬA · bản demo / demo", "=" * 78, "", "Địa chỉ truy cập:"]
    lines += [f"  {label:<{width}}  {base}{path}" for path, label, _ in PATHS]
    lines += [
        "",
        f"Tài khoản demo (mật khẩu chung: {DEMO_PASSWORD}):",
        f"  Quản trị viên (superuser)  {ADMIN_USERNAME}",
        f"  Công dân                   {CITIZEN_USERNAME}",
    ]
    for vi, _en, names in _accounts_by_role():
        lines += _wrapped(vi, names)
    lines += [
        "",
        f"Lưu ý: mã định danh cơ quan trong demo là mã MINH HỌA (…{PROVINCE_SUFFIX}, "
        f"ví dụ {CITY_COMMITTEE_ID}), không phải mã chính thức của Hải Phòng;",
        "người, số định danh, mã số thuế, địa chỉ đều là dữ liệu giả.",
        "Tên xã/phường/đặc khu và mã đơn vị hành chính là thật.",
        "Tên đăng nhập: <vai trò>.<đơn vị>, ví dụ tiepnhan.vinhbao, thuly.sotuphap. Xem docs/demo-data.md.",
        "",
        "-" * 78,
        "Where to go:",
    ]
    width = max(len(en) for _, _, en in PATHS)
    lines += [f"  {en:<{width}}  {base}{path}" for path, _, en in PATHS]
    lines += [
        "",
        f"Demo accounts (one password for all: {DEMO_PASSWORD}):",
        f"  Administrator (superuser)  {ADMIN_USERNAME}",
        f"  Citizen                    {CITIZEN_USERNAME}",
    ]
    for _vi, en, names in _accounts_by_role():
        lines += _wrapped(en, names)
    lines += [
        "",
        f"Note: agency identifiers are INVENTED (…{PROVINCE_SUFFIX}), not Hải Phòng's official codes;",
        "people, ID numbers, tax codes and addresses are fake. Commune names and admin-unit codes are real.",
        "Usernames: <role>.<unit>, e.g. tiepnhan.vinhbao, thuly.sotuphap. See docs/demo-data.md.",
        "=" * 78,
    ]
    return "\n".join(lines)
