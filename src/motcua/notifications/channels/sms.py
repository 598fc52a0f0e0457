"""SMS through a generic HTTP SMS gateway (the shape most Vietnamese brandname-SMS providers offer;
adapt the few field names in `SmsChannel.body` for a provider that differs).

Protocol: `POST MOTCUA_SMS_URL`, header `Authorization: Bearer MOTCUA_SMS_TOKEN`, JSON
`{"to": "84912345678", "text": "...", "sender": MOTCUA_SMS_SENDER, "ref": "<our message id>"}` →
HTTP 200 `{"error_code": "0", "message_id": "..."}`. Success is `error_code` 0/"0"/"00" only (never
the message text); a code listed in MOTCUA_SMS_PERMANENT_CODES (e.g. an invalid number) makes the
message dead at once, every other failure is retried with backoff. `ref` lets the provider's
reports be matched to our log.
"""

from __future__ import annotations

import httpx
from django.conf import settings
from pydantic import BaseModel, ConfigDict, Field, HttpUrl, SecretStr

from .http import codes, post_json
from .registry import ChannelError, phone_e164_vn

SUCCESS = {"0", "00"}


class SmsOptions(BaseModel):
    model_config = ConfigDict(frozen=True)

    url: HttpUrl
    token: SecretStr
    sender: str = Field(min_length=1, max_length=11)  # a brandname is at most 11 characters
    timeout: float = Field(default=10.0, gt=0, le=120)
    permanent_codes: list[str] = []


class SmsChannel:
    name = "sms"
    address_kind = "phone"

    def __init__(self, options: SmsOptions, http: httpx.Client | None = None):
        self.options = options
        self.http = http or httpx.Client(timeout=options.timeout, headers={"Accept": "application/json"})

    def close(self) -> None:
        self.http.close()

    def body(self, message) -> dict:
        return {
            "to": phone_e164_vn(message.address),
            "text": message.text,
            "sender": self.options.sender,
            "ref": str(message.pk),
        }

    def send(self, message) -> str:
        headers = {"Authorization": f"Bearer {self.options.token.get_secret_value()}"}
        answer = post_json(self.http, "sms", str(self.options.url), self.body(message), headers)
        code = str(answer.get("error_code", "")).strip()
        if code not in SUCCESS:
            raise ChannelError(
                f"sms:error_code:{code or 'missing'}",
                str(answer.get("message", ""))[:500],
                permanent=code in self.options.permanent_codes,
            )
        return str(answer.get("message_id") or "")[:128]


def options_from_settings() -> SmsOptions | None:
    """None (SMS off) while MOTCUA_SMS_URL is unset; pydantic.ValidationError when set but wrong."""
    if not settings.MOTCUA_SMS_URL:
        return None
    return SmsOptions(
        url=settings.MOTCUA_SMS_URL,
        token=settings.MOTCUA_SMS_TOKEN,
        sender=settings.MOTCUA_SMS_SENDER,
        timeout=settings.MOTCUA_SMS_TIMEOUT,
        permanent_codes=codes(settings.MOTCUA_SMS_PERMANENT_CODES),
    )


def from_settings() -> SmsChannel | None:
    options = options_from_settings()
    return SmsChannel(options) if options else None
