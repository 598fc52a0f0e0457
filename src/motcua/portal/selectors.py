"""Reads of the citizen portal: drafts, the applicant's dossiers in plain words, estimates, lookups."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Prefetch
from django.utils.translation import gettext_noop

from motcua.catalog.models import OnlineKind, ProcedureVersion
from motcua.core import clock
from motcua.core.collation import sorted_vi
from motcua.dossiers import deadlines
from motcua.dossiers.models import Dossier, DossierComponent, DossierEvent
from motcua.dossiers.states import State
from motcua.organizations.models import Agency, Applicant

from .models import Draft

ONLINE_KINDS = (OnlineKind.PARTIAL, OnlineKind.FULL)


def applicant_for(user) -> Applicant | None:
    if not getattr(user, "is_authenticated", False):
        return None
    try:
        return user.applicant
    except Applicant.DoesNotExist:
        return None


def is_online(version: ProcedureVersion | None) -> bool:
    return version is not None and version.online_kind in ONLINE_KINDS


def receiving_choices(version: ProcedureVersion) -> list[Agency]:
    """Where an online dossier of this version may be handed in: its receiving places, else its
    competent agencies (the lifecycle's own default)."""
    places = list(version.receiving_agencies.all())
    if not places:
        places = list(version.competent_agencies.all())
    return sorted_vi(places, key=lambda a: a.name)


def competent_for_receiving(version: ProcedureVersion, receiving: Agency | None) -> Agency | None:
    """The competent agency that goes with a receiving place: the only one; the place itself; the place's
    parent (a commune centre belongs to its commune's committee). None: the applicant must choose."""
    competent = list(version.competent_agencies.all())
    if len(competent) == 1:
        return competent[0]
    if receiving is None:
        return None
    by_id = {a.pk: a for a in competent}
    if receiving.pk in by_id:
        return by_id[receiving.pk]
    if receiving.parent_id in by_id:
        return by_id[receiving.parent_id]
    return None


def draft_get(user, draft_id: int) -> Draft | None:
    """The user's own draft with what the wizard needs, in a fixed number of queries."""
    version_qs = ProcedureVersion.objects.select_related("procedure").prefetch_related(
        "components", "receiving_agencies", "competent_agencies"
    )
    return (
        Draft.objects.filter(pk=draft_id, user=user)
        .select_related("receiving_agency", "competent_agency")
        .prefetch_related(Prefetch("procedure_version", queryset=version_qs), "files")
        .first()
    )


def drafts_open(user) -> list[Draft]:
    return list(
        Draft.objects.filter(user=user, submitted_at__isnull=True)
        .select_related("procedure_version__procedure")
        .order_by("-updated_at")[:20]
    )


# ----- the dossier in plain words ------------------------------------------------------------------------

# Vietnamese msgids: the templates translate them ({% translate status %}, {% translate todo %}).
STATUS_TEXT = {
    State.SUBMITTED: gettext_noop("Đã nộp, đang chờ cán bộ tiếp nhận"),
    State.RECEIVED: gettext_noop("Đã được tiếp nhận, đang chờ xử lý"),
    State.REFUSED: gettext_noop("Không được tiếp nhận"),
    State.PROCESSING: gettext_noop("Đang được giải quyết"),
    State.SUPPLEMENT_REQUESTED: gettext_noop("Cần bổ sung giấy tờ"),
    State.PAYMENT_REQUESTED: gettext_noop("Chờ nộp phí, lệ phí"),
    State.APPROVED: gettext_noop("Đã được phê duyệt, đang chờ ban hành kết quả"),
    State.REJECTED: gettext_noop("Không được giải quyết, đang chờ văn bản trả lời"),
    State.RESULT_READY: gettext_noop("Đã có kết quả"),
    State.RETURNED: gettext_noop("Đã trả kết quả"),
    State.WITHDRAWN: gettext_noop("Đã rút hồ sơ"),
    State.STOPPED: gettext_noop("Đã dừng xử lý"),
}


def status_text(dossier: Dossier) -> str:
    return STATUS_TEXT.get(dossier.state, dossier.get_state_display())


def todo_text(dossier: Dossier, *, rated: bool = False) -> str:
    """What the applicant must do now (empty: nothing, just wait)."""
    s = dossier.state
    if s == State.SUPPLEMENT_REQUESTED:
        return gettext_noop("Tải lên giấy tờ bổ sung theo yêu cầu để hồ sơ được tiếp tục giải quyết.")
    if s == State.PAYMENT_REQUESTED:
        return gettext_noop("Nộp phí, lệ phí theo thông báo tại nơi tiếp nhận hồ sơ.")
    if s == State.RESULT_READY:
        return gettext_noop("Nhận kết quả theo hình thức đã chọn (kết quả điện tử tải về tại trang hồ sơ).")
    if s == State.RETURNED and not rated:
        return gettext_noop("Đánh giá mức độ hài lòng của bạn về việc giải quyết hồ sơ.")
    return ""


def my_dossiers(user, *, limit: int = 50) -> list[Dossier]:
    """The applicant's dossiers, newest first, with rating flags (one query)."""
    applicant = applicant_for(user)
    if applicant is None:
        return []
    return list(
        Dossier.objects.filter(applicant=applicant)
        .select_related("procedure_version", "rating")
        .order_by("-pk")[:limit]
    )


def dossier_for_owner(user, code: str) -> Dossier | None:
    """The dossier when the user is its applicant (None otherwise: its existence is not revealed)."""
    applicant = applicant_for(user)
    if applicant is None:
        return None
    return (
        Dossier.objects.select_related(
            "procedure_version__procedure", "receiving_agency", "competent_agency", "rating"
        )
        .prefetch_related(
            Prefetch("components", queryset=DossierComponent.objects.prefetch_related("files")),
            "results",
            "procedure_version__components",
        )
        .filter(code=code, applicant=applicant)
        .first()
    )


def open_supplement_request(events: list[DossierEvent]) -> DossierEvent | None:
    """The last supplement request, when no supplement followed it."""
    for event in reversed(events):
        if event.action == "supplement":
            return None
        if event.action == "request_supplement":
            return event
    return None


@dataclass(frozen=True)
class Estimate:
    due_at: datetime | None
    same_day: bool


def estimated_due(dossier: Dossier, *, now: datetime | None = None) -> Estimate:
    """The due date if the dossier were received now (the calendar engine of the receiving place);
    the real due date is set at receipt."""
    if dossier.due_at:
        return Estimate(dossier.due_at, dossier.same_day)
    term = deadlines.processing_term(dossier.procedure_version, dossier.channel)
    if term is None:
        return Estimate(None, False)
    cal = deadlines.calendar_for(dossier.receiving_agency)
    return Estimate(deadlines.due_at_receipt(cal, now or clock.now(), term), term.same_day)


def lookup_public(code: str, id_number: str) -> Dossier | None:
    from motcua.dossiers.selectors import dossier_public_lookup

    return dossier_public_lookup((code or "").strip()[:60], (id_number or "").strip()[:20])
