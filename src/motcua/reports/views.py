"""The statistics pages: the leaders' dashboard (`/can-bo/thong-ke/`). Views only translate: the
numbers come from `dashboard`, `index766` and `summary`; who sees what from `access`."""

from __future__ import annotations

from datetime import date

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from motcua.core import clock
from motcua.organizations.models import Agency

from . import charts
from . import period_report as pr
from .access import ReportForbidden, scope_for, stats_scope
from .dashboard import dashboard
from .facts import VN
from .public import progress_page
from .selectors import Period, ReportError, ranking_units


def default_period(today: date | None = None) -> Period:
    """Year to date (1 January to today, Vietnam time)."""
    return Period.year_to_date(today or clock.now().astimezone(VN).date())


def presets(today: date) -> list[tuple[str, Period]]:
    quarter = (today.month - 1) // 3 + 1
    return [
        (_("Tháng này"), Period(today.replace(day=1), today)),
        (_("Quý này"), Period(Period.quarter(today.year, quarter).start, today)),
        (_("Năm nay"), Period(today.replace(month=1, day=1), today)),
        (_("Năm trước"), Period.year(today.year - 1)),
    ]


def _period_and_scope(request):
    """(period, scope, allowed scope, error text) from the query string; 403 for who may not read."""
    if stats_scope(request.user) is None:
        raise PermissionDenied(_("Trang dành cho lãnh đạo, giám sát và quản trị."))
    error = ""
    period = default_period()
    if request.GET.get("from") or request.GET.get("to"):
        try:
            period = Period.parse(request.GET.get("from"), request.GET.get("to"))
        except ReportError as exc:
            error = f"{exc.message_vi} / {exc.message_en}"
    try:
        scope = scope_for(request.user, request.GET.get("agency") or None)
    except ReportForbidden as exc:
        raise PermissionDenied(exc.message_vi) from None
    except ReportError as exc:
        error = f"{exc.message_vi} / {exc.message_en}"
        scope = scope_for(request.user)
    return period, scope, error


def agency_choices(request) -> list[Agency]:
    """The ranked units the user may pick (their scope's departments and communes)."""
    allowed = stats_scope(request.user)
    return [agency for agency, _subtree in ranking_units(allowed).values()]


@require_GET
def stats_dashboard(request):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    period, scope, error = _period_and_scope(request)
    data = dashboard(scope, period)
    months = [row["month"][5:] + "/" + row["month"][2:4] for row in data["trend"]]
    trend_chart = charts.line_chart(
        months,
        [
            (_("Chỉ số 766 (điểm)"), [row["total"] for row in data["trend"]], charts.BRAND),
            (
                _("Đúng hạn (%)"),
                [
                    round(row["on_time_rate"] * 100, 1) if row["on_time_rate"] is not None else None
                    for row in data["trend"]
                ],
                charts.ACCENT,
            ),
        ],
        maximum=100,
        title=_("Xu hướng theo tháng"),
    )
    base = f"from={period.start.isoformat()}&to={period.end.isoformat()}"
    ranking_chart = charts.bar_chart(
        [(r["agency"], r["total"], f"?{base}&agency={r['identifier']}") for r in data["ranking"][:15]],
        maximum=100,
        title=_("Xếp hạng chỉ số 766"),
    )
    today = clock.now().astimezone(VN).date()
    return render(
        request,
        "reports/dashboard.html",
        {
            **data,
            "error": error,
            "trend_chart": trend_chart,
            "ranking_chart": ranking_chart,
            "presets": presets(today),
            "agencies": agency_choices(request),
            "agency_param": request.GET.get("agency", ""),
            "query": base,
        },
    )


def _download(content: bytes, name: str, kind: str) -> HttpResponse:
    types = {
        "csv": "text/csv; charset=utf-8",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    }
    response = HttpResponse(content, content_type=types[kind])
    response["Content-Disposition"] = f'attachment; filename="{name}.{kind}"'
    return response


@require_GET
def period_report(request):
    """The period report; `?format=xlsx` (every table) or `?format=csv&table=units|procedures|steps`."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    period, scope, error = _period_and_scope(request)
    data = pr.report(period, scope)
    tables = {
        "units": ("Mot cua", *pr.table_rows(data["table"])),
        "procedures": ("Thoi gian giai quyet", *pr.procedure_rows(data["procedures"])),
        "steps": ("Buoc cham nhat", *pr.step_rows(data["steps"])),
    }
    name = f"bao-cao-{period.start:%Y%m%d}-{period.end:%Y%m%d}"
    kind = request.GET.get("format", "")
    if kind == "xlsx":
        title = "BÁO CÁO TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH"
        subtitle = f"{scope.label} · Từ {period.start:%d/%m/%Y} đến {period.end:%d/%m/%Y}"
        return _download(pr.to_xlsx(title, subtitle, list(tables.values())), name, "xlsx")
    if kind == "csv":
        table = request.GET.get("table", "units")
        if table not in tables:
            table = "units"
        _sheet, header, rows = tables[table]
        return _download(pr.to_csv(header, rows), f"{name}-{table}", "csv")
    return render(
        request,
        "reports/period_report.html",
        {
            **data,
            "period": period,
            "scope": scope,
            "error": error,
            "columns": pr.COLUMNS,
            "query": f"from={period.start.isoformat()}&to={period.end.isoformat()}",
            "agency_param": request.GET.get("agency", ""),
            "agencies": agency_choices(request),
            "presets": presets(clock.now().astimezone(VN).date()),
        },
    )


@require_GET
def dossiers_behind(request):
    """The dossiers behind one number of the report (`?measure=` a column's measure)."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    period, scope, error = _period_and_scope(request)
    measure = request.GET.get("measure", "")
    try:
        facts = pr.drilldown(period, scope, measure)
    except ReportError as exc:
        raise Http404(exc.message_vi) from None
    labels = {c[3]: c[1] for c in pr.COLUMNS}
    total = facts.count()
    return render(
        request,
        "reports/dossiers.html",
        {
            "period": period,
            "scope": scope,
            "error": error,
            "measure_label": labels.get(measure, measure),
            "facts": facts[:500],
            "total": total,
        },
    )


@require_GET
def public_progress(request):
    """Công khai tiến độ giải quyết (no login); `?format=json` for the same data as JSON."""
    error = ""
    today = clock.now().astimezone(VN).date()
    period = Period(today.replace(day=1), today)
    if request.GET.get("from") or request.GET.get("to"):
        try:
            period = Period.parse(request.GET.get("from"), request.GET.get("to"))
        except ReportError as exc:
            if request.GET.get("format") == "json":
                return JsonResponse(
                    {"code": exc.code, "detail": exc.message_vi, "detail_en": exc.message_en}, status=422
                )
            error = f"{exc.message_vi} / {exc.message_en}"
    data = progress_page(period)
    if request.GET.get("format") == "json":
        return JsonResponse(data, json_dumps_params={"ensure_ascii": False})
    return render(
        request,
        "reports/public_progress.html",
        {**data, "period": period, "error": error, "presets": presets(today)[:3]},
    )
