"""`/xac-thuc/`: the public verification page (no account). The same verdict as `POST /api/v1/verify`
(`api.verify_request`); `?ma=<code>&kq=<result id>` checks the stored document (the link printed
on generated results and sent to the national portal)."""

from __future__ import annotations

from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from motcua.api.errors import ApiError
from motcua.core.bilingual import in_active_language

from . import verification
from .api import verify_request


@require_http_methods(["GET", "POST"])
def verify_page(request):
    context = {"verdict": None, "reason": "", "code": "", "result": "", "error": ""}
    status = 200
    verdict = None
    if request.method == "POST":
        try:
            verdict = verify_request(request)
        except ApiError:
            context["error"] = in_active_language(
                "Hãy chọn tệp PDF cần xác thực. / Choose the PDF to verify."
            )
            status = 400
    elif request.GET.get("ma") and request.GET.get("kq"):
        context["code"], context["result"] = request.GET["ma"][:40], request.GET["kq"][:12]
        verdict = verification.verify_recorded(context["code"], context["result"])
    if verdict is not None:
        context["verdict"] = verdict
        context["reason"] = in_active_language(verdict.reason) if verdict.reason else ""
    response = render(request, "results/verify.html", context, status=status)
    response["Cache-Control"] = "no-store"
    return response
