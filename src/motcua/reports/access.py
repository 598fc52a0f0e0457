"""Who may read which statistics (one rule for the dashboard, the reports, the exports and the API).

- a supervisor or province admin at the province's people's committee (`Visibility.everything`):
  the whole province;
- a leader, supervisor, unit or province admin elsewhere: the agencies where they hold that role,
  with every unit below them (a leader sees their unit and its children);
- anyone else: nothing (None).
"""

from __future__ import annotations

from motcua.core import clock
from motcua.dossiers.visibility import Visibility
from motcua.organizations.models import Agency, Role
from motcua.organizations.selectors import agencies_under, user_role_grants

from .selectors import ReportError, Scope

STATS_ROLES = frozenset({Role.LEADER, Role.SUPERVISOR, Role.UNIT_ADMIN, Role.PROVINCE_ADMIN})


class ReportForbidden(ReportError):
    status = 403


def stats_scope(user) -> Scope | None:
    """The scope the user may read, or None."""
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    grants = user_role_grants(user, clock.now())
    if Visibility.of(user, grants).everything:
        return Scope()
    seeds = {g.agency_id for g in grants if g.role in STATS_ROLES}
    if not seeds:
        return None
    names = list(Agency.objects.filter(pk__in=seeds).order_by("name").values_list("name", flat=True))
    return Scope(agency_ids=frozenset(agencies_under(seeds)), label=", ".join(names))


def scope_for(user, identifier: str | None = None) -> Scope:
    """The scope asked for (an agency identifier, or the user's whole scope), checked against what
    the user may read. ReportForbidden (403) or ReportError (unknown agency)."""
    allowed = stats_scope(user)
    if allowed is None:
        raise ReportForbidden(
            "Bạn không có quyền xem số liệu thống kê.", "You may not read the statistics.", code="forbidden"
        )
    if not identifier:
        return allowed
    agency = Agency.objects.filter(identifier=identifier).first()
    if agency is None:
        raise ReportError(
            f"Không tìm thấy cơ quan có mã định danh «{identifier}».",
            f"No agency with identifier {identifier!r}.",
            code="unknown_agency",
        )
    if allowed.agency_ids is not None and agency.pk not in allowed.agency_ids:
        raise ReportForbidden(
            "Cơ quan này nằm ngoài phạm vi bạn được xem.",
            "This agency is outside what you may read.",
            code="forbidden",
        )
    return Scope.of_agency(agency)
