"""The JSON API under /api/v1: one NinjaAPI, a router per area."""

import copy

from ninja import NinjaAPI
from ninja.parser import Parser

from motcua.core.bad_input import request_json

from .errors import install_error_handlers, problem
from .openapi import SCHEMAS, state_input_rules


class OnceParsedJSON(Parser):
    """Bodies are parsed (and checked) once by core.bad_input.BadInputMiddleware; reuse that."""

    def parse_body(self, request):
        return request_json(request)


class MotcuaApi(NinjaAPI):
    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        """ninja's document, the schemas routers name through `motcua.api.openapi`, and the input
        rules every request must respect (core.bad_input)."""
        document = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        document["components"]["schemas"].update(copy.deepcopy(SCHEMAS))
        state_input_rules(document)
        return document


api = MotcuaApi(
    title="Một Cửa API",
    version="1",
    description="API của hệ thống một cửa điện tử và dịch vụ công trực tuyến. / The one-stop-shop API.",
    urls_namespace="api-v1",
    parser=OnceParsedJSON(),
)
install_error_handlers(api)


def _mount() -> None:
    from motcua.calendar.api import router as calendar_router
    from motcua.catalog.api import router as catalog_router
    from motcua.dossiers.api import router as dossiers_router
    from motcua.integrations.api import router as integrations_router
    from motcua.payments.api import router as payments_router
    from motcua.reports.api import router as reports_router
    from motcua.results.api import router as verify_router
    from motcua.store.api import router as store_router

    from .auth import router as auth_router

    api.add_router("/procedures", catalog_router)
    api.add_router("/calendar", calendar_router)
    api.add_router("/auth", auth_router)
    api.add_router("/dossiers", dossiers_router)
    api.add_router("/integrations", integrations_router)
    api.add_router("/dossiers", payments_router)
    api.add_router("/verify", verify_router)
    api.add_router("/store", store_router)
    api.add_router("/reports", reports_router)


_mount()


def unknown_path(request, rest: str = ""):
    """Any path under /api/v1/ that no route answers (mounted after `api.urls`, motcua/urls.py): a 404
    problem document in Vietnamese and English, as every other API error, not Django's HTML page."""
    return problem(
        api,
        request,
        404,
        "not_found",
        "Không có địa chỉ API này; xem /api/v1/docs.",
        "No such API path; see /api/v1/docs.",
    )
