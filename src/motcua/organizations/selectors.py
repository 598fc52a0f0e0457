"""Reads about who may act where: roles held directly and through an active delegation."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.db import connection
from django.db.models import IntegerField, Q, QuerySet, Value
from django.utils import timezone

from motcua.core import clock
from motcua.core.compiled import CompiledQuery

from .models import Agency, Delegation, StaffRole


@dataclass(frozen=True)
class RoleGrant:
    agency_id: int
    role: str
    on_behalf_of_id: int | None = None  # the delegator, when the role comes from a delegation


def _grant_rows(user: int, day, at) -> QuerySet:
    direct = (
        StaffRole.objects.filter(user_id=user)
        .filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=day),
            Q(valid_to__isnull=True) | Q(valid_to__gte=day),
        )
        .values_list("pk", "agency_id", "role", Value(None, output_field=IntegerField()))
    )
    delegated = Delegation.objects.filter(
        delegate_id=user, starts_at__lte=at, ends_at__gt=at, revoked_at__isnull=True
    ).values_list("pk", "agency_id", "role", "delegator_id")
    return direct.union(delegated, all=True)


# One round trip, its SQL built once: this runs at the start of every dossier action and page.
_GRANTS = CompiledQuery(_grant_rows, user="int", day="date", at="datetime")


def user_role_grants(user, at: datetime | None = None) -> list[RoleGrant]:
    """Every (agency, role) the user may act as at `at`, delegations included."""
    if user is None or not user.is_authenticated:
        return []
    at = at or clock.now()
    day = timezone.localdate(at)  # validity dates are Vietnamese calendar days, not UTC ones
    rows = _GRANTS.rows(user=user.pk, day=day, at=at)
    # Own roles first, each kind in the order it was granted.
    rows.sort(key=lambda row: (row[3] is not None, row[0]))
    return [RoleGrant(agency_id=a, role=r, on_behalf_of_id=d) for _, a, r, d in rows]


def user_has_role(user, role: str, agency: Agency | int, at: datetime | None = None) -> RoleGrant | None:
    agency_id = agency if isinstance(agency, int) else agency.pk
    for grant in user_role_grants(user, at):
        if grant.role == role and grant.agency_id == agency_id:
            return grant
    return None


def agencies_under(agencies: Iterable[Agency | int]) -> set[int]:
    """The ids of `agencies` and of every unit below them (divisions of a department, the service
    centre of a commune…), in one recursive query whatever the depth. UNION (not UNION ALL) keeps a
    parent cycle made by mistake in the admin from looping. Unknown ids are left out."""
    seeds = sorted({a if isinstance(a, int) else a.pk for a in agencies})
    if not seeds:
        return set()
    table = connection.ops.quote_name(Agency._meta.db_table)
    marks = ", ".join(["%s"] * len(seeds))
    sql = (
        f"WITH RECURSIVE sub(id) AS (SELECT id FROM {table} WHERE id IN ({marks}) "
        f"UNION SELECT a.id FROM {table} a JOIN sub ON a.parent_id = sub.id) SELECT id FROM sub"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, seeds)
        return {row[0] for row in cursor.fetchall()}


def agency_subtree_ids(agency: Agency | int) -> set[int]:
    """The agency and every unit below it (divisions of a department, centre of a commune)."""
    return agencies_under([agency])


def agency_by_identifier(identifier: str) -> Agency | None:
    return Agency.objects.filter(identifier=identifier).first()
