"""Content-Security-Policy on every response: Django's own middleware (settings.SECURE_CSP), with two
adjustments that keep one policy true for the whole site.

- A response a view allowed into a same-origin frame (`@xframe_options_sameorigin`: the back office
  shows dossier files in an <iframe>) gets `frame-ancestors 'self'` instead of `'none'`, so the CSP says
  what X-Frame-Options says (browsers obey frame-ancestors over X-Frame-Options).
- In development (DEBUG) Django's technical 404/500 pages use inline styles and scripts; they are sent
  without a policy so a traceback stays readable. Production (DEBUG off) never shows those pages.

The Swagger UI page (/api/v1/docs) needs nothing of its own: django-ninja serves it from local static
files with its settings in a JSON data block, which a strict `script-src 'self'` allows.
"""

from django.conf import settings
from django.middleware.csp import ContentSecurityPolicyMiddleware as DjangoCSPMiddleware
from django.utils.csp import CSP


class ContentSecurityPolicyMiddleware(DjangoCSPMiddleware):
    def process_response(self, request, response):
        if settings.DEBUG and response.status_code in (404, 500) and _is_technical_page(response):
            return response
        if response.get("X-Frame-Options", "").upper() == "SAMEORIGIN" and not hasattr(
            response, "_csp_config"
        ):
            response._csp_config = {**settings.SECURE_CSP, "frame-ancestors": [CSP.SELF]}
        return super().process_response(request, response)


def _is_technical_page(response) -> bool:
    """Django's debug pages (technical_404.html, technical_500.html) carry this robots line."""
    if getattr(response, "streaming", False):
        return False
    return b'<meta name="robots" content="NONE,NOARCHIVE">' in response.content[:2000]
