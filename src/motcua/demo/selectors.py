"""Reads for the `/demo/` page: the demo accounts as they are in the database now."""

from motcua.organizations.models import Role, StaffRole, User

from .staff import ADMIN_USERNAME, CITIZEN_USERNAME, DEMO_PASSWORD, STAFF

# Which journey each role's account is for (shown on the page and in README.md).
JOURNEYS = {
    Role.DESK_OFFICER: "Tiếp nhận hồ sơ, trả kết quả / receive dossiers, return results",
    Role.PROCESSING_OFFICER: "Thụ lý, xin ý kiến, trình lãnh đạo / process, consult, submit to the leader",
    Role.LEADER: "Phê duyệt hoặc từ chối, xin lỗi / approve or reject, apologise",
    Role.CLERK: "Vào số, đóng dấu kết quả / number and stamp the result",
    Role.UNIT_ADMIN: "Quản trị cán bộ, quy trình của đơn vị / the unit's staff and processes",
    Role.PROVINCE_ADMIN: "Quản trị toàn tỉnh, vận hành / the whole province, operations",
    Role.SUPERVISOR: "Giám sát, theo dõi hồ sơ trễ hạn / oversight, late dossiers",
}


def demo_account_rows() -> dict:
    """{"password", "admin", "citizen", "groups": [{"role", "journey", "accounts": [{"username", "name",
    "title", "agency"}]}]} for the demo accounts that exist (roles in `Role` order, then username)."""
    names = [s.username for s in STAFF]
    rows = (
        StaffRole.objects.filter(user__username__in=names)
        .select_related("user", "agency")
        .order_by("agency__name", "user__username")
    )
    by_role: dict[str, list[dict]] = {}
    for row in rows:
        by_role.setdefault(row.role, []).append(
            {
                "username": row.user.username,
                "name": row.user.get_full_name(),
                "title": row.user.title,
                "agency": row.agency.name,
            }
        )
    groups = [
        {"role": role.label, "journey": JOURNEYS[role], "accounts": by_role[role]}
        for role in Role
        if by_role.get(role)
    ]
    citizen = User.objects.filter(username=CITIZEN_USERNAME).first()
    return {
        "password": DEMO_PASSWORD,
        "admin": ADMIN_USERNAME if User.objects.filter(username=ADMIN_USERNAME).exists() else "",
        "citizen": CITIZEN_USERNAME if citizen else "",
        "citizen_name": citizen.get_full_name() if citizen else "",
        "groups": groups,
    }
