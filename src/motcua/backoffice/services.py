"""Writes of the back office. The dossier itself changes only through the lifecycle (`dossier_<action>`
doors of `motcua.dossiers.services`); this module only composes them for the desk and finds or records
a walk-in applicant."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction

from motcua.dossiers import services as dossier_services
from motcua.dossiers.models import Dossier
from motcua.organizations.models import Applicant, ApplicantKind
from motcua.organizations.validators import ascii_digits


@dataclass
class WalkInApplicant:
    kind: str = ApplicantKind.CITIZEN
    full_name: str = ""
    id_number: str = ""
    tax_code: str = ""
    phone: str = ""
    email: str = ""
    address: str = ""


def applicant_find_or_create(data: WalkInApplicant) -> Applicant:
    """The applicant with this ID number / tax code; a new one (without an account) otherwise."""
    identifier = ascii_digits(data.id_number if data.kind == ApplicantKind.CITIZEN else data.tax_code).strip()
    if identifier:
        lookup = {"id_number": identifier} if data.kind == ApplicantKind.CITIZEN else {"tax_code": identifier}
        found = Applicant.objects.filter(**lookup).first()
        if found is not None:
            return found
    if not data.full_name.strip():
        raise ValidationError({"full_name": "Cần nhập họ tên người nộp. / The applicant's name is required."})
    applicant = Applicant(
        kind=data.kind,
        full_name=data.full_name.strip(),
        id_number=data.id_number.strip() if data.kind == ApplicantKind.CITIZEN else "",
        tax_code=data.tax_code.strip() if data.kind == ApplicantKind.ORGANISATION else "",
        phone=data.phone.strip(),
        email=data.email.strip(),
        address=data.address.strip(),
    )
    applicant.full_clean()
    applicant.save()
    return applicant


DECISIONS = ("receive", "request_supplement", "refuse")


@dataclass
class DeskRegistration:
    applicant: Applicant
    procedure: str
    channel: str
    competent_agency: str | int | None
    receiving_agency: str | int | None
    components: list[dict] = field(default_factory=list)
    decision: str = "receive"
    missing: list[str] = field(default_factory=list)
    reason: str = ""
    summary: str = ""
    representative: dict = field(default_factory=dict)


def desk_register(actor, reg: DeskRegistration) -> Dossier:
    """A dossier handed in at the desk or arriving by post, and the desk's decision on it, in one
    transaction: `receive` (creates the dossier received, form 01), or `submit` then
    `request_supplement` (form 02) / `refuse` (form 03) — the forms need a dossier and its code."""
    if reg.decision not in DECISIONS:
        raise ValueError(reg.decision)
    common = {
        "procedure": reg.procedure,
        "channel": reg.channel,
        "applicant": reg.applicant,
        "components": reg.components,
        "summary": reg.summary,
        "representative": reg.representative,
    }
    if reg.competent_agency:
        common["competent_agency"] = reg.competent_agency
    if reg.receiving_agency:
        common["receiving_agency"] = reg.receiving_agency
    with transaction.atomic():
        if reg.decision == "receive":
            return dossier_services.dossier_receive(None, actor, **common)
        dossier = dossier_services.dossier_submit(None, actor, **common)
        if reg.decision == "request_supplement":
            return dossier_services.dossier_request_supplement(
                dossier, actor, dossier.version, missing=reg.missing, reason=reg.reason
            )
        return dossier_services.dossier_refuse(dossier, actor, dossier.version, reason=reg.reason)
