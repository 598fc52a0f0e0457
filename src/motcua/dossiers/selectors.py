"""Reads about dossiers: who may see what, the worklist (keyset pages, no COUNT), the public lookup."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Exists, F, OuterRef, Q, QuerySet, prefetch_related_objects
from django.db.models.lookups import In

from motcua.core import clock
from motcua.core.compiled import CompiledQuery
from motcua.core.json_rows import instances, json_rows, loads_rows
from motcua.organizations.models import Agency, Role
from motcua.organizations.selectors import AGENCY_FIELDS, agencies_from_rows, user_role_grants
from motcua.organizations.validators import ascii_digits

from .held import hold, hold_components
from .lifecycle import ACTIONS, applicant_of
from .models import (
    Dossier,
    DossierComponent,
    DossierConsultation,
    DossierEvent,
    DossierFee,
    DossierFile,
    DossierPause,
    DossierResult,
)
from .visibility import OVERSIGHT_ROLES, Visibility, dossier_visible_to

__all__ = ["OVERSIGHT_ROLES", "Visibility", "dossier_visible_to"]  # who may see what: .visibility

# What the public lookup shows (dossiers.api.public_view): no personal data, no JSON columns.
PUBLIC_STATUS_FIELDS = (
    "code",
    "state",
    "national_status",
    "received_at",
    "due_at",
    "finished_at",
    "returned_at",
    "procedure_version__name",
    "receiving_agency__name",
)


# The dossier's child rows that its pages and the API show. Components, their files and fees (what
# nearly every dossier has) come inside the dossier's own query as JSON (`json_rows`); the rarer
# relations come with an EXISTS that tells whether there is anything to fetch, so an empty one costs
# no round trip. Lookup -> the relation it follows.
_CHILDREN = {
    "pauses": "pauses",
    "results": "results",
    "consultations__agency": "consultations",
}
_COMPONENT_FIELDS = tuple(f.attname for f in DossierComponent._meta.concrete_fields)
_FILE_FIELDS = tuple(f.attname for f in DossierFile._meta.concrete_fields)
_FEE_FIELDS = tuple(f.attname for f in DossierFee._meta.concrete_fields)


def _flag(lookup: str) -> str:
    return "has_" + lookup.replace("__", "_")


def _child_rows(relation: str) -> QuerySet:
    model = {"pauses": DossierPause, "results": DossierResult, "consultations": DossierConsultation}[relation]
    return model.objects.filter(dossier=OuterRef("pk"))


# The dossier's three agencies, as one scalar subquery of the dossier's own query: three more joins
# made an eight-table join that cost PostgreSQL 2–5 ms of planning for a 0.5 ms execution
# (docs/performance.md, "receive"); a subquery by primary key costs neither, nor a round trip.
_AGENCIES = json_rows(
    Agency.objects.filter(
        Q(pk=OuterRef("receiving_agency_id"))
        | Q(pk=OuterRef("competent_agency_id"))
        | Q(pk=OuterRef("current_agency_id"))
    ),
    *AGENCY_FIELDS,
)
_COMPONENTS = json_rows(DossierComponent.objects.filter(dossier=OuterRef("pk")), *_COMPONENT_FIELDS)
_FILES = json_rows(DossierFile.objects.filter(component__dossier=OuterRef("pk")), *_FILE_FIELDS)
_FEES = json_rows(DossierFee.objects.filter(dossier=OuterRef("pk")), *_FEE_FIELDS)


def _dossier_query(code: str) -> QuerySet:
    flags = {_flag(name): Exists(_child_rows(relation)) for name, relation in _CHILDREN.items()}
    return (
        Dossier.objects.select_related("applicant", "procedure_version__procedure", "assigned_officer")
        .annotate(
            **flags, agency_rows=_AGENCIES, component_rows=_COMPONENTS, file_rows=_FILES, fee_rows=_FEES
        )
        .filter(code=code)
        .order_by("pk")[:1]
    )


# Built and compiled once per process (2.4 ms of Python per read otherwise; docs/performance.md,
# "Python per receipt").
_DOSSIER = CompiledQuery(_dossier_query, code="str")


def dossier_get(code: str) -> Dossier | None:
    """One dossier with what its pages and the API show, in one statement for a usual dossier: its
    three agencies (`_AGENCIES`), components, their files and fees ride in the dossier's query as
    JSON; pauses, results and consultations are fetched only when it has some (`_CHILDREN`), the
    others read as empty without a query."""
    dossier = _DOSSIER.first(code=code)
    if dossier is not None:
        hold_components(
            dossier,
            instances(DossierComponent, _COMPONENT_FIELDS, loads_rows(dossier.component_rows)),
            instances(DossierFile, _FILE_FIELDS, loads_rows(dossier.file_rows)),
        )
        fees = instances(DossierFee, _FEE_FIELDS, loads_rows(dossier.fee_rows))
        hold(dossier, "fees", sorted(fees, key=lambda f: f.pk))
        lookups = [name for name in _CHILDREN if getattr(dossier, _flag(name))]
        prefetch_related_objects([dossier], *lookups)
        for name in ("pauses", "results", "consultations"):
            if name not in dossier._prefetched_objects_cache:
                hold(dossier, name, [])
        agencies = agencies_from_rows(loads_rows(dossier.agency_rows))
        dossier.receiving_agency = agencies[dossier.receiving_agency_id]
        dossier.competent_agency = agencies[dossier.competent_agency_id]
        if dossier.current_agency_id is not None:
            dossier.current_agency = agencies[dossier.current_agency_id]
    return dossier


class _InIdsOf(In):
    """`lhs IN (subquery)`, written `lhs = ANY(ARRAY(subquery))` on PostgreSQL so that the subquery is
    an InitPlan run once and its result an index condition (inside an OR, `IN (subquery)` becomes a
    hashed SubPlan filter, which no index serves)."""

    def as_postgresql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)  # "(SELECT …)"
        return f"{lhs} = ANY(ARRAY{rhs})", (*lhs_params, *rhs_params)


def worklist_filter(user) -> Q | None:
    """The dossiers waiting for the user: their own applications, or for staff those whose current
    (agency, role) they hold (directly or by delegation), those assigned to them, and open
    consultations of their agency; for a supervisor or province admin, every dossier they oversee
    (`visibility.Visibility.supervision`). None: nothing at all; an empty Q: every dossier."""
    applicant = applicant_of(user)
    condition = Q(pk__in=[])
    found = False
    if applicant is not None:
        condition |= Q(applicant_id=applicant.pk)
        found = True
    consulting = set()
    grants = user_role_grants(user, clock.now())
    if any(g.role in OVERSIGHT_ROLES for g in grants):
        supervision = Visibility.of(user, grants).supervision()
        if supervision is not None and not supervision:
            return supervision  # the whole province
        if supervision is not None:
            condition |= supervision
            found = True
    for grant in grants:
        condition |= Q(current_agency_id=grant.agency_id, current_role=grant.role)
        if grant.role in (Role.PROCESSING_OFFICER, Role.LEADER):
            consulting.add(grant.agency_id)
        found = True
    if consulting:
        # The open consultations are a handful of ids, read by a subquery evaluated once before the
        # page (PostgreSQL: `id = ANY(ARRAY(SELECT …))`, an InitPlan): the page query stays one
        # indexable OR, without a join to consultations and the DISTINCT it would need (a join inside
        # the OR made PostgreSQL read every dossier in processing; docs/performance.md), and without a
        # round trip of its own.
        consulted = (
            DossierConsultation.objects.filter(agency_id__in=consulting, answered_at__isnull=True)
            .order_by()
            .values("dossier_id")
        )
        condition |= Q(_InIdsOf(F("pk"), consulted), state="processing")
    if user.is_authenticated:
        condition |= Q(assigned_officer_id=user.pk)
    return condition if found else None


@dataclass(frozen=True, slots=True)
class WorklistRow:
    """One line of a worklist: what the API's summary row shows (`dossiers.api.worklist_item`), read as
    plain values. Building 50 model instances with their applicant, procedure version, procedure and
    agency (250 objects) cost more than the query itself; a tuple per row does not."""

    pk: int
    code: str
    state: str
    national_status: int
    channel: str
    procedure: str
    procedure_name: str
    applicant_name: str
    current_step: str
    current_step_name: str
    current_role: str
    current_agency: str | None  # the agency's identifier
    assigned_officer_id: int | None
    step_due_at: datetime | None
    due_at: datetime | None
    received_at: datetime | None
    version: int


# The columns behind WorklistRow, in its field order (joins: applicant, procedure version, procedure,
# and the current agency, outer-joined since it may be empty).
_WORKLIST_COLUMNS = (
    "pk",
    "code",
    "state",
    "national_status",
    "channel",
    "procedure_version__procedure__code",
    "procedure_version__name",
    "applicant__full_name",
    "current_step",
    "current_step_name",
    "current_role",
    "current_agency__identifier",
    "assigned_officer_id",
    "step_due_at",
    "due_at",
    "received_at",
    "version",
)


WORKLIST_MAX_PAGE = 200  # the largest page a caller may ask for


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
) -> list[WorklistRow]:
    """One page of at most `limit` rows, newest first; the next page starts after the last id (keyset:
    no OFFSET, no COUNT). `limit` is capped at WORKLIST_MAX_PAGE + 1: a caller serving the largest
    page asks one row more to learn whether another page follows."""
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
    rows = qs.order_by("-pk").values_list(*_WORKLIST_COLUMNS)[: max(1, min(limit, WORKLIST_MAX_PAGE + 1))]
    return [WorklistRow(*row) for row in rows]


def dossier_events(dossier: Dossier, *, public_only: bool = False) -> QuerySet[DossierEvent]:
    qs = DossierEvent.objects.filter(dossier=dossier).select_related("actor", "agency", "on_behalf_of")
    if public_only:
        qs = qs.filter(is_public=True)
    return qs.order_by("seq")


# The keys of an event's `data` its applicant is shown (the reason addressed to them, what to supplement).
PUBLIC_EVENT_DATA = ("reason", "missing")


def dossier_public_timeline(dossier: Dossier) -> list[DossierEvent]:
    """Public events only, without people (no joins): time, national status, the public text, and of
    `data` only `PUBLIC_EVENT_DATA`. What the applicant sees of their dossier's history on the portal
    (/ho-so/<code>/) and over the API (`GET /dossiers/{code}/events`), and the public lookup's timeline:
    one rule for every door."""
    events = list(
        DossierEvent.objects.filter(dossier=dossier, is_public=True)
        .only(
            "at",
            "action",
            "public_text",
            "national_status",
            "from_state",
            "to_state",
            "data",
            "seq",
            "is_public",
            "dossier_version",
        )
        .order_by("seq")
    )
    for event in events:
        data = event.data if isinstance(event.data, dict) else {}
        event.data = {key: data[key] for key in PUBLIC_EVENT_DATA if key in data}
    return events


def sees_applicant_view(user, dossier: Dossier) -> bool:
    """Whether `user` is the dossier's own applicant, who sees what the portal shows them
    (`dossier_public_timeline`, no officers' comments or names, no consultations), not staff's view."""
    owner = applicant_of(user)
    return owner is not None and owner.pk == dossier.applicant_id


_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d"), "-")


def normalize_dossier_code(text: str) -> str:
    """A dossier code as people type or copy it, in its stored form: NFKC (full-width characters),
    every kind of dash a hyphen, no spaces anywhere, letters upper-case (codes are
    `<agency identifier>-<yymmdd>-<nnnn>`, e.g. 000.00.30.H31-260302-0001, Decree 61/2018 art. 26
    and Circular 01/2018/TT-VPCP); at most 40 characters. "" for nothing usable."""
    text = unicodedata.normalize("NFKC", text or "").translate(_DASHES)
    return "".join(ascii_digits(text).split()).upper()[:40]


def _public_match(code: str, id_number: str) -> QuerySet[Dossier] | None:
    id_number = "".join(ascii_digits(id_number).split())
    code = normalize_dossier_code(code)
    if not id_number or not code:
        return None
    return Dossier.objects.filter(code=code).filter(
        Q(applicant__id_number=id_number) | Q(applicant__tax_code=id_number)
    )


def dossier_public_lookup(code: str, id_number: str) -> Dossier | None:
    """The dossier only when the ID number (citizen ID or tax code) matches its applicant."""
    qs = _public_match(code, id_number)
    if qs is None:
        return None
    return qs.select_related("procedure_version", "receiving_agency", "competent_agency").first()


def dossier_public_status(code: str, id_number: str) -> Dossier | None:
    """The same match as `dossier_public_lookup`, with only the columns the public view shows
    (`PUBLIC_STATUS_FIELDS`): the API's anonymous lookup."""
    qs = _public_match(code, id_number)
    if qs is None:
        return None
    return qs.select_related("procedure_version", "receiving_agency").only(*PUBLIC_STATUS_FIELDS).first()


def actions_available(dossier: Dossier) -> list[str]:
    """The actions whose state condition the dossier meets (permission is checked when acting)."""
    return [
        name
        for name, spec in ACTIONS.items()
        if not spec.creates and (not spec.from_states or dossier.state in spec.from_states)
    ] + (["receive"] if dossier.state == "submitted" else [])
