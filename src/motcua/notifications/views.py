"""The message log for staff with the operations roles (/can-bo/van-hanh/thong-bao/, beside the
relay's operations page): every message with its delivery status, filters, and "retry now" on a dead
or failing one (POST, audited). And each user's notification preferences (/tai-khoan/thong-bao/)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from motcua.backoffice.views import _nav
from motcua.jobs.views import operations_required

from . import dispatch, selectors, services
from .forms import PreferencesForm
from .kinds import OPTIONAL_KINDS, Channel, Status
from .models import Notification


@require_http_methods(["GET"])
@operations_required
def message_log(request):
    status = request.GET.get("trang_thai", "")
    channel = request.GET.get("kenh", "")
    code = request.GET.get("ma", "").strip()[:40]
    status = status if status in Status.values else ""
    channel = channel if channel in Channel.values else ""
    page = Paginator(selectors.log(status=status, channel=channel, code=code), selectors.LOG_PAGE).get_page(
        request.GET.get("trang")
    )
    return render(
        request,
        "notifications/log.html",
        {
            **_nav(request),
            **selectors.figures(),
            "page": page,
            "status": status,
            "channel": channel,
            "code": code,
            "statuses": Status.choices,
            "channels": Channel.choices,
        },
    )


@require_POST
@operations_required
def retry(request, pk: int):
    try:
        message = dispatch.retry_now(pk, by=request.user, via="page")
    except Notification.DoesNotExist:
        messages.error(request, _("Thông báo không còn ở trạng thái gửi lỗi."))
    else:
        messages.success(request, _("Đã đưa thông báo số %(id)s vào hàng gửi lại.") % {"id": message.pk})
    return redirect("notifications:log")


@require_http_methods(["GET", "POST"])
@login_required
def preferences(request):
    current = services.preferences_of(request.user)
    initial = {
        "channels": [c for c in Channel.values if c not in current["channels"]],
        "kinds": [k for k in OPTIONAL_KINDS if k not in current["kinds"]],
    }
    form = PreferencesForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.preferences_set(
            request.user,
            channels_off=set(Channel.values) - set(form.cleaned_data["channels"]),
            kinds_off=set(OPTIONAL_KINDS) - set(form.cleaned_data["kinds"]),
        )
        messages.success(request, _("Đã lưu lựa chọn nhận thông báo."))
        return redirect("notifications:preferences")
    return render(request, "notifications/preferences.html", {"form": form})
