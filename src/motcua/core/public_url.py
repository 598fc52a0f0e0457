"""The site's public address for absolute links: QR codes on receipts and apologies (forms 01, 04),
links in e-mails and PDFs.

1. `MOTCUA_PUBLIC_URL` when set (a real deployment must set it: docs/operations.md);
2. else, in development (`DEBUG`), the address of the request being served (`PublicUrlMiddleware`
   records it for the request's duration), so `PORT=8080 make run` gives links to port 8080;
3. else `MOTCUA_DEV_PUBLIC_URL` (the Makefile's `run` sets it to http://127.0.0.1:$(PORT), for what the
   worker sends outside any request), else http://localhost:8000.
"""

from __future__ import annotations

import os
from contextvars import ContextVar

from django.conf import settings
from django.core import checks
from django.core.exceptions import DisallowedHost

FALLBACK = "http://localhost:8000"
_request_base: ContextVar[str] = ContextVar("motcua_request_base", default="")


def public_base_url() -> str:
    """'https://host[:port]' without a trailing slash, by the rules of the module docstring."""
    configured = (getattr(settings, "MOTCUA_PUBLIC_URL", "") or "").rstrip("/")
    if configured:
        return configured
    if settings.DEBUG and (current := _request_base.get()):
        return current
    return (os.environ.get("MOTCUA_DEV_PUBLIC_URL") or FALLBACK).rstrip("/")


class PublicUrlMiddleware:
    """In development with no `MOTCUA_PUBLIC_URL`: remember the request's scheme and host (validated
    against ALLOWED_HOSTS by Django) while it is served."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if getattr(settings, "MOTCUA_PUBLIC_URL", "") or not settings.DEBUG:
            return self.get_response(request)
        try:
            base = f"{request.scheme}://{request.get_host()}"
        except DisallowedHost:
            return self.get_response(request)
        token = _request_base.set(base)
        try:
            return self.get_response(request)
        finally:
            _request_base.reset(token)


@checks.register(checks.Tags.security, deploy=True)
def check_public_url_in_production(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """core.E001: production mode (`PRODUCTION`) without `MOTCUA_PUBLIC_URL` would put
    http://localhost:8000 (or MOTCUA_DEV_PUBLIC_URL) in receipts' QR codes, password-reset e-mails and
    notifications; core.W001: a public address that is not https."""
    if not getattr(settings, "PRODUCTION", False):
        return []
    configured = (getattr(settings, "MOTCUA_PUBLIC_URL", "") or "").strip()
    if not configured:
        return [
            checks.Error(
                "MOTCUA_PUBLIC_URL is not set: links in receipts, QR codes, password-reset e-mails and "
                "notifications would point to a development address.",
                hint="Set MOTCUA_PUBLIC_URL=https://<the site's public host> (docs/operations.md).",
                id="core.E001",
            )
        ]
    if not configured.lower().startswith("https://"):
        return [
            checks.Warning(
                f"MOTCUA_PUBLIC_URL ({configured}) is not https: password-reset links would travel in clear.",
                id="core.W001",
            )
        ]
    return []
