"""Online submission, step by step: e-form → documents → where to hand in and how to get the result →
check and send. The draft lives on the server after every step, so it can be resumed any time.
Views only translate HTTP to `services` and `selectors`."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext
from django.views.decorators.http import require_http_methods, require_POST

from motcua.catalog.selectors import procedure_get
from motcua.dossiers import intake
from motcua.dossiers.downloads import file_response

from . import eforms, selectors, services
from .models import ResultChannel

# Labels are translated in the template ({% translate s.label %}).
STEPS = (
    ("thong-tin", gettext_noop("Thông tin tờ khai")),
    ("giay-to", gettext_noop("Giấy tờ kèm theo")),
    ("nhan-ket-qua", gettext_noop("Nơi nộp, nhận kết quả")),
    ("xac-nhan", gettext_noop("Kiểm tra và nộp")),
)
STEP_KEYS = [key for key, _label in STEPS]


def _steps(current: str) -> list[dict]:
    index = STEP_KEYS.index(current)
    return [
        {"key": key, "label": label, "number": i + 1, "current": key == current, "done": i < index}
        for i, (key, label) in enumerate(STEPS)
    ]


def _draft_or_404(request, draft_id: int):
    draft = selectors.draft_get(request.user, draft_id)
    if draft is None:
        raise Http404(_("Không tìm thấy hồ sơ nháp."))
    return draft


def _step_url(draft, step: str) -> str:
    return reverse("portal:submit_step", args=[draft.pk, step])


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def start(request, code: str):
    """Start (or resume) the online submission of a procedure's current version: a POST (the button on
    the procedure page, CSRF-checked). A GET changes nothing and leads back to the procedure page (old
    links, the login page's `next`), where the button is."""
    procedure = procedure_get(code)
    if procedure is None:
        raise Http404(_("Không tìm thấy thủ tục."))
    if request.method != "POST":
        return redirect("portal:procedure", code=code)
    version = procedure.current_version
    if not selectors.is_online(version):
        messages.error(
            request, _("Thủ tục này chưa cung cấp dịch vụ công trực tuyến; hãy nộp tại nơi tiếp nhận.")
        )
        return redirect("portal:procedure", code=code)
    if selectors.applicant_for(request.user) is None:
        messages.error(
            request, _("Tài khoản cán bộ không nộp hồ sơ trực tuyến; hãy dùng tài khoản công dân.")
        )
        return redirect("portal:procedure", code=code)
    draft = services.draft_start(user=request.user, version=version)
    return redirect(_step_url(draft, "thong-tin"))


@login_required
def step(request, draft_id: int, step: str):
    if step not in STEP_KEYS:
        raise Http404(_("Không có bước này."))
    draft = _draft_or_404(request, draft_id)
    if not draft.is_open:
        return (
            redirect("portal:receipt", code=draft.dossier.code)
            if draft.dossier_id
            else redirect("portal:home")
        )
    handler = {"thong-tin": _eform, "giay-to": _documents, "nhan-ket-qua": _delivery, "xac-nhan": _confirm}[
        step
    ]
    return handler(request, draft)


def _render(request, draft, step_key: str, template: str, context: dict, status: int = 200):
    version = draft.procedure_version
    context = {
        "draft": draft,
        "v": version,
        "procedure": version.procedure,
        "steps": _steps(step_key),
        "step_key": step_key,
        **context,
    }
    return render(request, f"portal/submit/{template}", context, status=status)


def _eform(request, draft):
    version = draft.procedure_version
    if request.method == "POST":
        form = eforms.form_for(version.eform, data=request.POST)
        if form.is_valid():
            services.draft_save_eform(draft, form.json_data())
            if request.POST.get("go") == "save":
                messages.success(request, _("Đã lưu nháp. Bạn có thể quay lại tiếp tục bất cứ lúc nào."))
                return redirect(_step_url(draft, "thong-tin"))
            return redirect(_step_url(draft, "giay-to"))
        # Keep what was typed, even when it does not pass yet.
        raw = {}
        for f in form.efields:
            raw[f.name] = (
                bool(request.POST.get(f.name)) if f.type == "checkbox" else request.POST.get(f.name, "")
            )
        services.draft_save_eform(draft, raw)
        return _render(request, draft, "thong-tin", "eform.html", {"form": form}, status=200)
    initial = {k: v for k, v in (draft.eform_data or {}).items() if not k.startswith(eforms.RESERVED_PREFIX)}
    form = eforms.form_for(version.eform, initial=initial)
    return _render(request, draft, "thong-tin", "eform.html", {"form": form})


def _components_with_files(draft):
    files: dict[int, list] = {}
    for f in draft.files.all():
        files.setdefault(f.position, []).append(f)
    return [(c, files.get(c.position, [])) for c in draft.procedure_version.components.all()]


def _documents(request, draft):
    rejected = []
    if request.method == "POST":
        by_position = {}
        for c in draft.procedure_version.components.all():
            items = request.FILES.getlist(f"component_{c.position}")
            if items:
                by_position[c.position] = items
        services.draft_set_reuse(
            draft,
            {
                c.position: request.POST.get(f"reuse_{c.position}", "")
                for c in draft.procedure_version.components.all()
                if f"reuse_{c.position}" in request.POST
            },
        )
        report = services.draft_add_files(draft, by_position)
        rejected = report.rejected
        if report.accepted:
            count = len(report.accepted)
            messages.success(
                request,
                ngettext(
                    "Đã lưu %(count)s tệp vào hồ sơ nháp.", "Đã lưu %(count)s tệp vào hồ sơ nháp.", count
                )
                % {"count": count},
            )
        if not rejected:
            if request.POST.get("go") == "next":
                return redirect(_step_url(draft, "nhan-ket-qua"))
            return redirect(_step_url(draft, "giay-to"))
        draft = selectors.draft_get(request.user, draft.pk)
    from motcua.store import selectors as store_selectors

    applicant = selectors.applicant_for(request.user)
    components = _components_with_files(draft)
    usable = store_selectors.usable_of(applicant.pk) if applicant else []
    reuse = services.draft_reuse(draft)
    context = {
        "components": components,
        "store_choices": store_selectors.offers_for(usable, {c.position: c.name for c, _f in components}),
        "reuse": {p: d.pk for p, d in reuse.items()},
        "rejected": rejected,
        "accept": intake.COMPONENT.accept,
        "max_file_mb": f"{intake.max_file_bytes() / intake.MB:g}",
        "max_dossier_mb": f"{intake.max_dossier_bytes() / intake.MB:g}",
        "max_files": intake.max_files_per_component(),
        "stored_mb": services.draft_stored_bytes(draft) / intake.MB,
    }
    return _render(request, draft, "giay-to", "documents.html", context, status=422 if rejected else 200)


def _delivery(request, draft):
    version = draft.procedure_version
    error = ""
    places = selectors.receiving_choices(version)
    competent = sorted(version.competent_agencies.all(), key=lambda a: a.name)
    needs_competent = len(competent) > 1 and any(
        selectors.competent_for_receiving(version, p) is None for p in places
    )
    if request.method == "POST":
        try:
            services.draft_set_delivery(
                draft,
                receiving_agency_id=request.POST.get("receiving_agency"),
                competent_agency_id=request.POST.get("competent_agency"),
                result_channel=request.POST.get("result_channel", ""),
                post_address=request.POST.get("post_address", ""),
            )
        except services.PortalError as exc:
            error = exc.message
        else:
            return redirect(_step_url(draft, "xac-nhan"))
    context = {
        "places": places,
        "competent": competent,
        "needs_competent": needs_competent,
        "channels": ResultChannel.choices,
        "error": error,
        "posted": request.POST if request.method == "POST" else None,
    }
    return _render(request, draft, "nhan-ket-qua", "delivery.html", context, status=422 if error else 200)


def _confirm(request, draft):
    error = ""
    if request.method == "POST":
        try:
            dossier = services.draft_submit(
                draft, user=request.user, declared=bool(request.POST.get("declare"))
            )
        except services.PortalError as exc:
            error = exc.message
        else:
            messages.success(request, _("Đã nộp hồ sơ. Mã hồ sơ của bạn: %(code)s") % {"code": dossier.code})
            return redirect("portal:receipt", code=dossier.code)
    version = draft.procedure_version
    context = {
        "rows": eforms.summary_rows(version.eform, draft.eform_data),
        "components": _components_with_files(draft),
        "problems": services.draft_problems(draft),
        "reuse": services.draft_reuse(draft),
        "error": error,
        "fees": list(version.fees.all()),
        "time": version.time_for("online"),
    }
    return _render(request, draft, "xac-nhan", "confirm.html", context, status=422 if error else 200)


@login_required
@require_POST
def remove_file(request, draft_id: int, file_id: int):
    draft = _draft_or_404(request, draft_id)
    try:
        services.draft_remove_file(draft, file_id)
    except services.PortalError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Đã xóa tệp khỏi hồ sơ nháp."))
    return redirect(_step_url(draft, "giay-to"))


@login_required
def draft_file(request, draft_id: int, file_id: int):
    """A draft's file, to its author only (never from the web root)."""
    draft = _draft_or_404(request, draft_id)
    item = next((f for f in draft.files.all() if f.pk == file_id), None)
    if item is None:
        raise Http404(_("Không tìm thấy tệp."))
    return file_response(item.file, name=item.original_name, content_type=item.content_type)
