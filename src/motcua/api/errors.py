"""Errors as application/problem+json (RFC 9457) with a Vietnamese `detail` and an English `detail_en`."""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DataError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.log import log_response
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from motcua.core.bad_input import PROBLEM_CONTENT_TYPE, out_of_range, problem_body
from motcua.core.bilingual import split_bilingual, split_each


class ApiError(Exception):
    """Raised by routers to return a problem document; `detail` in Vietnamese, `detail_en` in English."""

    def __init__(self, status: int, code: str, detail: str, detail_en: str, **extra):
        super().__init__(detail_en)
        self.status, self.code, self.detail, self.detail_en, self.extra = (
            status,
            code,
            detail,
            detail_en,
            extra,
        )


def problem(
    api: NinjaAPI, request: HttpRequest, status: int, code: str, detail: str, detail_en: str, **extra
):
    body = problem_body(status, code, detail, detail_en, **extra)
    response = api.create_response(request, body, status=status)
    response["Content-Type"] = PROBLEM_CONTENT_TYPE
    if status == 401:  # RFC 9110 §11.6.1: every 401 names the scheme; RFC 6750 §3 the token error
        response["WWW-Authenticate"] = 'Bearer error="invalid_token"' if code == "invalid_token" else "Bearer"
    if "retry_after" in extra:
        response["Retry-After"] = str(extra["retry_after"])
    return response


def install_error_handlers(api: NinjaAPI) -> None:
    @api.exception_handler(ApiError)
    def _api_error(request, exc: ApiError) -> HttpResponse:
        return problem(api, request, exc.status, exc.code, exc.detail, exc.detail_en, **exc.extra)

    @api.exception_handler(NinjaValidationError)
    def _validation(request, exc: NinjaValidationError) -> HttpResponse:
        errors = [{"loc": list(e.get("loc", [])), "msg": e.get("msg", "")} for e in exc.errors]
        return problem(
            api,
            request,
            422,
            "invalid_input",
            "Dữ liệu gửi lên không hợp lệ.",
            "The request is not valid.",
            errors=errors,
        )

    @api.exception_handler(ValidationError)
    def _django_validation(request, exc: ValidationError) -> HttpResponse:
        vi, en = split_each(exc.messages)
        return problem(api, request, 400, "invalid", vi, en)

    @api.exception_handler(PermissionDenied)
    def _forbidden(request, exc) -> HttpResponse:
        vi, en = split_bilingual(
            str(exc) or "Bạn không có quyền thực hiện thao tác này. / You may not do this."
        )
        return problem(api, request, 403, "forbidden", vi, en)

    @api.exception_handler(AuthenticationError)
    def _unauthenticated(request, exc) -> HttpResponse:
        return problem(api, request, 401, "unauthenticated", "Cần đăng nhập.", "Authentication required.")

    @api.exception_handler(Http404)
    def _not_found(request, exc) -> HttpResponse:
        return problem(api, request, 404, "not_found", "Không tìm thấy.", "Not found.")

    @api.exception_handler(HttpError)
    def _http_error(request, exc: HttpError) -> HttpResponse:
        vi, en = split_bilingual(str(exc))
        return problem(api, request, exc.status_code, "http_error", vi, en)

    @api.exception_handler(OverflowError)
    @api.exception_handler(DataError)
    def _out_of_range(request, exc) -> HttpResponse:
        # A value the database cannot hold came from the request: core.bad_input's answer.
        r = out_of_range(exc)
        return problem(api, request, r.status, r.code, r.detail, r.detail_en)

    @api.exception_handler(Exception)
    def _unexpected(request, exc: Exception) -> HttpResponse:
        """A bug, not the client's fault: logged with its traceback, answered 500 problem+json
        without one. In development (DEBUG) Django's traceback page stays."""
        if settings.DEBUG:
            raise exc
        response = problem(
            api,
            request,
            500,
            "internal_error",
            "Hệ thống gặp lỗi không mong muốn; vui lòng thử lại sau. Lỗi đã được ghi nhận.",
            "An unexpected error occurred; please try again later. The error has been logged.",
        )
        # Django's own log line for a failed request (logger django.request: mail to ADMINS, the log
        # file), with the traceback; logged once (Django then skips its line without one).
        message = "Internal Server Error: %s"
        log_response(message, request.path, response=response, request=request, exception=exc)
        return response
