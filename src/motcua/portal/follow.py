"""Following one's dossiers: the list, one dossier (status, due date, public timeline, what to do now),
the printable receipt, answering a supplement request, withdrawal, result download and rating."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_POST

from motcua.core.public_url import public_base_url
from motcua.documents.qr import lookup_url, qr_svg_data_uri
from motcua.dossiers import intake
from motcua.dossiers.downloads import file_response
from motcua.dossiers.lifecycle import PRE_RESULT
from motcua.dossiers.models import Dossier
from motcua.dossiers.selectors import dossier_public_timeline, dossier_visible_to
from motcua.dossiers.states import State
from motcua.payments.registry import allow_gateway_forms
from motcua.payments.selectors import portal_context as payments_context

from . import eforms, selectors, services
from .housekeeping import draft_kept_until
from .models import ResultChannel


def _owned_or_404(request, code: str) -> Dossier:
    dossier = selectors.dossier_for_owner(request.user, code)
    if dossier is None:
        raise Http404(_("Không tìm thấy hồ sơ."))
    return dossier


@login_required
def my_dossiers(request):
    dossiers = selectors.my_dossiers(request.user)
    rows = []
    for d in dossiers:
        rated = hasattr(d, "rating")
        rows.append({"d": d, "status": selectors.status_text(d), "todo": selectors.todo_text(d, rated=rated)})
    context = {
        "rows": rows,
        "drafts": [{"d": d, "kept_until": draft_kept_until(d)} for d in selectors.drafts_open(request.user)],
        "is_applicant": selectors.applicant_for(request.user) is not None,
    }
    return render(request, "portal/follow/list.html", context)


def _rated(dossier) -> bool:
    try:
        return dossier.rating is not None
    except Dossier.rating.RelatedObjectDoesNotExist:
        return False


@login_required
def dossier_detail(request, code: str):
    dossier = _owned_or_404(request, code)
    return _detail(request, dossier)


# Labels are translated in the template ({% translate label %}).
SCORES = (
    (5, gettext_noop("Rất hài lòng")),
    (4, gettext_noop("Hài lòng")),
    (3, gettext_noop("Bình thường")),
    (2, gettext_noop("Không hài lòng")),
    (1, gettext_noop("Rất không hài lòng")),
)


def _result_channel_label(channel: str) -> str:
    label = dict(ResultChannel.choices).get(channel, "")
    return _(label) if label else ""  # gettext("") would return the catalogue's header


def _detail(request, dossier, *, rejected=(), error: str = "", status: int = 200):
    events = dossier_public_timeline(dossier)
    rated = _rated(dossier)
    version = dossier.procedure_version
    context = {
        "d": dossier,
        "v": version,
        "status": selectors.status_text(dossier),
        "todo": selectors.todo_text(dossier, rated=rated),
        "events": events,
        "estimate": selectors.estimated_due(dossier),
        "supplement_request": selectors.open_supplement_request(events)
        if dossier.state == State.SUPPLEMENT_REQUESTED
        else None,
        "can_withdraw": dossier.state in PRE_RESULT,
        "can_rate": dossier.state == State.RETURNED and not rated,
        "rating": dossier.rating if rated else None,
        "rows": eforms.summary_rows(version.eform, dossier.eform_data),
        "result_channel": _result_channel_label(dossier.requested_return_channel),
        "components": list(dossier.components.all()),
        "catalogue_components": list(version.components.all()),
        "results": list(dossier.results.all()),
        "rejected": rejected,
        "error": error,
        "accept": intake.COMPONENT.accept,
        "max_file_mb": f"{intake.max_file_bytes() / intake.MB:g}",
        "scores": SCORES,
        **payments_context(dossier),
    }
    response = render(request, "portal/follow/detail.html", context, status=status)
    return allow_gateway_forms(response) if context["can_pay_online"] else response


@login_required
def receipt(request, code: str):
    """The printable receipt of an online submission, with a QR code to the public lookup."""
    dossier = _owned_or_404(request, code)
    url = lookup_url(public_base_url(), dossier.code)
    context = {
        "d": dossier,
        "status": selectors.status_text(dossier),
        "estimate": selectors.estimated_due(dossier),
        "lookup_url": url,
        "qr": qr_svg_data_uri(url, scale=4),
        "components": list(dossier.components.all()),
    }
    return render(request, "portal/follow/receipt.html", context)


def _version(request) -> int | None:
    try:
        return int(request.POST.get("version", ""))
    except ValueError:
        return None


@login_required
@require_POST
def supplement(request, code: str):
    dossier = _owned_or_404(request, code)
    by_position = {}
    for c in dossier.procedure_version.components.all():
        items = request.FILES.getlist(f"component_{c.position}")
        if items:
            by_position[c.position] = items
    try:
        result, rejected = services.dossier_answer_supplement(
            dossier,
            user=request.user,
            version=_version(request),
            files_by_position=by_position,
            note=request.POST.get("note", ""),
        )
    except services.PortalError as exc:
        return _detail(request, dossier, error=exc.message, status=422)
    if rejected:
        return _detail(request, dossier, rejected=rejected, status=422)
    messages.success(request, _("Đã gửi giấy tờ bổ sung. Hồ sơ được tiếp tục giải quyết."))
    return redirect("portal:dossier", code=result.code)


@login_required
@require_POST
def withdraw(request, code: str):
    dossier = _owned_or_404(request, code)
    try:
        services.dossier_withdraw_by_applicant(
            dossier, user=request.user, version=_version(request), reason=request.POST.get("reason", "")
        )
    except services.PortalError as exc:
        return _detail(request, dossier, error=exc.message, status=422)
    messages.success(request, _("Đã rút hồ sơ."))
    return redirect("portal:dossier", code=code)


@login_required
@require_POST
def rate(request, code: str):
    dossier = _owned_or_404(request, code)
    try:
        services.rating_create(
            dossier,
            user=request.user,
            score=request.POST.get("score"),
            comment=request.POST.get("comment", ""),
        )
    except services.PortalError as exc:
        return _detail(request, dossier, error=exc.message, status=422)
    messages.success(request, _("Cảm ơn bạn đã đánh giá."))
    return redirect("portal:dossier", code=code)


def _dossier_for_download(request, code: str) -> Dossier:
    """The owner or authorised staff (dossiers.selectors.dossier_visible_to); others get a 404."""
    dossier = Dossier.objects.select_related("applicant").filter(code=code).first()
    if dossier is None or not dossier_visible_to(dossier, request.user):
        raise Http404(_("Không tìm thấy hồ sơ."))
    return dossier


def _send(field, name: str, content_type: str = ""):
    return file_response(field, name=name, content_type=content_type)


@login_required
def dossier_file(request, code: str, file_id: int):
    dossier = _dossier_for_download(request, code)
    from motcua.dossiers.models import DossierFile

    item = DossierFile.objects.filter(pk=file_id, component__dossier=dossier).first()
    if item is None:
        raise Http404(_("Không tìm thấy tệp."))
    return _send(item.file, item.original_name, item.content_type)


@login_required
def result_file(request, code: str, result_id: int):
    dossier = _dossier_for_download(request, code)
    item = dossier.results.filter(pk=result_id).exclude(file="").first()
    if item is None:
        raise Http404(_("Không có tệp kết quả."))
    applicant = selectors.applicant_for(request.user)
    is_owner = applicant is not None and applicant.pk == dossier.applicant_id
    if is_owner and dossier.state not in (State.RESULT_READY, State.RETURNED):
        raise Http404(_("Kết quả chưa được trả."))
    name = item.file.name.rsplit("/", 1)[-1]
    return _send(item.file, name)
