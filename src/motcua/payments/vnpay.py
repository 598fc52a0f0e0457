"""VNPay 2.1.0: the signed payment URL, reading the return URL and the IPN, and `querydr` for
reconciliation (DOMAIN.md §7; VNPay's merchant integration guide, "Thanh toán Pay", version 2.1.0).

Signature: `vnp_SecureHash` = HMAC-SHA512(hash secret, the `vnp_*` parameters but vnp_SecureHash and
vnp_SecureHashType, sorted by name, each `name=value` with the value URL-encoded (spaces as "+"),
joined by "&"), in hex. Amounts travel ×100 (`vnp_Amount` = đồng × 100). Dates `yyyyMMddHHmmss` in
Vietnam time. A payment succeeded when `vnp_ResponseCode` and `vnp_TransactionStatus` are both "00".

The IPN (server to server, GET) is answered with JSON `{"RspCode", "Message"}`: 00 confirmed, 01 order
not found, 02 order already confirmed, 04 invalid amount, 97 invalid signature, 99 unknown error
(`IPN_MESSAGES`). `querydr` signs "|"-joined fields (QUERY_FIELDS / QUERY_ANSWER_FIELDS).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Mapping
from datetime import datetime, timedelta
from urllib.parse import quote_plus, urlencode
from zoneinfo import ZoneInfo

import httpx
from django.conf import settings
from pydantic import BaseModel, ConfigDict, Field, HttpUrl, SecretStr

from motcua.core import clock

from .registry import Callback, GatewayRecord

VN = ZoneInfo("Asia/Ho_Chi_Minh")
VERSION = "2.1.0"
SUCCESS = "00"
IPN_MESSAGES = {
    "00": "Confirm Success",
    "01": "Order not found",
    "02": "Order already confirmed",
    "04": "Invalid amount",
    "97": "Invalid signature",
    "99": "Unknown error",
}
QUERY_FIELDS = (
    "vnp_RequestId",
    "vnp_Version",
    "vnp_Command",
    "vnp_TmnCode",
    "vnp_TxnRef",
    "vnp_TransactionDate",
    "vnp_CreateDate",
    "vnp_IpAddr",
    "vnp_OrderInfo",
)
QUERY_ANSWER_FIELDS = (
    "vnp_ResponseId",
    "vnp_Command",
    "vnp_ResponseCode",
    "vnp_Message",
    "vnp_TmnCode",
    "vnp_TxnRef",
    "vnp_Amount",
    "vnp_BankCode",
    "vnp_PayDate",
    "vnp_TransactionNo",
    "vnp_TransactionType",
    "vnp_TransactionStatus",
    "vnp_OrderInfo",
    "vnp_PromotionCode",
    "vnp_PromotionAmount",
)


def vn_time(at: datetime) -> str:
    """`yyyyMMddHHmmss` in Asia/Ho_Chi_Minh (24-hour)."""
    return at.astimezone(VN).strftime("%Y%m%d%H%M%S")


def hash_data(params: Mapping[str, object]) -> str:
    """The signed text of a query: sorted `vnp_*` fields (not the hash ones, not empty), URL-encoded."""
    items = sorted(
        (k, str(v))
        for k, v in params.items()
        if k.startswith("vnp_") and k not in ("vnp_SecureHash", "vnp_SecureHashType") and str(v) != ""
    )
    return "&".join(f"{quote_plus(k)}={quote_plus(v)}" for k, v in items)


def hmac512(secret: str, text: str) -> str:
    return hmac.new(secret.encode(), text.encode("utf-8"), hashlib.sha512).hexdigest()


def sign(params: Mapping[str, object], secret: str) -> str:
    return hmac512(secret, hash_data(params))


def verify(params: Mapping[str, str], secret: str) -> bool:
    """Whether `vnp_SecureHash` is the query's signature (constant-time compare, case-insensitive)."""
    given = str(params.get("vnp_SecureHash") or "").lower()
    return bool(given) and hmac.compare_digest(given, sign(params, secret))


def signed_query(params: Mapping[str, object], secret: str) -> str:
    """The query string of `params` with its vnp_SecureHash appended."""
    ordered = sorted((k, str(v)) for k, v in params.items() if str(v) != "")
    return urlencode(ordered) + "&vnp_SecureHash=" + sign(params, secret)


def new_txn_ref(now: datetime) -> str:
    """A reference unique per attempt: MC + Vietnam time to the second + 8 random hex digits."""
    return f"MC{vn_time(now)}{secrets.token_hex(4).upper()}"


def ascii_text(text: str, limit: int = 255) -> str:
    """vnp_OrderInfo: Vietnamese without diacritics (the gateway's rule), no special characters."""
    from motcua.core.text import fold

    out = "".join(c if c.isalnum() or c in " -.:" else " " for c in fold(text))
    return " ".join(out.split())[:limit]


def amount_x100(amount_dong: int) -> str:
    return str(int(amount_dong) * 100)


def amount_dong(value) -> int | None:
    """vnp_Amount (×100) back to đồng; None when it is not a whole number of đồng."""
    try:
        raw = int(str(value))
    except (TypeError, ValueError):
        return None
    if raw < 0 or raw % 100:
        return None
    return raw // 100


class VnpayOptions(BaseModel):
    model_config = ConfigDict(frozen=True)

    tmn_code: str = Field(min_length=1, max_length=16)
    hash_secret: SecretStr
    pay_url: HttpUrl
    api_url: HttpUrl | None = None
    expire_minutes: int = Field(default=15, ge=5, le=24 * 60)
    timeout: float = Field(default=10.0, gt=0, le=120)


def options_from_settings() -> VnpayOptions | None:
    """MOTCUA_VNPAY_*; None (gateway off) while the pay URL is unset. pydantic.ValidationError when set
    but wrong (e.g. no hash secret)."""
    if not settings.MOTCUA_VNPAY_PAY_URL:
        return None
    return VnpayOptions(
        tmn_code=settings.MOTCUA_VNPAY_TMN_CODE,
        hash_secret=settings.MOTCUA_VNPAY_HASH_SECRET,
        pay_url=settings.MOTCUA_VNPAY_PAY_URL,
        api_url=settings.MOTCUA_VNPAY_API_URL or None,
        expire_minutes=settings.MOTCUA_VNPAY_EXPIRE_MINUTES,
    )


class VnpayGateway:
    name = "vnpay"
    online_flag = "2"  # DuocThanhToanTrucTuyen: paid through the province's gateway

    def __init__(self, options: VnpayOptions):
        if not options.hash_secret.get_secret_value():
            raise ValueError("MOTCUA_VNPAY_HASH_SECRET is required")
        self.options = options
        self.secret = options.hash_secret.get_secret_value()

    def expires_at(self, now: datetime) -> datetime:
        return now + timedelta(minutes=self.options.expire_minutes)

    def start(self, attempt, *, return_url: str) -> str:
        params = {
            "vnp_Version": VERSION,
            "vnp_Command": "pay",
            "vnp_TmnCode": self.options.tmn_code,
            "vnp_Amount": amount_x100(attempt.amount),
            "vnp_CurrCode": "VND",
            "vnp_TxnRef": attempt.txn_ref,
            "vnp_OrderInfo": ascii_text(f"Thanh toan phi, le phi ho so {attempt.dossier.code}"),
            "vnp_OrderType": "other",
            "vnp_Locale": "vn",
            "vnp_ReturnUrl": return_url,
            "vnp_IpAddr": attempt.client_ip or "127.0.0.1",
            "vnp_CreateDate": vn_time(attempt.created_at),
            "vnp_ExpireDate": vn_time(attempt.expires_at),
        }
        return f"{self.options.pay_url}?{signed_query(params, self.secret)}"

    def read_callback(self, params: Mapping[str, str]) -> Callback:
        ok = verify(params, self.secret) and params.get("vnp_TmnCode") == self.options.tmn_code
        return Callback(
            signature_ok=ok,
            txn_ref=str(params.get("vnp_TxnRef") or "")[:64],
            amount=amount_dong(params.get("vnp_Amount")),
            success=params.get("vnp_ResponseCode") == SUCCESS
            and params.get("vnp_TransactionStatus", SUCCESS) == SUCCESS,
            response_code=str(params.get("vnp_ResponseCode") or "")[:8],
            transaction_no=str(params.get("vnp_TransactionNo") or "")[:64],
            bank_code=str(params.get("vnp_BankCode") or "")[:32],
            raw=dict(params),
        )

    def query(self, attempt) -> GatewayRecord | None:
        """`querydr`: the gateway's record of the attempt (None when it has none, code 91)."""
        if self.options.api_url is None:
            return None
        now = clock.now()
        body = {
            "vnp_RequestId": secrets.token_hex(8),
            "vnp_Version": VERSION,
            "vnp_Command": "querydr",
            "vnp_TmnCode": self.options.tmn_code,
            "vnp_TxnRef": attempt.txn_ref,
            "vnp_OrderInfo": ascii_text(f"Doi soat {attempt.txn_ref}"),
            "vnp_TransactionDate": vn_time(attempt.created_at),
            "vnp_CreateDate": vn_time(now),
            "vnp_IpAddr": "127.0.0.1",
        }
        body["vnp_SecureHash"] = hmac512(self.secret, "|".join(str(body[f]) for f in QUERY_FIELDS))
        answer = httpx.post(str(self.options.api_url), json=body, timeout=self.options.timeout).json()
        expected = hmac512(self.secret, "|".join(str(answer.get(f, "")) for f in QUERY_ANSWER_FIELDS))
        if not hmac.compare_digest(str(answer.get("vnp_SecureHash", "")).lower(), expected):
            raise ValueError("querydr answer: invalid signature")
        if answer.get("vnp_ResponseCode") == "91":
            return None
        return GatewayRecord(
            txn_ref=attempt.txn_ref,
            paid=answer.get("vnp_TransactionStatus") == SUCCESS,
            amount=amount_dong(answer.get("vnp_Amount")),
            transaction_no=str(answer.get("vnp_TransactionNo") or ""),
            status_code=str(answer.get("vnp_TransactionStatus") or ""),
        )


def from_settings() -> VnpayGateway | None:
    options = options_from_settings()
    return VnpayGateway(options) if options is not None else None
