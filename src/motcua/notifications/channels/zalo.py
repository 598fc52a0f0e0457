"""Zalo OA notifications through Zalo's ZNS template-message API (messages to a phone number, with a
template Zalo approved beforehand: Zalo does not deliver free text to people who never wrote to the OA).

Protocol (developers.zalo.me, "Zalo Notification Service"): `POST MOTCUA_ZALO_URL` (by default
https://business.openapi.zalo.me/message/template), header `access_token: MOTCUA_ZALO_ACCESS_TOKEN`,
JSON `{"phone": "84912345678", "template_id": "...", "template_data": {...}, "tracking_id": "<our
message id>"}` → `{"error": 0, "message": "Success", "data": {"msg_id": "...", "sent_time": "..."}}`.
Success is `error` == 0 only. The template of each kind is MOTCUA_ZALO_TEMPLATE_IDS
(`kind=template_id,...`); its parameters are our placeholders (`kinds.PLACEHOLDERS`), so register the
templates at Zalo with those names. A kind without a template, or an error code listed in
MOTCUA_ZALO_PERMANENT_CODES (no Zalo account for the number, …; verify the list against Zalo's
error table), makes the message dead at once; anything else is retried with backoff.
The access token expires (Zalo's OAuth refresh): refreshing it is the operator's job, documented in
docs/integrations.md.
"""

from __future__ import annotations

import httpx
from django.conf import settings
from pydantic import BaseModel, ConfigDict, Field, HttpUrl, SecretStr

from .http import codes, post_json
from .registry import ChannelError, phone_e164_vn


class ZaloOptions(BaseModel):
    model_config = ConfigDict(frozen=True)

    url: HttpUrl
    access_token: SecretStr
    template_ids: dict[str, str] = {}
    timeout: float = Field(default=10.0, gt=0, le=120)
    permanent_codes: list[str] = []


def parse_template_ids(value: str) -> dict[str, str]:
    """`received=231,apology=232` → {"received": "231", "apology": "232"}; ValueError when malformed."""
    out = {}
    for item in codes(value):
        kind, sep, template_id = item.partition("=")
        if not sep or not kind.strip() or not template_id.strip():
            raise ValueError(f"MOTCUA_ZALO_TEMPLATE_IDS: expected kind=template_id, got {item!r}")
        out[kind.strip()] = template_id.strip()
    return out


class ZaloChannel:
    name = "zalo"
    address_kind = "phone"

    def __init__(self, options: ZaloOptions, http: httpx.Client | None = None):
        self.options = options
        self.http = http or httpx.Client(timeout=options.timeout, headers={"Accept": "application/json"})

    def close(self) -> None:
        self.http.close()

    def body(self, message) -> dict:
        template_id = self.options.template_ids.get(message.kind)
        if not template_id:
            raise ChannelError("zalo:no_template", f"no ZNS template for {message.kind}", permanent=True)
        data = {k: str(v)[:200] for k, v in (message.context or {}).items() if v not in (None, "")}
        return {
            "phone": phone_e164_vn(message.address),
            "template_id": template_id,
            "template_data": data,
            "tracking_id": str(message.pk),
        }

    def send(self, message) -> str:
        body = self.body(message)
        headers = {"access_token": self.options.access_token.get_secret_value()}
        answer = post_json(self.http, "zalo", str(self.options.url), body, headers)
        code = str(answer.get("error", "")).strip()
        if code != "0":
            raise ChannelError(
                f"zalo:error:{code or 'missing'}",
                str(answer.get("message", ""))[:500],
                permanent=code in self.options.permanent_codes,
            )
        data = answer.get("data") if isinstance(answer.get("data"), dict) else {}
        return str(data.get("msg_id") or "")[:128]


def options_from_settings() -> ZaloOptions | None:
    """None (Zalo off) while MOTCUA_ZALO_ACCESS_TOKEN is unset; ValueError/ValidationError when wrong."""
    if not settings.MOTCUA_ZALO_ACCESS_TOKEN:
        return None
    return ZaloOptions(
        url=settings.MOTCUA_ZALO_URL,
        access_token=settings.MOTCUA_ZALO_ACCESS_TOKEN,
        template_ids=parse_template_ids(settings.MOTCUA_ZALO_TEMPLATE_IDS),
        timeout=settings.MOTCUA_ZALO_TIMEOUT,
        permanent_codes=codes(settings.MOTCUA_ZALO_PERMANENT_CODES),
    )


def from_settings() -> ZaloChannel | None:
    options = options_from_settings()
    return ZaloChannel(options) if options else None
