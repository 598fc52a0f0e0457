"""Public pages of the citizen portal. Views only translate the request for the selectors."""

from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import render

from motcua.catalog.models import Level, OnlineKind, Procedure, Sector
from motcua.catalog.selectors import component_template_of, procedure_get
from motcua.catalog.selectors import procedure_list as select_procedures
from motcua.core.collation import vi
from motcua.organizations.models import Agency

PAGE_SIZE = 20


def home(request):
    procedures = Procedure.objects.filter(is_active=True, current_version__isnull=False)
    context = {
        "procedure_count": procedures.count(),
        "full_online_count": procedures.filter(online_kind=OnlineKind.FULL).count(),
        "sectors": Sector.objects.order_by(vi("name"))[:12],
    }
    return render(request, "portal/home.html", context)


def procedure_list(request):
    filters = {
        "q": request.GET.get("q", "").strip()[:200] or None,
        "sector": request.GET.get("sector") or None,
        "agency": request.GET.get("agency") or None,
        "online_kind": request.GET.get("online_kind")
        if request.GET.get("online_kind") in OnlineKind.values
        else None,
        "level": request.GET.get("level") if request.GET.get("level") in Level.values else None,
    }
    page = Paginator(select_procedures(**filters), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "filters": filters,
        "sectors": Sector.objects.order_by(vi("name")),
        "agencies": Agency.objects.filter(competent_for__status="published").distinct().order_by(vi("name")),
        "online_kinds": OnlineKind.choices,
        "levels": Level.choices,
        "querystring": _querystring_without_page(request),
    }
    return render(request, "portal/procedure_list.html", context)


def procedure_detail(request, code: str):
    procedure = procedure_get(code)
    if procedure is None:
        raise Http404("Không tìm thấy thủ tục")
    return render(
        request, "portal/procedure_detail.html", {"procedure": procedure, "v": procedure.current_version}
    )


def _querystring_without_page(request) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


def component_template(request, code: str, component_id: int):
    """A blank form (tờ khai) of the current version: public, served through storage, not the web root."""
    component = component_template_of(code, component_id)
    if component is None:
        raise Http404("Không có mẫu đơn")
    return FileResponse(
        component.template.open("rb"), as_attachment=True, filename=component.template.name.rsplit("/", 1)[-1]
    )
