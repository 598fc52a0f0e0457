"""The site's URLs plus two views that fail on purpose, for the error-page tests."""

from django.core.exceptions import PermissionDenied
from django.urls import path

from motcua.urls import urlpatterns as site


def crash(request):
    raise RuntimeError("chi tiết nội bộ 8f3a")


def forbidden(request):
    raise PermissionDenied


urlpatterns = [path("_loi/", crash), path("_cam/", forbidden), *site]
