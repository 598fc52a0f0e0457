"""Content-Security-Policy on every response: Django's own middleware (settings.SECURE_CSP), except on
Django's technical 404/500 pages in development (DEBUG): those use inline styles and scripts and are
sent without a policy so a traceback stays readable. Production (DEBUG off) never shows them.

A view that sets its own Content-Security-Policy header keeps it (the back office's file viewer sends
uploads with `sandbox`). The Swagger UI page (/api/v1/docs) needs nothing of its own: django-ninja
serves it from local static files with its settings in a JSON data block, which `script-src 'self'`
allows.
"""

from django.conf import settings
from django.middleware.csp import ContentSecurityPolicyMiddleware as DjangoCSPMiddleware

# Django's debug pages (technical_404.html, technical_500.html) carry this line in their <head>.
_TECHNICAL_PAGE_MARK = b'<meta name="robots" content="NONE,NOARCHIVE">'


class ContentSecurityPolicyMiddleware(DjangoCSPMiddleware):
    def process_response(self, request, response):
        if settings.DEBUG and response.status_code in (404, 500) and _is_technical_page(response):
            return response
        return super().process_response(request, response)


def _is_technical_page(response) -> bool:
    return not getattr(response, "streaming", False) and _TECHNICAL_PAGE_MARK in response.content[:2000]
