"""Reads about dossiers: who may see what, the worklist (keyset pages, no COUNT), the public lookup."""

from __future__ import annotations

from datetime import datetime

from django.db.models import Q, QuerySet

from motcua.core import clock
from motcua.organizations.models import Role
from motcua.organizations.selectors import user_role_grants

from .lifecycle import ACTIONS, applicant_of
from .models import Dossier, DossierConsultation, DossierEvent

# Roles that see every dossier received at or handled by their agency (not only their own inbox).
OVERSIGHT_ROLES = (Role.LEADER, Role.UNIT_ADMIN, Role.SUPERVISOR, Role.DESK_OFFICER)


def dossier_get(code: str) -> Dossier | None:
    return (
        Dossier.objects.select_related(
            "applicant",
            "receiving_agency",
            "competent_agency",
            "current_agency",
            "procedure_version__procedure",
            "assigned_officer",
        )
        .prefetch_related("components__files", "fees", "pauses", "results", "consultations__agency")
        .filter(code=code)
        .first()
    )


def dossier_visible_to(dossier: Dossier, user) -> bool:
    """The owner, staff of the receiving, competent or current agency, a consulted agency, a province
    admin or supervisor anywhere."""
    if user is None or not user.is_authenticated:
        return False
    applicant = applicant_of(user)
    if applicant is not None and applicant.pk == dossier.applicant_id:
        return True
    grants = user_role_grants(user, clock.now())
    agencies = {dossier.receiving_agency_id, dossier.competent_agency_id, dossier.current_agency_id}
    agencies |= {c.agency_id for c in dossier.consultations.all()}
    for grant in grants:
        if grant.role in (Role.PROVINCE_ADMIN, Role.SUPERVISOR):
            return True
        if grant.agency_id in agencies:
            return True
    return False


def worklist_filter(user) -> Q | None:
    """The dossiers waiting for the user: their own applications, or for staff those whose current
    (agency, role) they hold (directly or by delegation), those assigned to them, and open
    consultations of their agency. None: nothing at all."""
    applicant = applicant_of(user)
    condition = Q(pk__in=[])
    found = False
    if applicant is not None:
        condition |= Q(applicant_id=applicant.pk)
        found = True
    consulting = set()
    for grant in user_role_grants(user, clock.now()):
        condition |= Q(current_agency_id=grant.agency_id, current_role=grant.role)
        if grant.role in (Role.PROCESSING_OFFICER, Role.LEADER):
            consulting.add(grant.agency_id)
        found = True
    if consulting:
        # The open consultations are a handful of ids: fetching them first keeps the page query one
        # indexable OR, without a join to consultations and the DISTINCT it would need (a join inside
        # the OR made PostgreSQL read every dossier in processing; docs/performance.md).
        consulted = list(
            DossierConsultation.objects.filter(
                agency_id__in=consulting, answered_at__isnull=True
            ).values_list("dossier_id", flat=True)
        )
        if consulted:
            condition |= Q(pk__in=consulted, state="processing")
    if user.is_authenticated:
        condition |= Q(assigned_officer_id=user.pk)
    return condition if found else None


def dossier_worklist(
    user,
    *,
    state: str | None = None,
    step: str | None = None,
    procedure: str | None = None,
    due_before: datetime | None = None,
    due_after: datetime | None = None,
    after_id: int | None = None,
    limit: int = 50,
) -> list[Dossier]:
    """One page, newest first; the next page starts after the last id (keyset: no OFFSET, no COUNT)."""
    condition = worklist_filter(user)
    if condition is None:
        return []
    qs: QuerySet[Dossier] = Dossier.objects.filter(condition)
    if state:
        qs = qs.filter(state=state)
    if step:
        qs = qs.filter(current_step=step)
    if procedure:
        qs = qs.filter(procedure_version__procedure__code=procedure)
    if due_before:
        qs = qs.filter(due_at__lt=due_before)
    if due_after:
        qs = qs.filter(due_at__gte=due_after)
    if after_id:
        qs = qs.filter(pk__lt=after_id)
    qs = qs.select_related("applicant", "procedure_version__procedure", "current_agency")
    return list(qs.order_by("-pk")[: max(1, min(limit, 200))])


def dossier_events(dossier: Dossier, *, public_only: bool = False) -> QuerySet[DossierEvent]:
    qs = DossierEvent.objects.filter(dossier=dossier).select_related("actor", "agency", "on_behalf_of")
    if public_only:
        qs = qs.filter(is_public=True)
    return qs.order_by("seq")


def dossier_public_timeline(dossier: Dossier) -> list[DossierEvent]:
    """Public events only, without people (no joins): time, national status, the public text."""
    return list(
        DossierEvent.objects.filter(dossier=dossier, is_public=True)
        .only("at", "action", "public_text", "national_status", "to_state", "data", "seq")
        .order_by("seq")
    )


def dossier_public_lookup(code: str, id_number: str) -> Dossier | None:
    """The dossier only when the ID number (citizen ID or tax code) matches its applicant."""
    id_number = (id_number or "").strip()
    if not id_number:
        return None
    return (
        Dossier.objects.select_related("procedure_version", "receiving_agency", "competent_agency")
        .filter(code=code)
        .filter(Q(applicant__id_number=id_number) | Q(applicant__tax_code=id_number))
        .first()
    )


def actions_available(dossier: Dossier) -> list[str]:
    """The actions whose state condition the dossier meets (permission is checked when acting)."""
    return [
        name
        for name, spec in ACTIONS.items()
        if not spec.creates and (not spec.from_states or dossier.state in spec.from_states)
    ] + (["receive"] if dossier.state == "submitted" else [])
