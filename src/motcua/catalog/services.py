"""Writes to the catalogue. Publishing is the only way a procedure's content changes."""

from django.core.exceptions import ValidationError
from django.db import transaction

from motcua.core import clock
from motcua.core.text import fold
from motcua.organizations.models import Agency

from .models import (
    Component,
    Fee,
    LegalBasis,
    Procedure,
    ProcedureVersion,
    ProcessingTime,
    Result,
    Sector,
    VersionStatus,
)
from .selectors import version_to_spec
from .spec import ProcedureSpec


class UnknownAgencies(ValidationError):
    pass


def _resolve_agencies(identifiers) -> list[Agency]:
    wanted = list(dict.fromkeys(identifiers))
    found = {a.identifier: a for a in Agency.objects.filter(identifier__in=wanted)}
    missing = [i for i in wanted if i not in found]
    if missing:
        raise UnknownAgencies(
            f"Không tìm thấy cơ quan có mã định danh: {', '.join(missing)}. "
            f"/ No agency with identifier: {', '.join(missing)}."
        )
    return [found[i] for i in wanted]


def _sector_for(spec: ProcedureSpec) -> Sector:
    sector, created = Sector.objects.get_or_create(code=spec.sector_code, defaults={"name": spec.sector_name})
    if not created and sector.name != spec.sector_name:
        sector.name = spec.sector_name
        sector.save()
    return sector


def _write_version(
    procedure: Procedure, spec: ProcedureSpec, number: int, status: str, **extra
) -> ProcedureVersion:
    version = ProcedureVersion.objects.create(
        procedure=procedure,
        number=number,
        status=status,
        name=spec.name,
        sector=_sector_for(spec),
        level=spec.level,
        online_kind=spec.online_kind,
        description=spec.description,
        steps=spec.steps,
        requirements=spec.requirements,
        applicant_types=list(spec.applicant_types),
        eform=list(spec.eform),
        source_note=spec.source_note,
        same_day_cutoff=spec.same_day_cutoff,
        **extra,
    )
    version.competent_agencies.set(_resolve_agencies(spec.competent_agencies))
    version.receiving_agencies.set(_resolve_agencies(spec.receiving_agencies))
    ProcessingTime.objects.bulk_create(
        ProcessingTime(
            version=version, channel=t.channel, value=t.value, unit=t.unit, description=t.description
        )
        for t in spec.times
    )
    Fee.objects.bulk_create(
        Fee(
            version=version,
            channel=f.channel or "",
            kind=f.kind,
            amount=f.amount,
            description=f.description,
            name=f.name,
            basis=f.basis,
            quantity_field=f.quantity_field,
            exemptions=[e.model_dump() for e in f.exemptions],
        )
        for f in spec.fees
    )
    Component.objects.bulk_create(
        Component(version=version, position=i, **c.model_dump())
        for i, c in enumerate(spec.components, start=1)
    )
    Result.objects.bulk_create(Result(version=version, **r.model_dump()) for r in spec.results)
    LegalBasis.objects.bulk_create(LegalBasis(version=version, **b.model_dump()) for b in spec.legal_bases)
    return version


def _make_current(procedure: Procedure, version: ProcedureVersion, user) -> None:
    # The published internal processes must fit the new legal time (refused, listing what to re-plan).
    from motcua.workflow.consistency import check_version_against_processes

    check_version_against_processes(version)
    ProcedureVersion.objects.filter(procedure=procedure, status=VersionStatus.PUBLISHED).exclude(
        pk=version.pk
    ).update(status=VersionStatus.SUPERSEDED)
    version.status = VersionStatus.PUBLISHED
    version.published_at = clock.now()
    version.published_by = user if user is not None and user.is_authenticated else None
    version.save(update_fields=["status", "published_at", "published_by"])
    procedure.current_version = version
    procedure.name = version.name
    procedure.sector = version.sector
    procedure.level = version.level
    procedure.online_kind = version.online_kind
    procedure.search_text = fold(f"{procedure.code} {version.name} {version.sector.name}")
    procedure.save()


@transaction.atomic
def procedure_publish(
    spec: ProcedureSpec, *, user=None, change_note: str = ""
) -> tuple[ProcedureVersion, bool]:
    """Publish `spec` as the procedure's new current version. Publishing content identical to the
    current version changes nothing (imports are idempotent). Returns (version, created)."""
    procedure, _ = Procedure.objects.select_for_update().get_or_create(code=spec.code)
    # Sectors are not versioned: a new sector name renames it for every procedure, before comparing,
    # so a rename alone does not make a new version.
    _sector_for(spec)
    current = procedure.current_version
    if current is not None and version_to_spec(current) == spec:
        return current, False
    last = procedure.versions.order_by("-number").values_list("number", flat=True).first() or 0
    version = _write_version(procedure, spec, last + 1, VersionStatus.DRAFT, change_note=change_note)
    _make_current(procedure, version, user)
    return version, True


@transaction.atomic
def procedure_version_create_draft(version: ProcedureVersion, *, user=None) -> ProcedureVersion:
    """Start editing: a draft copy of `version`, with the next number. Published versions never change."""
    procedure = Procedure.objects.select_for_update().get(pk=version.procedure_id)
    last = procedure.versions.order_by("-number").values_list("number", flat=True).first() or 0
    return _write_version(
        procedure,
        version_to_spec(version),
        last + 1,
        VersionStatus.DRAFT,
        change_note=f"Sửa đổi từ phiên bản {version.number}",
    )


@transaction.atomic
def procedure_version_publish(version: ProcedureVersion, *, user=None) -> ProcedureVersion:
    version = ProcedureVersion.objects.select_for_update().get(pk=version.pk)
    if version.status != VersionStatus.DRAFT:
        raise ValidationError("Chỉ công bố được bản nháp. / Only a draft can be published.")
    ProcedureSpec.model_validate(version_to_spec(version).model_dump())
    _make_current(version.procedure, version, user)
    return version
