from django.conf import settings
from django.contrib import admin
from django.http import HttpResponsePermanentRedirect
from django.templatetags.static import static
from django.urls import include, path, re_path

from motcua.api.main import api, unknown_path
from motcua.core import health
from motcua.demo.views import demo_accounts
from motcua.results.views import verify_page

admin.site.site_header = "Một Cửa · Quản trị hệ thống"
admin.site.site_title = "Một Cửa"
admin.site.index_title = "Quản trị"

urlpatterns = [
    # Probes for load balancers (core/health.py).
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    re_path(r"^api/v1/", unknown_path),  # what no API route answers: problem+json, not an HTML page
    path("i18n/", include("django.conf.urls.i18n")),
    path("lich-lam-viec/", include("motcua.calendar.urls")),
    path("", include("motcua.notifications.urls")),  # /tai-khoan/thong-bao/, /can-bo/van-hanh/thong-bao/
    path("tai-khoan/", include("motcua.accounts.urls")),
    path("can-bo/van-hanh/", include("motcua.jobs.urls")),
    path("can-bo/thong-ke/", include("motcua.reports.urls")),
    path("tien-do-giai-quyet/", include(("motcua.reports.urls_public", "reports_public"))),
    path("can-bo/", include("motcua.backoffice.urls")),
    path("demo/", demo_accounts, name="demo_accounts"),
    # Browsers ask for /favicon.ico whatever the page says: the site's icon.
    path("favicon.ico", lambda request: HttpResponsePermanentRedirect(static("portal/favicon.svg"))),
    path("thanh-toan/", include("motcua.payments.urls")),
    path("xac-thuc/", verify_page, name="verify"),
    path("kho-giay-to/", include("motcua.store.urls")),
    path("", include("motcua.portal.urls")),
]

if settings.DEBUG:
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
