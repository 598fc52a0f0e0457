"""Reads about who may act where: roles held directly and through an active delegation."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.db import connection
from django.db.models import DateField, DateTimeField, IntegerField, Q, QuerySet, Value
from django.utils import timezone

from motcua.core import clock
from motcua.core.compiled import CompiledQuery
from motcua.core.json_rows import instances

from .models import Agency, Delegation, StaffRole


@dataclass(frozen=True)
class RoleGrant:
    agency_id: int
    role: str
    on_behalf_of_id: int | None = None  # the delegator, when the role comes from a delegation


# Which grant rows may be valid at a moment: the database narrows to those not over yet (a role whose
# last day is not past, a delegation not ended nor revoked), `_valid_at` decides. Fetching the rows
# with their windows lets one read serve any later moment of the same request: the API token's query
# carries them (api/auth.py, `remember_grant_rows`), so the action's check costs no second round trip.
DIRECT_FIELDS = ("pk", "agency_id", "role", "valid_from", "valid_to")
DELEGATED_FIELDS = ("pk", "agency_id", "role", "delegator_id", "starts_at", "ends_at")


def direct_roles(user, day) -> QuerySet:
    """The user's own roles whose last day (`valid_to`, a Vietnamese calendar day) is not before `day`."""
    return StaffRole.objects.filter(user_id=user).filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))


def delegations_to(user, at) -> QuerySet:
    """The delegations to the user that have not ended or been revoked at `at`."""
    return Delegation.objects.filter(delegate_id=user, ends_at__gt=at, revoked_at__isnull=True)


def _grant_rows(user: int, day, at) -> QuerySet:
    none_day, none_at = Value(None, output_field=DateField()), Value(None, output_field=DateTimeField())
    direct = direct_roles(user, day).values_list(
        "pk",
        "agency_id",
        "role",
        Value(None, output_field=IntegerField()),
        "valid_from",
        "valid_to",
        none_at,
        none_at,
    )
    delegated = delegations_to(user, at).values_list(
        "pk", "agency_id", "role", "delegator_id", none_day, none_day, "starts_at", "ends_at"
    )
    return direct.union(delegated, all=True)


# One round trip, its SQL built once: this runs at the start of every dossier action and page.
_GRANTS = CompiledQuery(_grant_rows, user="int", day="date", at="datetime")


@dataclass(frozen=True)
class GrantRows:
    """A user's grant rows with their windows, read at `read_at` (`direct_roles`, `delegations_to`):
    direct rows `(pk, agency_id, role, valid_from, valid_to)`, delegated rows `(pk, agency_id, role,
    delegator_id, starts_at, ends_at)`. They answer for any moment from `read_at` on."""

    read_at: datetime
    direct: tuple[tuple, ...]
    delegated: tuple[tuple, ...]

    def at(self, at: datetime) -> list[RoleGrant]:
        """The grants valid at `at` (>= `read_at`): own roles first, each kind in the order granted."""
        day = timezone.localdate(at)  # validity dates are Vietnamese calendar days, not UTC ones
        rows = [
            (pk, agency, role, None)
            for pk, agency, role, start, end in self.direct
            if (start is None or start <= day) and (end is None or end >= day)
        ]
        rows += [
            (pk, agency, role, delegator)
            for pk, agency, role, delegator, start, end in self.delegated
            if start <= at < end
        ]
        rows.sort(key=lambda row: (row[3] is not None, row[0]))
        return [RoleGrant(agency_id=a, role=r, on_behalf_of_id=d) for _, a, r, d in rows]


def remember_grant_rows(user, rows: GrantRows) -> None:
    """Keep `rows` on this user object (one request's): `user_role_grants` then asks no query for a
    moment at or after `rows.read_at`."""
    user._grant_rows = rows


def user_role_grants(user, at: datetime | None = None) -> list[RoleGrant]:
    """Every (agency, role) the user may act as at `at`, delegations included."""
    if user is None or not user.is_authenticated:
        return []
    at = at or clock.now()
    known = getattr(user, "_grant_rows", None)
    if known is not None and at >= known.read_at:
        return known.at(at)
    found = _GRANTS.rows(user=user.pk, day=timezone.localdate(at), at=at)
    direct = tuple(row[:3] + row[4:6] for row in found if row[6] is None)
    delegated = tuple(row[:4] + row[6:] for row in found if row[6] is not None)
    return GrantRows(at, direct, delegated).at(at)


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


# The agency columns read inside another query (`json_rows`): all but the search text.
AGENCY_FIELDS = tuple(f.attname for f in Agency._meta.concrete_fields if f.attname not in ("search_text",))


def agencies_from_rows(rows: list[list]) -> dict[int, Agency]:
    """Agencies from `json_rows(<agency queryset>, *AGENCY_FIELDS)` rows, by id: model instances with
    every column but `search_text` (deferred: read on access), values converted as the ORM would."""
    return {agency.pk: agency for agency in instances(Agency, AGENCY_FIELDS, rows)}
