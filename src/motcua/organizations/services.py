"""Writes for organisations: delegations (validated, audited through the admin log for now)."""

from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError

from motcua.core import clock

from .models import Agency, Delegation, Role, User
from .selectors import user_has_role, user_role_grants


def delegation_create(
    *,
    delegator: User,
    delegate: User,
    agency: Agency,
    role: str,
    starts_at: datetime,
    ends_at: datetime,
    reason: str = "",
) -> Delegation:
    """A person hands one of their own roles to another for a period."""
    if role not in Role.values:
        raise ValidationError("Vai trò không hợp lệ. / Unknown role.")
    if ends_at <= starts_at:
        raise ValidationError(
            "Thời điểm kết thúc phải sau thời điểm bắt đầu. / The end must be after the start."
        )
    if delegator.pk == delegate.pk:
        raise ValidationError("Không thể tự ủy quyền cho chính mình. / You cannot delegate to yourself.")
    if not user_has_role(delegator, role, agency, at=starts_at):
        raise PermissionDenied(
            "Chỉ ủy quyền được vai trò mình đang giữ tại cơ quan này. "
            "/ You can only delegate a role you hold at this agency."
        )
    delegation = Delegation(
        delegator=delegator,
        delegate=delegate,
        agency=agency,
        role=role,
        starts_at=starts_at,
        ends_at=ends_at,
        reason=reason,
    )
    delegation.full_clean()
    delegation.save()
    return delegation


def delegation_revoke(delegation: Delegation, *, by: User) -> Delegation:
    """End a delegation now. Only the delegator (or a unit/province admin of the agency) may revoke it."""
    allowed = (
        by.pk == delegation.delegator_id
        or user_has_role(by, Role.UNIT_ADMIN, delegation.agency_id)
        or any(g.role == Role.PROVINCE_ADMIN for g in user_role_grants(by))
    )
    if not allowed:
        raise PermissionDenied(
            "Chỉ người ủy quyền hoặc quản trị đơn vị được thu hồi ủy quyền. "
            "/ Only the delegator or a unit admin may revoke a delegation."
        )
    if delegation.revoked_at is None:
        delegation.revoked_at = clock.now()
        delegation.revoked_by = by
        delegation.save(update_fields=["revoked_at", "revoked_by"])
    return delegation
