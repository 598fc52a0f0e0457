"""The operations page for the relay (staff holding the province admin or supervisor role): what is
pending, the oldest record waiting, and the dead letters with "retry now" (POST, audited)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from motcua.backoffice.views import _nav, officer_required
from motcua.dossiers.models import OutboxMessage
from motcua.organizations.models import Role

from . import relay

OPERATIONS_ROLES = {Role.PROVINCE_ADMIN, Role.SUPERVISOR}


def operations_required(view):
    @officer_required
    def wrapper(request, *args, **kwargs):
        if not {g.role for g in request.grants} & OPERATIONS_ROLES:
            raise PermissionDenied(_("Trang dành cho quản trị tỉnh hoặc giám sát."))
        return view(request, *args, **kwargs)

    return wrapper


@require_GET
@operations_required
def operations(request):
    from motcua.integrations.selectors import operations_overview

    overview = operations_overview()
    dead = list(relay.dead_letters()[:200])
    return render(
        request,
        "jobs/operations.html",
        {
            **_nav(request),
            "overview": overview,
            "pending": overview.pending,
            "oldest": overview.oldest_pending,
            "oldest_minutes": overview.oldest_minutes,
            "dead": dead,
        },
    )


@require_POST
@operations_required
def retry(request, pk: int):
    try:
        message = relay.retry_dead_letter(pk, by=request.user, via="page")
    except OutboxMessage.DoesNotExist:
        messages.error(request, _("Bản ghi không còn ở trạng thái gửi lỗi."))
    else:
        messages.success(request, _("Đã đưa bản ghi %(code)s vào hàng gửi lại.") % {"code": message.key})
    return redirect("jobs:operations")
