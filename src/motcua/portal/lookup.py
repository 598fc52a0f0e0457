"""The public lookup (`/tra-cuu/?ma=<code>&cccd=<ID number>`), no account needed: status, due date and the
public timeline, never personal data. Misses are counted per IP (in the database) against enumeration.
The QR code on receipts (form 01) opens this page with `ma` filled in."""

from __future__ import annotations

import math

from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from motcua.accounts.selectors import client_ip
from motcua.core import clock
from motcua.dossiers.selectors import dossier_public_timeline

from . import selectors, services


def lookup(request):
    code = request.GET.get("ma", "").strip()[:40]
    id_number = request.GET.get("cccd", "").strip()[:14]
    context = {"code": code, "id_number": id_number, "dossier": None, "message": "", "searched": False}
    status = 200
    if code and id_number:
        dossier, until = services.lookup_limited(
            client_ip(request), lambda: selectors.lookup_public(code, id_number)
        )
        if until is not None:
            minutes = max(1, math.ceil((until - clock.now()).total_seconds() / 60))
            context["message"] = ngettext(
                "Bạn đã tra cứu không thành công quá nhiều lần. Vì an toàn thông tin của người dân, hãy thử "
                "lại sau %(minutes)s phút (lúc %(time)s). Nếu cần gấp, hãy liên hệ nơi tiếp nhận hồ sơ.",
                "Bạn đã tra cứu không thành công quá nhiều lần. Vì an toàn thông tin của người dân, hãy thử "
                "lại sau %(minutes)s phút (lúc %(time)s). Nếu cần gấp, hãy liên hệ nơi tiếp nhận hồ sơ.",
                minutes,
            ) % {"minutes": minutes, "time": f"{timezone.localtime(until):%H:%M}"}
            context["blocked"] = True
            status = 429
        else:
            context["searched"] = True
            if dossier is None:
                context["message"] = _(
                    "Không tìm thấy hồ sơ với mã hồ sơ và số định danh này. Hãy kiểm tra lại mã hồ sơ "
                    "trên giấy tiếp nhận và số CCCD (hoặc mã số thuế) của người nộp."
                )
                status = 404
            else:
                context.update(
                    dossier=dossier,
                    status_text=selectors.status_text(dossier),
                    estimate=selectors.estimated_due(dossier),
                    events=dossier_public_timeline(dossier),
                )
    elif id_number:
        context["message"] = _("Hãy nhập cả mã hồ sơ và số định danh (CCCD) hoặc mã số thuế của người nộp.")
        status = 400
    response = render(request, "portal/lookup/lookup.html", context, status=status)
    response["Cache-Control"] = "no-store"
    response["Referrer-Policy"] = "no-referrer"
    return response
