"""Bad input is a 4xx everywhere: one middleware refuses, before any view or API router runs, what
would otherwise reach the database or a parser and end in a 500.

`BadInputMiddleware` (settings.MIDDLEWARE, right after whitenoise and the CSP middleware) refuses:

- control characters (C0 and DEL) in the path, in query keys and values, in header values (tab
  allowed there) and in form keys; in form values and JSON string values only tab, CR and LF pass.
  PostgreSQL cannot store NUL in text, so a NUL that reached a query was a 500 on PostgreSQL only;
- a body larger than the limit (413): `DATA_UPLOAD_MAX_MEMORY_SIZE` for anything but multipart,
  that plus `MOTCUA_UPLOAD_MAX_DOSSIER_MB` for multipart; a Content-Length that is not a number (400);
- malformed multipart (no boundary, broken parts), more fields than `DATA_UPLOAD_MAX_NUMBER_FIELDS`
  or more files than `DATA_UPLOAD_MAX_NUMBER_FILES` (400), form fields over the memory limit (413);
- a JSON body nested deeper than `MOTCUA_JSON_MAX_DEPTH`, with integers outside signed 64 bits, with
  non-finite numbers, lone surrogates or control characters in keys or strings (400); the same for JSON
  carried in a form field that starts, after JSON whitespace, with `{` or `[` (the API's multipart
  `payload`). A body that is not JSON at all, or not UTF-8, is left to the view (the API answers it
  400 `invalid_json`, and a body neither JSON nor multipart 415).

The JSON body (and JSON in a form field) is parsed once here and kept on the request; the API reads
it through `request_json`, which parses and checks the same way if the middleware did not.
Values that still reach the database and do not fit (OverflowError for a path `<int:…>` of 30 digits on
SQLite, DataError from PostgreSQL) are answered 400 by `process_exception` (pages) and by the API's
error handlers (`motcua.api.errors`), both through `out_of_range`.

Answers: under /api/ an application/problem+json document with `detail` (vi) and `detail_en` (en),
elsewhere the bilingual page `400.html` (Vietnamese first) with the status given.
"""

from __future__ import annotations

import json
import logging
import math
import re
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.db import DataError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.http.multipartparser import MultiPartParserError
from django.template import loader
from django.utils import translation

logger = logging.getLogger("motcua.bad_input")

PROBLEM_CONTENT_TYPE = "application/problem+json"
API_PREFIX = "/api/"
FORM_TYPES = ("multipart/form-data", "application/x-www-form-urlencoded")
INT64_MAX = 2**63 - 1
INT64_MIN = -(2**63)
MIB = 1024 * 1024

# Every C0 control and DEL (paths, keys, query strings); the same but tab, LF and CR (text values);
# header values may carry tab. Lone surrogates (only JSON's \\ud800 escapes can make them) cannot be
# encoded to UTF-8 for the database either.
_ANY_CONTROL = re.compile(r"[\x00-\x1f\x7f\ud800-\udfff]")
_TEXT_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
_HEADER_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")
_JSON_WHITESPACE = " \t\n\r"


@dataclass(frozen=True)
class Refusal:
    """Why a request is refused: HTTP status, a stable code, and the message in both languages."""

    status: int
    code: str
    detail: str
    detail_en: str


def _control(where_vi: str, where_en: str) -> Refusal:
    return Refusal(
        400,
        "control_character",
        f"{where_vi} chứa ký tự điều khiển không được phép (ví dụ ký tự NUL).",
        f"The {where_en} contains a control character that is not allowed (e.g. NUL).",
    )


def _too_large() -> Refusal:
    return Refusal(
        413,
        "body_too_large",
        "Dữ liệu gửi lên quá lớn.",
        "The request body is too large.",
    )


MALFORMED_MULTIPART = Refusal(
    400,
    "malformed_multipart",
    "Dữ liệu biểu mẫu (multipart) không đúng định dạng.",
    "The multipart body is malformed.",
)
TOO_MANY_FIELDS = Refusal(
    400,
    "too_many_fields",
    "Yêu cầu có quá nhiều trường dữ liệu.",
    "The request has too many fields.",
)
TOO_MANY_FILES = Refusal(
    400,
    "too_many_files",
    "Yêu cầu có quá nhiều tệp đính kèm.",
    "The request has too many files.",
)
BAD_CONTENT_LENGTH = Refusal(
    400,
    "bad_content_length",
    "Độ dài nội dung (Content-Length) không hợp lệ.",
    "The Content-Length header is not valid.",
)
JSON_TOO_DEEP = Refusal(
    400,
    "json_too_deep",
    "Nội dung JSON lồng nhau quá sâu.",
    "The JSON body is nested too deeply.",
)
NUMBER_TOO_LARGE = Refusal(
    400,
    "number_out_of_range",
    "Số quá lớn hoặc không hợp lệ.",
    "A number is too large or not valid.",
)
NOT_STORABLE = Refusal(
    400,
    "value_out_of_range",
    "Giá trị gửi lên vượt quá giới hạn cho phép.",
    "A value sent is outside the allowed range.",
)


def control_characters_in(value: str, *, text: bool = False) -> bool:
    """True if `value` holds a control character: any C0/DEL, or (text=True) any but tab, LF, CR."""
    return bool((_TEXT_CONTROL if text else _ANY_CONTROL).search(value))


class InputRefused(ValueError):
    """Raised by `request_json` when JSON it had to parse itself fails the middleware's checks;
    `refusal` says how to answer (the API renders it as a problem document)."""

    def __init__(self, refusal: Refusal):
        super().__init__(refusal.detail_en)
        self.refusal = refusal


def request_json(request: HttpRequest, field: str | None = None):
    """The request's JSON body (or, with `field`, the JSON in that form field, e.g. the API's
    multipart `payload`), parsed and checked once: by the middleware when it ran, else now, with
    the same checks.

    Raises ValueError (json.JSONDecodeError, UnicodeDecodeError for bytes that are not UTF-8) if it
    is not JSON, InputRefused (a ValueError) if it is JSON the middleware refuses (too deep, control
    characters, numbers out of range), KeyError if the form has no such field."""
    if field is None:
        cached = getattr(request, "_motcua_json", None)
        if cached is not None:
            return cached[0]
        data, refusal = parse_checked(request.body)
    else:
        cached = getattr(request, "_motcua_form_json", {})
        if field in cached:
            return cached[field]
        data, refusal = parse_checked(request.POST[field])
    if refusal is not None:
        raise InputRefused(refusal)
    return data


def parse_checked(raw: bytes | str):
    """(data, refusal): `raw` parsed as strict JSON (UTF-8 only, no NaN/Infinity) and checked
    (depth, control characters, 64-bit integers); refusal is None when it passes.

    Raises ValueError if `raw` is not JSON or (bytes) not UTF-8."""
    if isinstance(raw, bytes):
        raw = raw.decode("utf-8")  # json.loads would guess UTF-16/32; the API speaks UTF-8 only
    try:
        data = json.loads(raw, parse_constant=_parse_constant)
    except RecursionError:
        return None, JSON_TOO_DEEP
    return data, _check_json_value(data, settings.MOTCUA_JSON_MAX_DEPTH)


def check_json_value(data, max_depth: int | None = None) -> Refusal | None:
    """The middleware's checks on an already parsed JSON value (depth at most `max_depth`, default
    MOTCUA_JSON_MAX_DEPTH; no control character but tab/LF/CR in strings, none in keys; integers within
    64 bits; finite floats), for JSON that came another way (a file given to a command); the first
    problem found, or None."""
    return _check_json_value(data, settings.MOTCUA_JSON_MAX_DEPTH if max_depth is None else max_depth)


def _check_json_value(data, max_depth: int) -> Refusal | None:
    """Walk a parsed JSON value without recursion; the first problem found, or None."""
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, str):
            if control_characters_in(value, text=True):
                return _control("Nội dung JSON", "JSON body")
        elif isinstance(value, bool) or value is None:
            continue
        elif isinstance(value, int):
            if not INT64_MIN <= value <= INT64_MAX:
                return NUMBER_TOO_LARGE
        elif isinstance(value, float):
            if not math.isfinite(value):
                return NUMBER_TOO_LARGE
        elif depth > max_depth:
            return JSON_TOO_DEEP
        elif isinstance(value, dict):
            for key, item in value.items():
                if control_characters_in(key):
                    return _control("Tên trường JSON", "JSON key")
                stack.append((item, depth + 1))
        elif isinstance(value, list):
            stack.extend((item, depth + 1) for item in value)
    return None


def _parse_constant(name: str):
    # NaN, Infinity, -Infinity are not JSON; Python accepts them by default.
    raise ValueError(f"{name} is not JSON")


class BadInputMiddleware:
    """Refuse control characters, oversize or malformed bodies and over-deep JSON with a 4xx
    (see the module's docstring); let everything else through unchanged."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        refusal = self.check(request)
        if refusal is not None:
            return refuse(request, refusal)
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        """A value the database cannot hold came from the request: 400. OverflowError is the driver's
        (an integer beyond 64 bits, SQLite), DataError the server's (out of range, PostgreSQL); the
        latter is logged with its traceback, a check may be missing upstream."""
        refusal = out_of_range(exception)
        if refusal is not None:
            return refuse(request, refusal)
        return None

    # ----- the checks, cheapest first ------------------------------------------------------------

    def check(self, request: HttpRequest) -> Refusal | None:
        if control_characters_in(request.path_info):
            return _control("Đường dẫn", "path")
        for key, value in request.META.items():
            is_header = key.startswith("HTTP_") or key in ("CONTENT_TYPE", "CONTENT_LENGTH")
            if is_header and isinstance(value, str) and _HEADER_CONTROL.search(value):
                return _control("Tiêu đề HTTP", "HTTP header")
        try:
            query = request.GET
            for key, values in query.lists():
                if control_characters_in(key) or any(control_characters_in(v) for v in values):
                    return _control("Tham số truy vấn", "query string")
        except TooManyFieldsSent:
            return TOO_MANY_FIELDS
        return self.check_body(request)

    def check_body(self, request: HttpRequest) -> Refusal | None:
        raw_length = request.META.get("CONTENT_LENGTH") or "0"
        if not (raw_length.strip().isascii() and raw_length.strip().isdigit()):
            return BAD_CONTENT_LENGTH
        length = int(raw_length)
        if length == 0:
            return None
        content_type = request.content_type or ""
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        if content_type == "multipart/form-data":
            limit += settings.MOTCUA_UPLOAD_MAX_DOSSIER_MB * MIB
        if length > limit:
            return _too_large()
        if content_type in FORM_TYPES:
            return self.check_form(request) if request.method == "POST" else None
        return self.check_json(request)

    def check_form(self, request: HttpRequest) -> Refusal | None:
        try:
            fields, files = request.POST, request.FILES
        except MultiPartParserError:
            return MALFORMED_MULTIPART
        except TooManyFilesSent:
            return TOO_MANY_FILES
        except TooManyFieldsSent:
            request._mark_post_parse_error()
            return TOO_MANY_FIELDS
        except RequestDataTooBig:
            request._mark_post_parse_error()
            return _too_large()
        for key, values in fields.lists():
            if control_characters_in(key):
                return _control("Tên trường biểu mẫu", "form field name")
            for value in values:
                if control_characters_in(value, text=True):
                    return _control("Dữ liệu biểu mẫu", "form data")
                # JSON carried in a field (the API's multipart `payload`) gets the JSON body's checks,
                # whatever JSON whitespace comes first; kept for request_json(request, field).
                if value.lstrip(_JSON_WHITESPACE)[:1] in ("{", "["):
                    try:
                        data, refusal = parse_checked(value)
                    except ValueError:
                        continue  # plain text that happens to start with a bracket
                    if refusal is not None:
                        return refusal
                    request.__dict__.setdefault("_motcua_form_json", {}).setdefault(key, data)
        for key in files:
            if control_characters_in(key):
                return _control("Tên trường biểu mẫu", "form field name")
        return None

    def check_json(self, request: HttpRequest) -> Refusal | None:
        try:
            data, refusal = parse_checked(request.body)
        except ValueError:
            return None  # not JSON (or not UTF-8): the view decides what it makes of it
        if refusal is None:
            request._motcua_json = (data,)
        return refusal


def out_of_range(exception: Exception) -> Refusal | None:
    """The refusal for an exception raised by input the database could not take, else None."""
    if isinstance(exception, OverflowError):
        return NUMBER_TOO_LARGE
    if isinstance(exception, DataError):
        logger.warning("Input the database refused: %s", exception, exc_info=exception)
        return NOT_STORABLE
    return None


def refuse(request: HttpRequest, refusal: Refusal) -> HttpResponse:
    """The answer to a refused request: problem+json under /api/, the bilingual error page elsewhere."""
    if request.path_info.startswith(API_PREFIX):
        return problem_response(refusal.status, refusal.code, refusal.detail, refusal.detail_en)
    # This runs before the locale middleware: the layout's own words follow the reader's choice.
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
    with translation.override(language):
        html = loader.render_to_string(
            "400.html",
            {"status": refusal.status, "detail_vi": refusal.detail, "detail_en": refusal.detail_en},
        )
    return HttpResponse(html, status=refusal.status)


def problem_body(status: int, code: str, detail: str, detail_en: str, **extra) -> dict:
    """An RFC 9457 problem document: `detail` in Vietnamese, `detail_en` in English."""
    return {
        "type": f"about:blank#{code}",
        "title": code,
        "status": status,
        "code": code,
        "detail": detail,
        "detail_en": detail_en,
        **extra,
    }


def problem_response(status: int, code: str, detail: str, detail_en: str, **extra) -> HttpResponse:
    return JsonResponse(
        problem_body(status, code, detail, detail_en, **extra),
        status=status,
        content_type=PROBLEM_CONTENT_TYPE,
        json_dumps_params={"ensure_ascii": False},
    )
