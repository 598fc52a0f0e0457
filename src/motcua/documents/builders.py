"""From a dossier (and its event log) to the form dataclasses of `forms.py`.

Reads only: `motcua.dossiers.models` (Dossier, its components, fees and events), the applicant, agencies and
the procedure version. Each function takes optional `number` (the document's "Số: …", which a clerk
assigns), `place` (the place in the date line) and `base_url` (the public site, for the QR lookup):

- `place` defaults to settings.MOTCUA_DOCUMENT_PLACE, else the environment variable of the same name,
  else dots to fill by hand;
- `base_url` defaults to `motcua.core.public_url.public_base_url()`: MOTCUA_PUBLIC_URL, else in
  development the address of the request being served, else http://localhost:8000.
"""

from __future__ import annotations

import datetime as dt
import os
from decimal import Decimal

from django.conf import settings

from .forms import (
    Applicant,
    Component,
    Fee,
    Form01Receipt,
    Form02Supplement,
    Form03Refusal,
    Form04Apology,
    Form05Stop,
    Form06ControlSlip,
    Form07TrackingBook,
    HandoverRow,
    MissingItem,
    StepOutcome,
    TrackingRow,
)
from .qr import lookup_url

HOURS_PER_DAY = Decimal(8)
FEE_KINDS = {"fee": "Phí", "charge": "Lệ phí"}

ACTION_LABELS = {
    "receive": "Tiếp nhận hồ sơ",
    "transfer": "Chuyển cơ quan giải quyết",
    "forward": "Chuyển bước xử lý",
    "send_back": "Trả lại bước trước",
    "consult": "Xin ý kiến",
    "approve": "Phê duyệt",
    "reject": "Không giải quyết",
    "issue_result": "Ban hành kết quả",
    "return_result": "Trả kết quả",
}
# Events that hand the dossier to someone else: the rows of the control slip.
HANDOVER_ACTIONS = frozenset(
    {"receive", "transfer", "forward", "send_back", "approve", "reject", "issue_result"}
)


def _setting(name: str, default: str) -> str:
    return getattr(settings, name, "") or os.environ.get(name, "") or default


def default_place() -> str:
    return _setting("MOTCUA_DOCUMENT_PLACE", "")


def default_base_url() -> str:
    from motcua.core.public_url import public_base_url

    return public_base_url()


def _person(user) -> str:
    if user is None:
        return ""
    full = user.get_full_name() if hasattr(user, "get_full_name") else ""
    return full or str(user)


def _letterhead(agency, *, number: str, place: str | None, issued_at) -> dict:
    parent = getattr(agency, "parent", None)
    return {
        "agency_name": agency.name,
        "parent_agency_name": parent.name if parent is not None else "",
        "number": number,
        "place": default_place() if place is None else place,
        "issued_at": issued_at,
    }


def applicant_of(dossier) -> Applicant:
    a = dossier.applicant
    return Applicant(
        name=a.full_name,
        address=a.address,
        phone=dossier.representative_phone or a.phone,
        email=a.email,
        representative_name=dossier.representative_name,
    )


def _last_event(dossier, action: str):
    return dossier.events.filter(action=action).order_by("-seq").first()


def _parse(value) -> dt.datetime | None:
    if not value:
        return None
    return value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(str(value))


def processing_time_text(dossier) -> str:
    """The legal time in the words of its unit ("15 ngày", "2 buổi làm việc", "Trong ngày làm việc")."""
    if dossier.same_day:
        if dossier.same_day_cutoff:
            return (
                f"Trong ngày làm việc (nhận sau {dossier.same_day_cutoff:%H:%M} trả ngày làm việc tiếp theo)"
            )
        return "Trong ngày làm việc"
    if dossier.deadline_unit and dossier.deadline_unit != "working_day":
        from motcua.catalog.models import TimeUnit

        value = f"{Decimal(dossier.deadline_value or 0).normalize():f}".replace(".", ",")
        label = dict(TimeUnit.choices).get(dossier.deadline_unit, dossier.deadline_unit).lower()
        return f"{value} {label}"
    hours = dossier.processing_hours
    if hours is None:
        return ""
    days = Decimal(hours) / HOURS_PER_DAY
    text = f"{days.normalize():f}".replace(".", ",")
    return f"{text} ngày làm việc"


def _result_delivery(dossier) -> str:
    """How the result goes back: as returned, else as the applicant asked (with the postal address)."""
    if dossier.return_channel:
        return dossier.get_return_channel_display()
    if not dossier.requested_return_channel:
        return ""
    text = dossier.get_requested_return_channel_display()
    return f"{text}: {dossier.return_address}" if dossier.return_address else text


def fees_of(dossier) -> tuple[Fee, ...]:
    """The dossier's fee lines as printed: the line's name (else its kind; an officer's obligation its
    short description), never the catalogue's notes; quantity × unit price for per-copy lines."""
    lines = []
    for f in dossier.fees.all():
        name = (
            f.name
            or (f.description[:120] if f.kind == "obligation" else "")
            or FEE_KINDS.get(f.kind, "Phí, lệ phí")
        )
        per_unit = f.quantity != 1 and f.unit_amount
        lines.append(
            Fee(
                name,
                f.amount,
                quantity=f.quantity,
                unit_amount=f.unit_amount if per_unit else 0,
                exemption=f.exemption,
            )
        )
    return tuple(lines)


def form01_for(dossier, *, number: str = "", place: str | None = None, base_url: str | None = None):
    version = dossier.procedure_version
    catalogue = {c.name: c for c in version.components.all()}
    components = []
    for c in dossier.components.all():
        spec = catalogue.get(c.name)
        components.append(
            Component(c.name, originals=spec.originals if spec else 0, copies=spec.copies if spec else 0)
        )
    receipt = _last_event(dossier, "receive")
    return Form01Receipt(
        **_letterhead(dossier.receiving_agency, number=number, place=place, issued_at=dossier.received_at),
        dossier_code=dossier.code,
        applicant=applicant_of(dossier),
        procedure_name=version.name,
        components=tuple(components),
        processing_time=processing_time_text(dossier),
        received_at=dossier.received_at,
        due_at=dossier.due_at,
        result_delivery=_result_delivery(dossier),
        fees=fees_of(dossier),
        lookup_url=lookup_url(base_url or default_base_url(), dossier.code),
        officer_name=_person(receipt.actor) if receipt else "",
    )


def form02_for(dossier, *, number: str = "", place: str | None = None):
    event = _last_event(dossier, "request_supplement")
    if event is None:
        raise ValueError(f"{dossier.code}: no supplement request to print")
    reason = str(event.data.get("reason") or event.comment or "")
    missing = [str(m) for m in event.data.get("missing") or []]
    items = tuple(MissingItem(m, reason) for m in missing) or (MissingItem(reason),)
    agency = event.agency or dossier.receiving_agency
    return Form02Supplement(
        **_letterhead(agency, number=number, place=place, issued_at=event.at),
        dossier_code=dossier.code,
        applicant=applicant_of(dossier),
        procedure_name=dossier.procedure_version.name,
        submitted_at=dossier.received_at or dossier.submitted_at,
        items=items,
        contact_officer=_person(event.actor),
        contact_phone=getattr(event.actor, "phone", "") or getattr(agency, "phone", ""),
        officer_name=_person(event.actor),
    )


def form03_for(dossier, *, number: str = "", place: str | None = None):
    event = _last_event(dossier, "refuse")
    if event is None:
        raise ValueError(f"{dossier.code}: not refused")
    reasons = tuple(line.strip() for line in dossier.end_reason.splitlines() if line.strip())
    return Form03Refusal(
        **_letterhead(
            event.agency or dossier.receiving_agency, number=number, place=place, issued_at=event.at
        ),
        dossier_code=dossier.code,
        applicant=applicant_of(dossier),
        procedure_name=dossier.procedure_version.name,
        submitted_at=dossier.submitted_at or dossier.received_at,
        reasons=reasons or (dossier.end_reason,),
        officer_name=_person(event.actor),
    )


def form04_for(
    dossier,
    *,
    number: str = "",
    place: str | None = None,
    base_url: str | None = None,
    signer_title: str = "THỦ TRƯỞNG CƠ QUAN",
):
    event = _last_event(dossier, "apologize")
    if event is None:
        raise ValueError(f"{dossier.code}: no apology recorded")
    return Form04Apology(
        **_letterhead(
            event.agency or dossier.competent_agency, number=number, place=place, issued_at=event.at
        ),
        dossier_code=dossier.code,
        applicant=applicant_of(dossier),
        procedure_name=dossier.procedure_version.name,
        received_at=dossier.received_at,
        old_due_at=_parse(event.data.get("previous_due_at")) or dossier.original_due_at,
        new_due_at=event.due_at or dossier.due_at,
        reason=str(event.data.get("reason") or event.comment),
        extension=str((event.data.get("requested_extension") or {}).get("text", "")),
        lookup_url=lookup_url(base_url or default_base_url(), dossier.code),
        signer_title=signer_title,
        signer_name=_person(event.actor),
    )


def form05_for(
    dossier, *, number: str = "", place: str | None = None, signer_title: str = "THỦ TRƯỞNG CƠ QUAN"
):
    event = _last_event(dossier, "stop")
    if event is None:
        raise ValueError(f"{dossier.code}: processing was not stopped")
    return Form05Stop(
        **_letterhead(
            event.agency or dossier.competent_agency, number=number, place=place, issued_at=event.at
        ),
        dossier_code=dossier.code,
        applicant=applicant_of(dossier),
        procedure_name=dossier.procedure_version.name,
        received_at=dossier.received_at,
        stopped_at=event.at,
        reason=dossier.end_reason,
        signer_title=signer_title,
        signer_name=_person(event.actor),
    )


def _step_names(dossier) -> dict[str, str]:
    """The process's step keys → their names ("thu-ly" → "Thụ lý hồ sơ"), for people, not slugs."""
    if not getattr(dossier, "process_definition_id", None):
        return {}
    from motcua.workflow.models import Step

    return dict(Step.objects.filter(definition_id=dossier.process_definition_id).values_list("key", "name"))


def _handover_rows(events, step_names: dict[str, str] | None = None) -> tuple[HandoverRow, ...]:
    names = step_names or {}
    rows = []
    for e in events:
        if e.action not in HANDOVER_ACTIONS:
            continue
        outcome = e.step_outcome if e.step_outcome in StepOutcome._value2member_map_ else ""
        to_step = names.get(e.to_step, e.to_step)
        to_name = _person(e.to_officer) or (to_step and f"Bước «{to_step}»") or ""
        from_step = names.get(e.from_step, e.from_step)
        rows.append(
            HandoverRow(
                step=ACTION_LABELS.get(e.action, e.action) + (f" ({from_step})" if from_step else ""),
                from_name=e.actor_name or _person(e.actor),
                from_unit=e.agency.name if e.agency_id else "",
                to_name=to_name,
                handed_at=e.at,
                deadline=e.step_due_at,
                outcome=outcome,
                note=e.comment[:200],
            )
        )
    return tuple(rows)


def form06_for(dossier, *, number: str = "", place: str | None = None, receipt_number: str = ""):
    events = dossier.events.select_related("agency", "actor", "to_officer").order_by("seq")
    coordinating = tuple(
        dict.fromkeys(c.agency.name for c in dossier.consultations.select_related("agency").order_by("pk"))
    )
    return Form06ControlSlip(
        **_letterhead(dossier.receiving_agency, number=number, place=place, issued_at=dossier.received_at),
        dossier_code=dossier.code,
        receipt_number=receipt_number,
        applicant=applicant_of(dossier),
        procedure_name=dossier.procedure_version.name,
        competent_agency_name=dossier.competent_agency.name,
        coordinating_agencies=coordinating,
        received_at=dossier.received_at,
        due_at=dossier.due_at,
        rows=_handover_rows(events, _step_names(dossier)),
    )


def tracking_row_for(dossier) -> TrackingRow:
    handed = dossier.events.filter(action__in=("transfer", "forward")).order_by("seq").first()
    address_phone = "; ".join(p for p in (dossier.applicant.address, dossier.applicant.phone) if p)
    return TrackingRow(
        dossier_code=dossier.code,
        procedure_name=dossier.procedure_version.name,
        applicant_name=dossier.applicant.full_name,
        address_phone=address_phone,
        competent_agency_name=dossier.competent_agency.name,
        received_at=dossier.received_at,
        due_at=dossier.due_at,
        transferred_at=handed.at if handed else None,
        finished_at=dossier.finished_at,
        returned_at=dossier.returned_at,
        note=dossier.get_state_display(),
    )


def form07_for(
    agency, start: dt.date, end: dt.date, *, number: str = "", place: str | None = None, issued_at=None
):
    """The tracking book of dossiers received by `agency` from `start` to `end` (local dates, inclusive)."""
    from motcua.dossiers.models import Dossier

    from .formatting import LOCAL_TZ

    since = dt.datetime.combine(start, dt.time.min, tzinfo=LOCAL_TZ)
    until = dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=LOCAL_TZ)
    dossiers = (
        Dossier.objects.filter(receiving_agency=agency, received_at__gte=since, received_at__lt=until)
        .select_related("applicant", "competent_agency", "procedure_version")
        .order_by("received_at", "pk")
    )
    return Form07TrackingBook(
        **_letterhead(agency, number=number, place=place, issued_at=issued_at),
        period_start=start,
        period_end=end,
        rows=tuple(tracking_row_for(d) for d in dossiers),
    )
