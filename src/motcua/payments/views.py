"""The gateway's doors (IPN, return) and the pages: start a payment (citizen), the e-receipt, the
reconciliation page and refunds (officers). Views only translate; the rules are in `services`."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from motcua.accounts.selectors import client_ip as accounts_client_ip
from motcua.backoffice.views import officer_required
from motcua.core import clock
from motcua.dossiers.errors import DossierError, localized
from motcua.dossiers.selectors import dossier_visible_to
from motcua.organizations.models import Role

from . import reconciliation, services
from .models import AttemptStatus, PaymentAttempt
from .receipt import receipt_pdf

# The gateway's IPN and return URLs are registered with the gateway: one pair per gateway.
RETURN_ROUTES = {"vnpay": "payments:vnpay_return", "national": "payments:national_return"}


def client_ip(request) -> str:
    return accounts_client_ip(request) or "127.0.0.1"


def _params(request) -> dict:
    source = request.GET if request.method == "GET" else request.POST
    return {k: source.get(k, "") for k in list(source.keys())[:100]}


@csrf_exempt  # the gateway signs its message; it has no CSRF token
@require_http_methods(["GET", "POST"])
def ipn(request, gateway: str):
    """The gateway's server-to-server message: always HTTP 200 with the protocol's JSON answer."""
    code, message = services.handle_ipn(gateway, _params(request), client_ip(request))
    if gateway == "national":
        return JsonResponse({"MaLoi": code, "MoTa": message})
    return JsonResponse({"RspCode": code, "Message": message})


@require_GET
def payment_return(request, gateway: str):
    """The payer's browser back from the gateway: says what happened, marks nothing."""
    seen = services.read_return(gateway, _params(request), client_ip(request))
    if not seen.signature_ok or seen.attempt is None:
        messages.error(request, _("Kết quả thanh toán không hợp lệ."))
        return redirect("portal:my_dossiers")
    attempt = seen.attempt
    attempt.refresh_from_db()
    if attempt.status == AttemptStatus.PAID:
        messages.success(request, _("Đã thanh toán. Biên lai điện tử đã sẵn sàng."))
    elif seen.gateway_says_success:
        messages.info(
            request,
            _("Cổng thanh toán báo giao dịch thành công; đang chờ xác nhận. Hãy tải lại trang sau ít phút."),
        )
    else:
        messages.error(request, _("Thanh toán không thành công. Bạn có thể thanh toán lại."))
    return redirect("portal:dossier", code=attempt.dossier.code)


def return_url(request, gateway: str) -> str:
    return request.build_absolute_uri(reverse(RETURN_ROUTES.get(gateway, "payments:vnpay_return")))


@login_required
@require_POST
def start(request, code: str):
    """The citizen's "Thanh toán trực tuyến" button: a new attempt, then off to the gateway."""
    try:
        started = services.start_payment(
            code, request.user, client_ip=client_ip(request), return_url=return_url(request, _gateway_name())
        )
    except DossierError as exc:
        if exc.status == 404:
            raise Http404(localized(exc)) from exc
        messages.error(request, localized(exc))
        return redirect("portal:dossier", code=code)
    return redirect(started.payment_url)


def _gateway_name() -> str:
    from . import registry

    try:
        return registry.default_gateway().name
    except registry.GatewayUnavailable:
        return "vnpay"


@login_required
def receipt(request, txn_ref: str):
    """The e-receipt PDF: the dossier's applicant and staff who may see the dossier."""
    attempt = PaymentAttempt.objects.select_related("dossier").filter(txn_ref=txn_ref).first()
    if attempt is None or not attempt.receipt_number or not dossier_visible_to(attempt.dossier, request.user):
        raise Http404(_("Không tìm thấy biên lai."))
    pdf = receipt_pdf(attempt, base_url=request.build_absolute_uri("/"))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="bien-lai-{attempt.receipt_number}.pdf"'
    return response


RECONCILE_ROLES = {Role.DESK_OFFICER, Role.PROVINCE_ADMIN, Role.SUPERVISOR}


@officer_required
@require_http_methods(["GET", "POST"])
def reconcile_page(request):
    """Back office: the differences between the gateways' records and ours over the last days."""
    if not {g.role for g in request.grants} & RECONCILE_ROLES:
        raise PermissionDenied(_("Trang dành cho cán bộ một cửa và quản trị."))
    try:
        days = max(1, min(int(request.GET.get("ngay", "2")), 31))
    except ValueError:
        days = 2
    agencies = {g.agency_id for g in request.grants}
    differences = [
        d
        for d in reconciliation.reconcile(clock.now() - timedelta(days=days))
        if d.attempt.dossier.receiving_agency_id in agencies
        or Role.PROVINCE_ADMIN in {g.role for g in request.grants}
    ]
    return render(request, "payments/reconcile.html", {"differences": differences, "days": days})


@officer_required
@require_POST
def refund(request, attempt_id: int):
    attempt = PaymentAttempt.objects.select_related("dossier").filter(pk=attempt_id).first()
    if attempt is None or not dossier_visible_to(attempt.dossier, request.user, request.grants):
        raise Http404(_("Không tìm thấy giao dịch."))
    try:
        services.refund(attempt.pk, request.user, reason=request.POST.get("reason", ""))
    except DossierError as exc:
        messages.error(request, localized(exc))
    else:
        messages.success(request, _("Đã ghi nhận hoàn tiền."))
    return redirect("backoffice:dossier", code=attempt.dossier.code)
