from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from motcua.api.main import api

admin.site.site_header = "Một Cửa · Quản trị hệ thống"
admin.site.site_title = "Một Cửa"
admin.site.index_title = "Quản trị"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("lich-lam-viec/", include("motcua.calendar.urls")),
    path("tai-khoan/", include("motcua.accounts.urls")),
    path("can-bo/van-hanh/", include("motcua.jobs.urls")),
    path("can-bo/thong-ke/", include("motcua.reports.urls")),
    path("tien-do-giai-quyet/", include(("motcua.reports.urls_public", "reports_public"))),
    path("can-bo/", include("motcua.backoffice.urls")),
    path("", include("motcua.portal.urls")),
]

if settings.DEBUG:
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
