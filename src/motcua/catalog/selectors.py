"""Reads from the catalogue."""

from django.db.models import Prefetch, QuerySet

from motcua.core.search import search_filter

from .models import Component, Procedure, ProcedureVersion
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
    return qs.order_by("name", "code")


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
            FeeSpec(channel=f.channel or None, kind=f.kind, amount=f.amount, description=f.description)
            for f in version.fees.all()
        ),
        components=tuple(
            ComponentSpec(
                name=c.name,
                case=c.case,
                originals=c.originals,
                copies=c.copies,
                mandatory=c.mandatory,
                template_name=c.template_name,
                note=c.note,
            )
            for c in version.components.all()
        ),
        results=tuple(ResultSpec(code=r.code, name=r.name) for r in version.results.all()),
        legal_bases=tuple(
            LegalBasisSpec(number=b.number, title=b.title, issued_on=b.issued_on)
            for b in version.legal_bases.all()
        ),
        eform=tuple(version.eform),
        source_note=version.source_note,
    )


def component_template_of(code: str, component_id: int) -> Component | None:
    """A component of the procedure's current version that has a downloadable form template."""
    return (
        Component.objects.filter(pk=component_id, version__procedure__code=code, version__status="published")
        .exclude(template="")
        .first()
    )
