"""The `/demo/` page: every demo account by role and agency, with the shared password (demo mode only,
`MOTCUA_DEMO`; a 404 otherwise)."""

from django.conf import settings
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from .selectors import demo_account_rows


@require_GET
def demo_accounts(request):
    if not getattr(settings, "MOTCUA_DEMO", False):
        raise Http404("demo mode is off")
    return render(request, "demo/accounts.html", demo_account_rows())
