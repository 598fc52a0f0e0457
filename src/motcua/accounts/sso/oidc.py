"""A generic OpenID Connect provider configured from settings (MOTCUA_OIDC_*).

Authorization-code flow with `state` (CSRF), `nonce` (replay) and PKCE S256. The ID token is checked
with PyJWT: signature (HS256 with the client secret, or RS256/ES256/PS256 with the provider's JWKS),
issuer, audience, expiry and nonce. Userinfo is fetched with the access token and must name the same
subject. HTTP goes through the standard library; endpoints come from settings or discovery."""

import base64
import hashlib
import json
import secrets
import time
import urllib.error
import urllib.parse
import urllib.request
from datetime import date

import jwt
from django.conf import settings

from motcua.accounts.services import SsoClaims

from .base import SsoError

SESSION_KEY = "motcua_sso_oidc"
ASYMMETRIC = ["RS256", "RS384", "RS512", "ES256", "ES384", "PS256", "PS384", "PS512"]
DISCOVERY_TTL = 3600

_discovery_cache: dict[str, tuple[float, dict]] = {}
_jwks_clients: dict[str, jwt.PyJWKClient] = {}

MSG_FAILED = (
    "Không đăng nhập được qua {label}. Vui lòng thử lại hoặc đăng nhập bằng mật khẩu. "
    "/ Signing in through {label} failed. Please try again or log in with your password."
)


def _b64url(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


class OidcProvider:
    slug = "oidc"

    @property
    def label(self) -> str:
        return settings.MOTCUA_OIDC_LABEL

    # configuration -------------------------------------------------------------------------------
    def is_configured(self) -> bool:
        return bool(
            settings.MOTCUA_OIDC_ISSUER
            and settings.MOTCUA_OIDC_CLIENT_ID
            and settings.MOTCUA_OIDC_CLIENT_SECRET
        )

    def _issuer(self) -> str:
        return settings.MOTCUA_OIDC_ISSUER.rstrip("/")

    def _http_json(self, request: urllib.request.Request) -> dict:
        try:
            with urllib.request.urlopen(request, timeout=settings.MOTCUA_OIDC_TIMEOUT) as response:
                return json.loads(response.read().decode("utf-8"))
        except (urllib.error.URLError, OSError, ValueError) as exc:
            raise SsoError(self._failed()) from exc

    def _discovery(self) -> dict:
        issuer = self._issuer()
        cached = _discovery_cache.get(issuer)
        if cached and cached[0] > time.monotonic():
            return cached[1]
        document = self._http_json(urllib.request.Request(f"{issuer}/.well-known/openid-configuration"))
        if document.get("issuer", "").rstrip("/") != issuer:
            raise SsoError(self._failed())
        _discovery_cache[issuer] = (time.monotonic() + DISCOVERY_TTL, document)
        return document

    def _endpoint(self, name: str, discovery_key: str) -> str:
        value = getattr(settings, f"MOTCUA_OIDC_{name}")
        if value:
            return value
        value = self._discovery().get(discovery_key)
        if not value:
            raise SsoError(self._failed())
        return value

    def _failed(self) -> str:
        return MSG_FAILED.format(label=self.label)

    # the flow ------------------------------------------------------------------------------------
    def begin(self, request, *, redirect_uri: str) -> str:
        state = secrets.token_urlsafe(32)
        nonce = secrets.token_urlsafe(32)
        verifier = secrets.token_urlsafe(64)
        request.session[SESSION_KEY] = {"state": state, "nonce": nonce, "verifier": verifier}
        params = {
            "response_type": "code",
            "client_id": settings.MOTCUA_OIDC_CLIENT_ID,
            "redirect_uri": redirect_uri,
            "scope": settings.MOTCUA_OIDC_SCOPES,
            "state": state,
            "nonce": nonce,
            "code_challenge": _b64url(hashlib.sha256(verifier.encode("ascii")).digest()),
            "code_challenge_method": "S256",
        }
        endpoint = self._endpoint("AUTHORIZATION_ENDPOINT", "authorization_endpoint")
        separator = "&" if "?" in endpoint else "?"
        return f"{endpoint}{separator}{urllib.parse.urlencode(params)}"

    def complete(self, request, *, redirect_uri: str) -> SsoClaims:
        pending = request.session.pop(SESSION_KEY, None)
        state = request.GET.get("state", "")
        if not pending or not state or not secrets.compare_digest(state, pending["state"]):
            raise SsoError(
                "Phiên đăng nhập đã hết hạn hoặc không hợp lệ. Vui lòng thử lại. "
                "/ The sign-in session expired or is invalid. Please try again."
            )
        if request.GET.get("error"):
            raise SsoError(self._failed())
        code = request.GET.get("code", "")
        if not code:
            raise SsoError(self._failed())

        tokens = self._exchange(code, pending["verifier"], redirect_uri)
        id_claims = self._validate_id_token(tokens.get("id_token", ""), pending["nonce"])
        userinfo = self._userinfo(tokens.get("access_token", ""))
        if userinfo.get("sub") != id_claims["sub"]:
            raise SsoError(self._failed())
        return self._map({**id_claims, **userinfo})

    def _exchange(self, code: str, verifier: str, redirect_uri: str) -> dict:
        client_id = settings.MOTCUA_OIDC_CLIENT_ID
        secret = settings.MOTCUA_OIDC_CLIENT_SECRET
        body = urllib.parse.urlencode(
            {
                "grant_type": "authorization_code",
                "code": code,
                "redirect_uri": redirect_uri,
                "client_id": client_id,
                "code_verifier": verifier,
            }
        ).encode("ascii")
        basic = base64.b64encode(
            f"{urllib.parse.quote(client_id, safe='')}:{urllib.parse.quote(secret, safe='')}".encode()
        ).decode("ascii")
        request = urllib.request.Request(
            self._endpoint("TOKEN_ENDPOINT", "token_endpoint"),
            data=body,
            method="POST",
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Accept": "application/json",
                "Authorization": f"Basic {basic}",
            },
        )
        tokens = self._http_json(request)
        if not tokens.get("id_token") or not tokens.get("access_token"):
            raise SsoError(self._failed())
        return tokens

    def _validate_id_token(self, token: str, nonce: str) -> dict:
        try:
            alg = jwt.get_unverified_header(token).get("alg")
            if alg == "HS256":
                key = settings.MOTCUA_OIDC_CLIENT_SECRET
            elif alg in ASYMMETRIC:
                key = self._jwks_client().get_signing_key_from_jwt(token).key
            else:
                raise SsoError(self._failed())
            claims = jwt.decode(
                token,
                key,
                algorithms=[alg],
                audience=settings.MOTCUA_OIDC_CLIENT_ID,
                issuer=self._issuer(),
                leeway=60,
                options={"require": ["iss", "sub", "aud", "exp", "iat"]},
            )
        except jwt.PyJWTError as exc:
            raise SsoError(self._failed()) from exc
        if not secrets.compare_digest(str(claims.get("nonce", "")), nonce):
            raise SsoError(self._failed())
        aud = claims["aud"]
        if isinstance(aud, list) and len(aud) > 1 and claims.get("azp") != settings.MOTCUA_OIDC_CLIENT_ID:
            raise SsoError(self._failed())
        return claims

    def _jwks_client(self) -> jwt.PyJWKClient:
        uri = self._endpoint("JWKS_URI", "jwks_uri")
        client = _jwks_clients.get(uri)
        if client is None:
            client = _jwks_clients[uri] = jwt.PyJWKClient(uri, timeout=int(settings.MOTCUA_OIDC_TIMEOUT))
        return client

    def _userinfo(self, access_token: str) -> dict:
        request = urllib.request.Request(
            self._endpoint("USERINFO_ENDPOINT", "userinfo_endpoint"),
            headers={"Authorization": f"Bearer {access_token}", "Accept": "application/json"},
        )
        info = self._http_json(request)
        if not isinstance(info, dict):
            raise SsoError(self._failed())
        return info

    def _map(self, claims: dict) -> SsoClaims:
        address = claims.get("address") or ""
        if isinstance(address, dict):
            address = address.get("formatted", "")
        birthdate = None
        try:
            if claims.get("birthdate"):
                birthdate = date.fromisoformat(str(claims["birthdate"]))
        except ValueError:
            birthdate = None
        return SsoClaims(
            provider=self.slug,
            subject=str(claims["sub"]),
            id_number=str(claims.get(settings.MOTCUA_OIDC_ID_NUMBER_CLAIM) or ""),
            full_name=str(claims.get("name") or ""),
            email=str(claims.get("email") or "") if claims.get("email_verified", True) else "",
            phone=str(claims.get("phone_number") or ""),
            address=str(address),
            date_of_birth=birthdate,
        )
