"""The reconciliation page (`/can-bo/van-hanh/doi-soat/`, the operations roles): per agency the sync rate
of the index for a period, and the dossiers whose state on the national portal is not ours."""

from django.contrib import messages
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from motcua.backoffice.views import _nav
from motcua.jobs.views import operations_required
from motcua.organizations.models import Agency

from . import selectors
from .periods import parse_day, period


@require_GET
@operations_required
def reconciliation(request):
    try:
        first, last, start, end = period(parse_day(request.GET.get("tu")), parse_day(request.GET.get("den")))
    except ValueError:
        messages.error(request, _("Khoảng thời gian không hợp lệ; hiển thị tháng này."))
        first, last, start, end = period(None, None)
    identifier = (request.GET.get("co-quan") or "").strip()
    agency = Agency.objects.filter(identifier=identifier).first() if identifier else None
    agency_ids = [agency.pk] if agency else None
    rates = selectors.sync_rate(agency_ids, start, end)
    names = dict(Agency.objects.filter(pk__in=list(rates)).values_list("pk", "name"))
    rate_rows = sorted(
        ((names.get(pk, pk), r) for pk, r in rates.items()), key=lambda x: (x[1].rate is None, x[1].rate or 0)
    )
    counts, rows = selectors.reconciliation(start, end, agency_ids=agency_ids, limit=300)
    return render(
        request,
        "integrations/reconciliation.html",
        {
            **_nav(request),
            "first": first,
            "last": last,
            "agency": agency,
            "identifier": identifier,
            "rate_rows": rate_rows,
            "total": selectors.total(rates),
            "counts": [
                (label, counts.get(key, 0)) for key, (label, _en) in selectors.SyncState.LABELS.items()
            ],
            "rows": rows,
        },
    )
