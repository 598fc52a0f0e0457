"""Who may see which dossier: the one rule every front door asks (back-office pages and forms 01–07,
the tracking book, the API's list, detail and events, file downloads on the portal and the back office).

A dossier is visible to
- its applicant (the account the applicant profile belongs to);
- anyone holding a role now, directly or by delegation, at its receiving, competent or current agency
  or at an agency consulted on it;
- a supervisor or province admin (`OVERSIGHT_ROLES`) when one of those agencies is their agency or a
  unit below it (a commune's supervisor: the commune's committee and its service centre);
- a supervisor or province admin of the province's people's committee (the top of the agency tree):
  every dossier.

Nobody else; anonymous callers see nothing here (the public lookup by code and ID number is
`selectors.dossier_public_lookup`, which shows no personal data).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Q, QuerySet

from motcua.core import clock
from motcua.organizations.models import Agency, AgencyKind, Role
from motcua.organizations.selectors import RoleGrant, agencies_under, user_role_grants

from .lifecycle import applicant_of
from .models import Dossier, DossierConsultation

# Roles that oversee a part of the province: their agency and every unit below it.
OVERSIGHT_ROLES = frozenset({Role.SUPERVISOR, Role.PROVINCE_ADMIN})


@dataclass(frozen=True, slots=True)
class Visibility:
    """What one user may see now. `agencies`: where they hold any role; `supervised`: the agencies
    under their oversight roles (their agency and its descendants); `everything`: an oversight role at
    the province's people's committee."""

    user_id: int | None = None
    applicant_id: int | None = None
    agencies: frozenset[int] = frozenset()
    supervised: frozenset[int] = frozenset()
    everything: bool = False

    @classmethod
    def of(cls, user, grants: list[RoleGrant] | None = None, at: datetime | None = None) -> Visibility:
        """The user's visibility at `at` (now). `grants` (from `user_role_grants`) saves their query
        when the caller already has them. Costs one query for the grants (unless given), and for
        oversight roles one for the agencies they oversee; none for an anonymous user."""
        if user is None or not user.is_authenticated:
            return NOBODY
        applicant = applicant_of(user)
        if grants is None:
            grants = user_role_grants(user, at or clock.now())
        agencies = frozenset(g.agency_id for g in grants)
        seeds = {g.agency_id for g in grants if g.role in OVERSIGHT_ROLES}
        supervised: frozenset[int] = frozenset()
        everything = False
        if seeds:
            everything = Agency.objects.filter(
                pk__in=seeds, parent__isnull=True, kind=AgencyKind.PROVINCE_COMMITTEE
            ).exists()
            if not everything:
                supervised = frozenset(agencies_under(seeds))
        return cls(
            user_id=user.pk,
            applicant_id=applicant.pk if applicant is not None else None,
            agencies=agencies,
            supervised=supervised,
            everything=everything,
        )

    @property
    def seen_agencies(self) -> frozenset[int]:
        """The agencies whose dossiers the user sees (meaningless when `everything`)."""
        return self.agencies | self.supervised

    @property
    def oversees(self) -> bool:
        """True for a supervisor or province admin (they have a supervision list of their own)."""
        return self.everything or bool(self.supervised)

    def allows(self, dossier: Dossier) -> bool:
        """May the user see this dossier? Reads its consultations (prefetched or one query) only when
        its three agencies do not decide."""
        if self.everything:
            return self.user_id is not None
        if self.applicant_id is not None and dossier.applicant_id == self.applicant_id:
            return True
        seen = self.seen_agencies
        if not seen:
            return False
        involved = {dossier.receiving_agency_id, dossier.competent_agency_id, dossier.current_agency_id}
        if involved & seen:
            return True
        return any(c.agency_id in seen for c in dossier.consultations.all())

    def condition(self) -> Q | None:
        """The same rule as `allows`, as a filter on dossiers; None: nothing at all, an empty `Q()`:
        every dossier."""
        if self.everything:
            return Q()
        condition = Q(pk__in=[])
        found = False
        if self.applicant_id is not None:
            condition |= Q(applicant_id=self.applicant_id)
            found = True
        if self.seen_agencies:
            condition |= _agencies_condition(self.seen_agencies)
            found = True
        return condition if found else None

    def supervision(self) -> Q | None:
        """The dossiers the user sees as a supervisor (for the supervision list): `Q()` for the whole
        province, None for someone who supervises nothing."""
        if self.everything:
            return Q()
        if not self.supervised:
            return None
        return _agencies_condition(self.supervised)

    def book_agencies(self) -> QuerySet[Agency]:
        """The agencies whose tracking book (form 07) the user may print: where they hold a role and
        what they oversee (every agency for the province)."""
        if self.everything:
            return Agency.objects.all()
        return Agency.objects.filter(pk__in=self.seen_agencies)


NOBODY = Visibility()


def _agencies_condition(agencies: frozenset[int]) -> Q:
    consulted = DossierConsultation.objects.filter(agency_id__in=agencies).order_by().values("dossier_id")
    return (
        Q(receiving_agency_id__in=agencies)
        | Q(competent_agency_id__in=agencies)
        | Q(current_agency_id__in=agencies)
        | Q(pk__in=consulted)
    )


def dossier_visible_to(dossier: Dossier | None, user, grants: list[RoleGrant] | None = None) -> bool:
    """The one question every front door asks before showing a dossier, its events or its files
    (False for a missing dossier and for anonymous users)."""
    if dossier is None:
        return False
    return Visibility.of(user, grants).allows(dossier)
