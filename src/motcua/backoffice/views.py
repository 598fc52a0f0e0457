"""Officer pages. Views only translate requests: reads through `selectors`, every change through the
lifecycle (`motcua.dossiers.services.dossier_<action>`) or `services` (desk registration)."""

from __future__ import annotations

import datetime as dt
from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from motcua.catalog.models import Procedure
from motcua.core import clock
from motcua.core.collation import vi
from motcua.documents import builders
from motcua.documents.rendering import render_form_pdf
from motcua.documents.xlsx import render_tracking_book_xlsx
from motcua.dossiers import services as dossier_services
from motcua.dossiers.downloads import file_response
from motcua.dossiers.errors import DossierError, localized
from motcua.dossiers.lifecycle import ACTIONS
from motcua.dossiers.models import Dossier, DossierFile, DossierResult
from motcua.dossiers.selectors import dossier_events, dossier_get, dossier_visible_to
from motcua.dossiers.states import ReturnChannel
from motcua.dossiers.visibility import Visibility
from motcua.organizations.models import Agency, Role, StaffRole, User
from motcua.organizations.services import delegation_create
from motcua.organizations.services import delegation_revoke as delegation_revoke_service
from motcua.organizations.validators import ascii_digits
from motcua.payments.selectors import backoffice_context as payments_context

from . import selectors, services
from .forms import DelegationForm, DeskForm, TrackingBookForm, WorklistFilterForm
from .params import action_params

FORM_ACTIONS = {"01": "receive", "02": "request_supplement", "03": "refuse", "04": "apologize", "05": "stop"}
ACTION_FORMS = {action: number for number, action in FORM_ACTIONS.items()}


def officer_required(view):
    """Logged in (else the login page) and holding a staff role or a delegation now (else 403)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        grants = selectors.officer_grants(request.user)
        if not grants:
            raise PermissionDenied(_("Trang dành cho cán bộ có vai trò hoặc được ủy quyền."))
        request.grants = grants
        return view(request, *args, **kwargs)

    return wrapper


def _visible_dossier(request, code: str) -> Dossier:
    """The dossier if the user may see it (dossiers.visibility); 404 alike for an unknown code and for
    one outside the user's agencies and oversight (as the API: the answer never confirms a code exists).
    403 stays for a dossier the user sees but may not act on."""
    dossier = dossier_get(code)
    if dossier is None or not dossier_visible_to(dossier, request.user, request.grants):
        raise Http404(_("Không tìm thấy hồ sơ."))
    return dossier


def _nav(request) -> dict:
    roles = {g.role for g in request.grants}
    return {
        "is_desk": Role.DESK_OFFICER in roles,
        "is_leader": Role.LEADER in roles,
        "sees_stats": bool(roles & {Role.LEADER, Role.SUPERVISOR, Role.UNIT_ADMIN, Role.PROVINCE_ADMIN}),
        "grants_text": _grant_labels(request.grants),
    }


def _grant_labels(grants) -> list[str]:
    names = dict(Agency.objects.filter(pk__in={g.agency_id for g in grants}).values_list("pk", "name"))
    roles = dict(Role.choices)
    out = []
    for g in grants:
        label = f"{roles.get(g.role, g.role)} · {names.get(g.agency_id, '')}"
        if g.on_behalf_of_id:
            label += " (" + _("được ủy quyền") + ")"
        out.append(label)
    return out


# ----- worklist --------------------------------------------------------------------------------


@require_GET
@officer_required
def worklist(request):
    scope = selectors.Scope.of(request.user)
    counts = selectors.bucket_counts(scope)
    buckets = scope.buckets()
    key = request.GET.get("ds") or ""
    if key not in counts:
        key = next((b.key for b in buckets if counts[b.key].value), buckets[0].key if buckets else "")
    if not key:
        raise PermissionDenied(_("Vai trò của bạn không có danh sách hồ sơ nào."))
    form = WorklistFilterForm(request.GET or None)
    filters = form.filters() if request.GET else selectors.Filters()
    after = (request.GET.get("sau") or "")[:64] or None
    rows, next_after = selectors.worklist_page(scope, key, filters, after=after, limit=selectors.PAGE_SIZE)
    params = request.GET.copy()
    params.pop("sau", None)
    params["ds"] = key
    base_query = params.urlencode()
    context = {
        **_nav(request),
        "buckets": [(b, counts[b.key]) for b in buckets],
        "current": key,
        "current_label": next(b.label for b in buckets if b.key == key),
        "form": form,
        "rows": [(d, selectors.urgency(d)) for d in rows],
        "next_query": f"{base_query}&sau={next_after}" if next_after else "",
        "first_query": base_query if after else "",
        "filter_query": "&".join(p for p in base_query.split("&") if not p.startswith("ds=")),
        "due_soon_hours": selectors.due_soon_hours(),
        "count_cap": selectors.COUNT_CAP - 1,
    }
    return render(request, "backoffice/worklist.html", context)


# ----- desk ------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@officer_required
def desk_new(request):
    agencies = selectors.desk_agencies(request.user)
    if not agencies:
        raise PermissionDenied(_("Chỉ cán bộ một cửa tiếp nhận hồ sơ."))
    agency = agencies[0]
    if (request.POST or request.GET).get("receiving_agency"):
        agency = next(
            (a for a in agencies if str(a.pk) == (request.POST or request.GET)["receiving_agency"]), agency
        )
    procedures = selectors.desk_procedures([agency.pk])
    code = (request.POST or request.GET).get("procedure") or ""
    procedure = (
        Procedure.objects.filter(code=code, current_version__isnull=False)
        .select_related("current_version")
        .first()
    )
    version = procedure.current_version if procedure else None
    catalogue = list(version.components.all()) if version else []
    competent = list(version.competent_agencies.order_by(vi("name"))) if version else []
    initial = {"procedure": code, "receiving_agency": agency.pk}
    lookup = ascii_digits(request.GET.get("identifier") or "").strip()
    found = None
    if lookup:
        from motcua.organizations.models import Applicant

        found = (
            Applicant.objects.filter(id_number=lookup).first()
            or Applicant.objects.filter(tax_code=lookup).first()
        )
        initial["identifier"] = lookup
        if found:
            initial.update(
                kind=found.kind,
                full_name=found.full_name,
                phone=found.phone,
                email=found.email,
                address=found.address,
            )
    form = DeskForm(request.POST or None, initial=initial, competent_choices=competent)
    error_code = ""
    if request.method == "POST" and version is not None and form.is_valid():
        d = form.cleaned_data
        decision = request.POST.get("decision") or "receive"
        if decision not in services.DECISIONS:
            decision = "receive"
        from .params import components_from, missing_from

        try:
            applicant = services.applicant_find_or_create(
                services.WalkInApplicant(
                    kind=d["kind"],
                    full_name=d["full_name"],
                    id_number=d["identifier"] if d["kind"] == "citizen" else "",
                    tax_code=d["identifier"] if d["kind"] == "organisation" else "",
                    phone=d["phone"],
                    email=d["email"],
                    address=d["address"],
                )
            )
            dossier = services.desk_register(
                request.user,
                services.DeskRegistration(
                    applicant=applicant,
                    procedure=code,
                    channel=d["channel"],
                    competent_agency=d["competent_agency"] or None,
                    receiving_agency=agency.pk,
                    components=components_from(request.POST, request.FILES, catalogue),
                    decision=decision,
                    missing=missing_from(request.POST),
                    reason=d["reason"],
                    summary=d["summary"],
                    representative={"name": d["representative_name"]} if d["representative_name"] else {},
                ),
            )
        except ValidationError as exc:
            for field, errors in getattr(exc, "message_dict", {"__all__": exc.messages}).items():
                form.add_error(field if field in form.fields else None, errors)
        except DossierError as exc:
            form.add_error(None, localized(exc))
            error_code = exc.code
        else:
            _done_message(request, dossier, decision)
            return redirect("backoffice:dossier", code=dossier.code)
    status = 422 if request.method == "POST" else 200
    context = {
        **_nav(request),
        "form": form,
        "agency": agency,
        "agencies": agencies,
        "procedures": procedures,
        "procedure": procedure,
        "catalogue": catalogue,
        "found": found,
        "lookup": lookup,
        "posted": request.POST,
        "error_code": error_code,
    }
    return render(request, "backoffice/desk.html", context, status=status)


def _done_message(request, dossier: Dossier, action: str) -> None:
    labels = {
        "receive": _("Đã tiếp nhận hồ sơ %(code)s."),
        "request_supplement": _("Đã yêu cầu bổ sung hồ sơ %(code)s."),
        "refuse": _("Đã từ chối tiếp nhận hồ sơ %(code)s."),
        "apologize": _("Đã xin lỗi và hẹn lại ngày trả kết quả hồ sơ %(code)s."),
        "stop": _("Đã dừng xử lý hồ sơ %(code)s."),
    }
    text = labels.get(action, _("Đã thực hiện: %(action)s (%(code)s).")) % {
        "code": dossier.code,
        "action": ACTION_LABELS.get(action, action),
    }
    messages.success(request, text, extra_tags=ACTION_FORMS.get(action, ""))


# ----- one dossier -----------------------------------------------------------------------------

ACTION_LABELS = {
    "receive": gettext_lazy("Tiếp nhận"),
    "forward": gettext_lazy("Chuyển xử lý"),
    "approve": gettext_lazy("Phê duyệt"),
    "reject": gettext_lazy("Không giải quyết"),
    "issue_result": gettext_lazy("Ban hành kết quả"),
    "sign_result": gettext_lazy("Ký số kết quả"),
    "digitise": gettext_lazy("Số hóa hồ sơ"),
    "return_result": gettext_lazy("Trả kết quả"),
    "answer_consultation": gettext_lazy("Trả lời xin ý kiến"),
    "consult": gettext_lazy("Xin ý kiến cơ quan khác"),
    "request_payment": gettext_lazy("Yêu cầu thực hiện nghĩa vụ tài chính"),
    "pay": gettext_lazy("Ghi nhận đã nộp phí"),
    "request_supplement": gettext_lazy("Yêu cầu bổ sung"),
    "supplement": gettext_lazy("Nhận hồ sơ bổ sung"),
    "send_back": gettext_lazy("Trả lại bước trước"),
    "transfer": gettext_lazy("Chuyển cơ quan giải quyết"),
    "apologize": gettext_lazy("Xin lỗi, hẹn lại ngày trả"),
    "refuse": gettext_lazy("Từ chối tiếp nhận"),
    "stop": gettext_lazy("Dừng xử lý"),
    "withdraw": gettext_lazy("Rút hồ sơ (theo đề nghị của công dân)"),
    "submit": gettext_lazy("Nộp hồ sơ"),
}


def _detail_context(request, dossier: Dossier, error: str = "") -> dict:
    events = list(dossier_events(dossier).select_related("to_officer"))
    process_map = selectors.process_map(dossier, events)
    step_names = {s.key: s.name for s in process_map}
    for e in events:
        e.label = ACTION_LABELS.get(e.action, e.action)
        e.to_step_name = step_names.get(e.to_step, e.to_step)
    actions = selectors.actions_for(dossier, request.user, request.grants)
    done = {e.action for e in events}
    forms_available = []
    if dossier.received_at:
        forms_available.append(("01", _("Giấy tiếp nhận và hẹn trả kết quả")))
    if "request_supplement" in done:
        forms_available.append(("02", _("Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ")))
    if "refuse" in done:
        forms_available.append(("03", _("Phiếu từ chối tiếp nhận")))
    if "apologize" in done:
        forms_available.append(("04", _("Văn bản xin lỗi và hẹn lại ngày trả kết quả")))
    if "stop" in done:
        forms_available.append(("05", _("Thông báo dừng giải quyết hồ sơ")))
    forms_available.append(("06", _("Phiếu kiểm soát quá trình giải quyết hồ sơ")))
    return {
        **_nav(request),
        "d": dossier,
        "events": events,
        "actions": [(a, ACTION_LABELS.get(a, a)) for a in actions],
        "action_set": set(actions),
        "map": process_map,
        "lateness": selectors.lateness(dossier),
        "forms_available": forms_available,
        "catalogue": list(dossier.procedure_version.components.all()),
        "present_positions": {c.position for c in dossier.components.all()},
        "forward_targets": selectors.onward_targets(dossier, "forward") if "forward" in actions else [],
        "approve_targets": selectors.onward_targets(dossier, "approve") if "approve" in actions else [],
        "result_targets": selectors.onward_targets(dossier, "issue_result")
        if "issue_result" in actions
        else [],
        "earlier": selectors.earlier_steps(dossier) if "send_back" in actions else [],
        "transfer_choices": selectors.transfer_choices(dossier) if "transfer" in actions else [],
        "consult_choices": selectors.consult_choices(dossier) if "consult" in actions else [],
        "return_channels": ReturnChannel.choices,
        "signed_waiting": (
            list(dossier.signed_documents.filter(kind="result", result__isnull=True))
            if "issue_result" in actions
            else []
        ),
        "error": error,
        "default_new_due": _suggest_new_due(dossier) if "apologize" in actions else "",
        **payments_context(dossier, with_exemptions="request_payment" in actions),
    }


def _suggest_new_due(dossier: Dossier) -> str:
    base = max(dossier.due_at or clock.now(), clock.now()) + dt.timedelta(days=3)
    return timezone.localtime(base).strftime("%d/%m/%Y %H:%M")


@require_GET
@officer_required
def dossier_detail(request, code: str):
    dossier = _visible_dossier(request, code)
    return render(request, "backoffice/dossier.html", _detail_context(request, dossier))


@require_POST
@officer_required
def dossier_action(request, code: str, action: str):
    dossier = _visible_dossier(request, code)
    if action not in ACTIONS or (ACTIONS[action].creates and action != "receive"):
        raise Http404(_("Thao tác không tồn tại."))
    service = getattr(dossier_services, f"dossier_{action}")
    params = action_params(action, request.POST, request.FILES, dossier)
    try:
        changed = service(dossier, request.user, request.POST.get("expected_version"), **params)
    except DossierError as exc:
        if exc.status == 403:
            raise PermissionDenied(localized(exc)) from exc
        fresh = dossier_get(code)
        context = _detail_context(request, fresh, error=localized(exc))
        context["error_code"] = exc.code
        return render(request, "backoffice/dossier.html", context, status=exc.status)
    _done_message(request, changed, action)
    if not dossier_visible_to(dossier_get(code), request.user):
        return redirect("backoffice:worklist")
    return redirect("backoffice:dossier", code=changed.code)


@require_GET
@officer_required
@xframe_options_sameorigin
def dossier_file(request, code: str, file_id: int):
    dossier = _visible_dossier(request, code)
    f = DossierFile.objects.filter(pk=file_id, component__dossier=dossier).first()
    if f is None:
        raise Http404
    return file_response(f.file, name=f.original_name, content_type=f.content_type, inline=True)


@require_GET
@officer_required
@xframe_options_sameorigin
def dossier_result_preview(request, code: str):
    """The result generated from the procedure version's template, unsigned, for the leader to review
    before `sign_result` (motcua/results/generation.py)."""
    from motcua.results import generation

    dossier = _visible_dossier(request, code)
    today = timezone.localtime(clock.now()).date()
    pdf = generation.render_pdf(
        dossier,
        number=(request.GET.get("number") or "").strip()[:100] or "......",
        signer=(request.GET.get("signer") or "").strip()[:255] or request.user.get_full_name(),
        document_date=today,
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="du-thao-ket-qua-{dossier.code}.pdf"'
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_GET
@officer_required
@xframe_options_sameorigin
def dossier_result_file(request, code: str, result_id: int):
    dossier = _visible_dossier(request, code)
    r = DossierResult.objects.filter(pk=result_id, dossier=dossier).first()
    if r is None or not r.file:
        raise Http404
    return file_response(r.file, name=r.file.name.rsplit("/", 1)[-1], inline=True)


FORM_BUILDERS = {
    "01": builders.form01_for,
    "02": builders.form02_for,
    "03": builders.form03_for,
    "04": builders.form04_for,
    "05": builders.form05_for,
    "06": builders.form06_for,
}


@require_GET
@officer_required
def dossier_form(request, code: str, number: str):
    dossier = _visible_dossier(request, code)
    build = FORM_BUILDERS.get(number)
    if build is None:
        raise Http404
    if number in ("01", "06") and not dossier.received_at:
        raise Http404(_("Hồ sơ chưa được tiếp nhận."))
    try:
        form = build(dossier)
    except ValueError as exc:
        raise Http404(str(exc)) from exc
    pdf = render_form_pdf(form)
    response = HttpResponse(pdf, content_type="application/pdf")
    disposition = "attachment" if request.GET.get("tai") else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="mau-{number}-{dossier.code}.pdf"'
    return response


# ----- tracking book (form 07) -----------------------------------------------------------------


@require_GET
@officer_required
def tracking_book(request):
    """Form 07 for one receiving agency the user may see (`Visibility.book_agencies`: where they hold a
    role, and for supervisors every agency they oversee)."""
    visibility = Visibility.of(request.user, request.grants)
    agencies = list(visibility.book_agencies().order_by(vi("name")))
    today = timezone.localdate()
    initial = {"start": today.replace(day=1), "end": today, "format": "pdf"}
    form = TrackingBookForm(request.GET or None, initial=initial, agencies=agencies)
    if request.GET and form.is_valid():
        d = form.cleaned_data
        agency = next(a for a in agencies if str(a.pk) == str(d["agency"]))
        book = builders.form07_for(agency, d["start"], d["end"], issued_at=clock.now())
        name = f"so-theo-doi-{agency.identifier}-{d['start']:%Y%m%d}-{d['end']:%Y%m%d}"
        if d["format"] == "xlsx":
            response = HttpResponse(
                render_tracking_book_xlsx(book),
                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
            response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
            return response
        response = HttpResponse(render_form_pdf(book), content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="{name}.pdf"'
        return response
    return render(
        request,
        "backoffice/tracking_book.html",
        {**_nav(request), "form": form},
        status=400 if request.GET else 200,
    )


# ----- delegation ------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@officer_required
def delegations(request):
    roles = selectors.delegable_roles(request.user)
    candidates = selectors.delegate_candidates(request.user, {r.agency_id for r in roles})
    now = timezone.localtime(clock.now()).replace(second=0, microsecond=0)
    initial = {"starts_at": now, "ends_at": now + dt.timedelta(days=7)}
    form = DelegationForm(request.POST or None, initial=initial, roles=roles, candidates=candidates)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        grant = StaffRole.objects.select_related("agency").get(pk=d["grant"], user=request.user)
        try:
            delegation_create(
                delegator=request.user,
                delegate=User.objects.get(pk=d["delegate"]),
                agency=grant.agency,
                role=grant.role,
                starts_at=d["starts_at"],
                ends_at=d["ends_at"],
                reason=d["reason"],
            )
        except (ValidationError, PermissionDenied) as exc:
            form.add_error(None, " ".join(getattr(exc, "messages", [str(exc)])))
        else:
            messages.success(request, _("Đã ủy quyền."))
            return redirect("backoffice:delegations")
    return render(
        request,
        "backoffice/delegations.html",
        {
            **_nav(request),
            "form": form,
            "delegations": selectors.delegations_of(request.user),
            "now": clock.now(),
        },
        status=422 if request.method == "POST" else 200,
    )


@require_POST
@officer_required
def delegation_revoke(request, pk: int):
    """End one of the user's delegations now (organizations.services.delegation_revoke checks who may)."""
    delegation = selectors.delegations_of(request.user).filter(pk=pk).first()
    if delegation is None:
        raise Http404(_("Không tìm thấy ủy quyền."))
    delegation_revoke_service(delegation, by=request.user)
    messages.success(request, _("Đã thu hồi ủy quyền."))
    return redirect("backoffice:delegations")


def reverse_dossier(code: str) -> str:
    return reverse("backoffice:dossier", kwargs={"code": code})
