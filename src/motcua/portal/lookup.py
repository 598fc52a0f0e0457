"""The public lookup (`/tra-cuu/`), no account needed: status, due date and the public timeline, never
personal data. The code and the ID number are sent by POST, so the ID number never appears in a URL (nor
in server logs, browser history or a Referer); the code is matched whatever its case and spacing. Misses
are counted per code and address, with a short back-off, and per address across codes against
enumeration (`services.lookup_blocked_until`). The QR code on receipts (form 01) opens this page by GET
with `ma` filled in; an ID number put in a GET URL is dropped, never searched."""

from __future__ import annotations

import math
from urllib.parse import urlencode

from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from motcua.accounts.selectors import client_ip
from motcua.core import clock
from motcua.dossiers.selectors import dossier_public_timeline

from . import selectors, services


@require_http_methods(["GET", "HEAD", "POST"])
def lookup(request):
    if request.method != "POST" and "cccd" in request.GET:
        query = urlencode({"ma": request.GET.get("ma", "").strip()[:40]}) if request.GET.get("ma") else ""
        return HttpResponseRedirect(reverse("portal:lookup") + (f"?{query}" if query else ""), status=303)
    data = request.POST if request.method == "POST" else request.GET
    code = data.get("ma", "").strip()[:60]
    id_number = request.POST.get("cccd", "").strip()[:20] if request.method == "POST" else ""
    context = {"code": code, "id_number": id_number, "dossier": None, "message": "", "searched": False}
    status = 200
    if code and id_number:
        dossier, until = services.lookup_limited(
            client_ip(request), lambda: selectors.lookup_public(code, id_number), code=code
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
    elif request.method == "POST":
        context["message"] = _("Hãy nhập cả mã hồ sơ và số định danh (CCCD) hoặc mã số thuế của người nộp.")
        status = 400
    response = render(request, "portal/lookup/lookup.html", context, status=status)
    response["Cache-Control"] = "no-store"
    # same-origin, not no-referrer: with no-referrer the browser posts the form with "Origin: null",
    # which CSRF protection refuses; no other site ever gets a Referer (and URLs carry no ID number).
    response["Referrer-Policy"] = "same-origin"
    return response
