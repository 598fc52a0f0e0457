"""The JSON API under /api/v1: one NinjaAPI, a router per area."""

from ninja import NinjaAPI
from ninja.parser import Parser

from motcua.core.bad_input import request_json

from .errors import install_error_handlers


class OnceParsedJSON(Parser):
    """Bodies are parsed (and checked) once by core.bad_input.BadInputMiddleware; reuse that."""

    def parse_body(self, request):
        return request_json(request)


api = NinjaAPI(
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

    from .auth import router as auth_router

    api.add_router("/procedures", catalog_router)
    api.add_router("/calendar", calendar_router)
    api.add_router("/auth", auth_router)
    api.add_router("/dossiers", dossiers_router)


_mount()
