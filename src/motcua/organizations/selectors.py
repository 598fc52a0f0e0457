"""Reads about who may act where: roles held directly and through an active delegation."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Q
from django.utils import timezone

from motcua.core import clock

from .models import Agency, Delegation, StaffRole


@dataclass(frozen=True)
class RoleGrant:
    agency_id: int
    role: str
    on_behalf_of_id: int | None = None  # the delegator, when the role comes from a delegation


def user_role_grants(user, at: datetime | None = None) -> list[RoleGrant]:
    """Every (agency, role) the user may act as at `at`, delegations included."""
    if user is None or not user.is_authenticated:
        return []
    at = at or clock.now()
    day = timezone.localdate(at)  # validity dates are Vietnamese calendar days, not UTC ones
    direct = StaffRole.objects.filter(user=user).filter(
        Q(valid_from__isnull=True) | Q(valid_from__lte=day), Q(valid_to__isnull=True) | Q(valid_to__gte=day)
    )
    grants = [RoleGrant(agency_id=r.agency_id, role=r.role) for r in direct]
    delegated = Delegation.objects.filter(
        delegate=user, starts_at__lte=at, ends_at__gt=at, revoked_at__isnull=True
    )
    grants += [
        RoleGrant(agency_id=d.agency_id, role=d.role, on_behalf_of_id=d.delegator_id) for d in delegated
    ]
    return grants


def user_has_role(user, role: str, agency: Agency | int, at: datetime | None = None) -> RoleGrant | None:
    agency_id = agency if isinstance(agency, int) else agency.pk
    for grant in user_role_grants(user, at):
        if grant.role == role and grant.agency_id == agency_id:
            return grant
    return None


def agency_subtree_ids(agency: Agency | int) -> set[int]:
    """The agency and every unit below it (divisions of a department, centre of a commune)."""
    root = agency if isinstance(agency, int) else agency.pk
    ids = {root}
    frontier = {root}
    while frontier:
        frontier = set(Agency.objects.filter(parent_id__in=frontier).values_list("pk", flat=True)) - ids
        ids |= frontier
    return ids


def agency_by_identifier(identifier: str) -> Agency | None:
    return Agency.objects.filter(identifier=identifier).first()
