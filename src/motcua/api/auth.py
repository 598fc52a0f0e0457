"""API authentication: the browser session (with CSRF) or a bearer token.

`POST /api/v1/auth/token` {username, password} returns a new token once; only its SHA-256 is stored,
so a leaked database does not leak tokens. `DELETE /api/v1/auth/token` revokes the token presented.
A token lives `MOTCUA_API_TOKEN_TTL_HOURS` from its creation and is revoked when its user's password
changes (`motcua.api.password_change`). A request that presents a bearer token is judged by the token
alone: a bad, expired or revoked one is a 401 whatever the method, never a fall-back to the session.
"""

from __future__ import annotations

import hashlib
import math
import secrets
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth import authenticate
from django.db.models import OuterRef, QuerySet
from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema, Status
from ninja.security import HttpBearer, django_auth

from motcua.core import clock
from motcua.core.compiled import CompiledQuery
from motcua.core.json_rows import aware, json_rows, loads_rows
from motcua.core.json_rows import day as day_of
from motcua.dossiers.models import ApiToken
from motcua.organizations.selectors import (
    DELEGATED_FIELDS,
    DIRECT_FIELDS,
    GrantRows,
    delegations_to,
    direct_roles,
    remember_grant_rows,
)

from .errors import ApiError
from .openapi import operation_doc

TOKEN_PREFIX = "mc_"


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def token_lifetime() -> timedelta:
    """How long a token lives from its creation (setting MOTCUA_API_TOKEN_TTL_HOURS)."""
    return timedelta(hours=settings.MOTCUA_API_TOKEN_TTL_HOURS)


def token_expires_at(token: ApiToken) -> datetime:
    """When `token` stops working (UTC): its creation plus the current lifetime setting."""
    return token.created_at + token_lifetime()


def token_issue(user, name: str = "") -> tuple[ApiToken, str]:
    """A new token for `user`; the clear text is returned once and never stored."""
    clear = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, key_hash=_hash(clear), prefix=clear[:10], name=name[:100], created_at=clock.now()
    )
    return token, clear


def _token_query(key_hash: str, day, now) -> QuerySet:
    return (
        ApiToken.objects.select_related("user", "user__applicant")
        .filter(key_hash=key_hash, revoked_at__isnull=True)
        .annotate(
            direct_rows=json_rows(direct_roles(OuterRef("user_id"), day), *DIRECT_FIELDS),
            delegated_rows=json_rows(delegations_to(OuterRef("user_id"), now), *DELEGATED_FIELDS),
        )
        .order_by("pk")[:1]
    )


# Built and compiled once per process: every API request runs it (docs/performance.md, "Python per
# receipt").
_TOKEN = CompiledQuery(_token_query, key_hash="str", day="date", now="datetime")


def token_user(clear: str):
    """The active user behind a token, or None (unknown, expired, revoked, or inactive user). The user
    comes with their applicant (or its absence) and their role grants, read in the same statement as the
    token: every dossier endpoint asks "is this caller an applicant?" (lifecycle.applicant_of) and
    which roles they hold (`user_role_grants`, served from these rows for the rest of the request)."""
    if not clear or not clear.startswith(TOKEN_PREFIX) or len(clear) > 200:
        return None
    now = clock.now()
    day = timezone.localdate(now)
    token = _TOKEN.first(key_hash=_hash(clear), day=day, now=now)
    if token is None or not token.user.is_active:
        return None
    if token.created_at + token_lifetime() <= now:
        return None
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    direct = tuple((p, a, r, day_of(f), day_of(t)) for p, a, r, f, t in loads_rows(token.direct_rows))
    delegated = tuple(
        (p, a, r, d, aware(s), aware(e)) for p, a, r, d, s, e in loads_rows(token.delegated_rows)
    )
    remember_grant_rows(token.user, GrantRows(now, direct, delegated))
    return token.user


def token_revoke(clear: str) -> bool:
    return bool(
        ApiToken.objects.filter(key_hash=_hash(clear), revoked_at__isnull=True).update(revoked_at=clock.now())
    )


def tokens_revoke_for_user(user) -> int:
    """Revoke every live token of `user` (password changed, account closed); returns how many."""
    if user is None or user.pk is None:
        return 0
    return ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=clock.now())


INVALID_TOKEN = (
    "Mã truy cập không hợp lệ, đã hết hạn hoặc đã bị thu hồi.",
    "The token is invalid, expired or revoked.",
)


class BearerToken(HttpBearer):
    def __call__(self, request: HttpRequest):
        """ninja's `HttpBearer.__call__`, reading the one header from `META` rather than through
        `request.headers`, which builds a mapping of every header first (~80 Python calls per request,
        docs/performance.md, "The HTTP layer"): the same header, the same answers."""
        value = request.META.get("HTTP_AUTHORIZATION")
        if not value:
            return None
        parts = value.split(" ")
        if parts[0].lower() != self.openapi_scheme:
            return None  # another scheme (ninja logs the header in DEBUG; a credential stays out of logs)
        return self.authenticate(request, " ".join(parts[1:]))

    def authenticate(self, request: HttpRequest, token: str):
        user = token_user(token)
        if user is None:
            # Never fall back to the session (whose CSRF check would answer 403): the caller chose a
            # token, so a bad one is a 401 (problem+json, WWW-Authenticate) whatever the method.
            raise ApiError(401, "invalid_token", *INVALID_TOKEN)
        request.user = user
        request.auth_token = token
        return user


bearer_auth = BearerToken()
#: Bearer token first (integrations), then the browser session (CSRF-checked for writes).
api_auth = [bearer_auth, django_auth]


def optional_user(request: HttpRequest):
    """The caller if authenticated by token or session, else None (for endpoints open to the public)."""
    header = request.META.get("HTTP_AUTHORIZATION", "")  # request.headers["Authorization"], unbuilt
    if header.lower().startswith("bearer "):
        user = token_user(header[7:].strip())
        if user is None:
            raise ApiError(401, "invalid_token", *INVALID_TOKEN)
        return user
    user = getattr(request, "user", None)
    return user if user is not None and user.is_authenticated else None


router = Router(tags=["auth"])


class TokenIn(Schema):
    username: str
    password: str
    name: str = ""


class TokenOut(Schema):
    token: str
    prefix: str
    token_type: str = "Bearer"
    expires_at: datetime
    expires_in: int  # seconds from now


def _login_lockout(request: HttpRequest, typed: str):
    """The login page's limit (per account, per IP), which `authenticate()` enforced just now."""
    from motcua.accounts.selectors import client_ip, login_lockout, login_subject

    identifier, user = login_subject(typed)
    return login_lockout(identifier=identifier, ip=client_ip(request), user=user)


@router.post(
    "/token", response={201: TokenOut}, auth=None, openapi_extra=operation_doc(400, 401, 413, 422, 429)
)
def create_token(request: HttpRequest, body: TokenIn):
    user = authenticate(request, username=body.username, password=body.password)
    if user is None and (lockout := _login_lockout(request, body.username)) is not None:
        seconds = lockout.retry_after_seconds
        raise ApiError(
            429,
            "too_many_logins",
            f"Đăng nhập sai quá nhiều lần; vui lòng thử lại sau {math.ceil(seconds / 60)} phút.",
            f"Too many failed logins; try again in {math.ceil(seconds / 60)} minutes.",
            retry_after=seconds,
        )
    if user is None or not user.is_active:
        raise ApiError(
            401,
            "invalid_credentials",
            "Tên đăng nhập hoặc mật khẩu không đúng.",
            "Wrong username or password.",
        )
    token, clear = token_issue(user, body.name)
    expires_at = token_expires_at(token)
    return Status(
        201,
        {
            "token": clear,
            "prefix": token.prefix,
            "expires_at": expires_at,
            "expires_in": int((expires_at - token.created_at).total_seconds()),
        },
    )


@router.delete("/token", response={204: None}, auth=bearer_auth, openapi_extra=operation_doc(400, 401))
def revoke_token(request: HttpRequest):
    token_revoke(request.auth_token)
    return Status(204, None)
