"""The `/demo/` page: every demo account by role and agency, with the shared password (demo mode only,
`MOTCUA_DEMO`, never in production mode: `demo.mode`; a 404 otherwise)."""

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from .mode import demo_enabled
from .selectors import demo_account_rows


@require_GET
def demo_accounts(request):
    if not demo_enabled():
        raise Http404("demo mode is off")
    return render(request, "demo/accounts.html", demo_account_rows())
