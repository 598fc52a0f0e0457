"""Reads from the catalogue."""

import threading
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from django.db.models import Prefetch, QuerySet

from motcua.calendar.worktime import Term
from motcua.core.collation import vi
from motcua.core.compiled import CompiledQuery
from motcua.core.search import search_filter

from .eform_schema import EField
from .eform_schema import parse as parse_eform
from .fees import FeeRule
from .models import Component, Procedure, ProcedureVersion, TimeUnit, VersionStatus
from .spec import ComponentSpec, FeeSpec, LegalBasisSpec, ProcedureSpec, ResultSpec, TimeSpec

VERSION_PREFETCH = (
    "processing_times",
    "fees",
    "components",
    "results",
    "legal_bases",
    "competent_agencies",
    "receiving_agencies",
)


def procedure_list(
    *,
    q: str | None = None,
    sector: str | None = None,
    agency: str | None = None,
    online_kind: str | None = None,
    level: str | None = None,
) -> QuerySet[Procedure]:
    """Active procedures with a published version, filtered; `q` folds accents and đ."""
    qs = Procedure.objects.filter(is_active=True, current_version__isnull=False).select_related("sector")
    qs = search_filter(qs, q)
    if sector:
        qs = qs.filter(sector__code=sector)
    if online_kind:
        qs = qs.filter(online_kind=online_kind)
    if level:
        qs = qs.filter(level=level)
    if agency:
        qs = qs.filter(current_version__competent_agencies__identifier=agency)
    return qs.order_by(vi("name"), "code")


def procedure_get(code: str) -> Procedure | None:
    """A procedure with its current version and everything on it, in a fixed number of queries."""
    version_qs = ProcedureVersion.objects.select_related("sector").prefetch_related(*VERSION_PREFETCH)
    return (
        Procedure.objects.filter(code=code, is_active=True, current_version__isnull=False)
        .select_related("sector")
        .prefetch_related(Prefetch("current_version", queryset=version_qs))
        .first()
    )


def version_to_spec(version: ProcedureVersion) -> ProcedureSpec:
    return ProcedureSpec(
        code=version.procedure.code,
        name=version.name,
        sector_code=version.sector.code,
        sector_name=version.sector.name,
        level=version.level,
        online_kind=version.online_kind,
        description=version.description,
        steps=version.steps,
        requirements=version.requirements,
        applicant_types=tuple(version.applicant_types),
        competent_agencies=tuple(a.identifier for a in version.competent_agencies.all()),
        receiving_agencies=tuple(a.identifier for a in version.receiving_agencies.all()),
        times=tuple(
            TimeSpec(channel=t.channel, value=t.value, unit=t.unit, description=t.description)
            for t in version.processing_times.all()
        ),
        fees=tuple(
            FeeSpec(
                channel=f.channel or None,
                kind=f.kind,
                amount=f.amount,
                description=f.description,
                name=f.name,
                basis=f.basis,
                quantity_field=f.quantity_field,
                exemptions=tuple(f.exemptions or ()),
            )
            for f in version.fees.all()
        ),
        components=tuple(
            ComponentSpec(
                name=c.name,
                case=c.case,
                originals=c.originals,
                copies=c.copies,
                mandatory=c.mandatory,
                kind=c.kind,
                template_name=c.template_name,
                note=c.note,
            )
            for c in version.components.all()
        ),
        results=tuple(
            ResultSpec(code=r.code, name=r.name, is_document=r.is_document) for r in version.results.all()
        ),
        legal_bases=tuple(
            LegalBasisSpec(number=b.number, title=b.title, issued_on=b.issued_on)
            for b in version.legal_bases.all()
        ),
        eform=tuple(version.eform),
        source_note=version.source_note,
        same_day_cutoff=version.same_day_cutoff,
    )


def component_template_of(code: str, component_id: int) -> Component | None:
    """A component of the procedure's current version that has a downloadable form template."""
    return (
        Component.objects.filter(pk=component_id, version__procedure__code=code, version__status="published")
        .exclude(template="")
        .first()
    )


# ----- the rules a dossier is filed under (cached: a published version never changes) ----------


@dataclass(frozen=True)
class VersionRules:
    """What the dossier lifecycle needs of a procedure version, read once and kept in memory.

    Published and superseded versions are immutable (edits make a new draft), so their rules are
    cached per (id, created_at): the timestamp guards against a rolled-back test database handing
    the same id to another version. Drafts are never cached."""

    pk: int
    procedure_id: int
    code: str
    name: str
    competent_ids: tuple[int, ...]
    receiving_ids: tuple[int, ...]
    components: dict[int, str]  # position → name
    required_components: tuple[int, ...]  # positions of the mandatory components
    fees: tuple[FeeRule, ...]  # the version's fee lines (catalog/fees.py computes them)
    hours: dict[str, Decimal | None]  # catalogue channel → working hours (None: calendar days)
    terms: dict[str, Term] = field(default_factory=dict)  # catalogue channel → legal term (any unit)
    component_kinds: dict[int, str] = field(default_factory=dict)  # position → ComponentKind
    stamp: datetime | None = None
    eform: tuple[EField, ...] = ()  # the e-form's fields (catalog.eform_schema)
    number: int = 0  # the version's number within its procedure

    def fees_for(self, channel: str) -> list[FeeRule]:
        """The fee lines that apply to a catalogue channel (lines without a channel apply to all)."""
        return [f for f in self.fees if not f.channel or f.channel == channel]

    def working_hours(self, channel: str) -> Decimal | None:
        return self.hours.get(channel)

    def term(self, channel: str) -> Term | None:
        """The legal processing time for the channel in its own unit (None: the procedure has none)."""
        return self.terms.get(channel)


_rules_cache: dict[int, VersionRules] = {}
_rules_lock = threading.Lock()


def version_rules(version: ProcedureVersion | int, stamp: datetime | None = None) -> VersionRules:
    """The rules of a version; `stamp` is its `created_at` when the caller already has it (a lookup
    that joined it), saving the check query."""
    pk = version if isinstance(version, int) else version.pk
    if not isinstance(version, int):
        stamp = version.created_at
    if stamp is None:
        stamp = ProcedureVersion.objects.filter(pk=pk).values_list("created_at", flat=True).first()
    cached = _rules_cache.get(pk)
    if cached is not None and cached.stamp == stamp:
        return cached
    row = (
        ProcedureVersion.objects.select_related("procedure")
        .prefetch_related("processing_times", "fees", "components")
        .get(pk=pk)
    )
    rules = VersionRules(
        pk=row.pk,
        procedure_id=row.procedure_id,
        code=row.procedure.code,
        name=row.name,
        competent_ids=tuple(row.competent_agencies.values_list("pk", flat=True)),
        receiving_ids=tuple(row.receiving_agencies.values_list("pk", flat=True)),
        components={c.position: c.name for c in row.components.all()},
        required_components=tuple(c.position for c in row.components.all() if c.mandatory),
        component_kinds={c.position: c.kind for c in row.components.all()},
        fees=tuple(FeeRule.of(f) for f in row.fees.all()),
        hours={t.channel: t.working_hours for t in row.processing_times.all()},
        terms={
            t.channel: Term(t.value, t.unit, row.same_day_cutoff if t.unit == TimeUnit.SAME_DAY else None)
            for t in row.processing_times.all()
        },
        stamp=row.created_at,
        eform=tuple(parse_eform(row.eform)),
        number=row.number,
    )
    if row.status != VersionStatus.DRAFT:
        with _rules_lock:
            _rules_cache[pk] = rules
    return rules


def cached_version_rules(pk: int) -> VersionRules | None:
    """The rules cached for version `pk`, unchecked (None when not cached): for a guess that the
    caller checks against the version it then reads (dossiers/references.py), never for a decision."""
    return _rules_cache.get(pk)


def version_rules_cache_clear() -> None:
    with _rules_lock:
        _rules_cache.clear()


def _current_version(code: str):
    return Procedure.objects.filter(code=code, is_active=True, current_version__isnull=False).values_list(
        "current_version_id", "current_version__created_at"
    )


# Asked at every creation of a dossier: its SQL is built once (core/compiled.py).
_CURRENT_VERSION = CompiledQuery(_current_version, code="str")


def current_version_ref(code: str) -> tuple[int, datetime] | None:
    """(id, created_at) of the version in force of an active procedure, in one indexed query."""
    rows = _CURRENT_VERSION.rows(code=code)
    return rows[0] if rows else None
