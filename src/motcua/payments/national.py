"""A plugin shaped like the national payment platform (Nền tảng thanh toán trên Cổng DVCQG), as seen in a
provincial integration (DOMAIN.md §7; the exact official spec is not public here, so the field names are
those seen and the transport is kept behind the port).

- `init_message(attempt)`: the INIT message — LoaiBanTin, PhienBan, MaDoiTac, MaThamChieu, SoTien,
  LoaiHinhThanhToan="PAY", MaKenhThanhToan, NgonNgu="vi-VN", MaTienTe="VND", ThongTinGiaoDich,
  ThoiGianGD (yyyyMMddHHmmss, Vietnam time), Ip — with MaXacThuc = SHA-256 (hex) of those fields' values
  in that order joined by "|", then "|" and the shared secret; and the receipt block ThongTinBienLai
  (procedure, agency, dossier code, payer, fee lines), which is not signed.
- `start`: the platform's payment address with the INIT message as its query.
- `read_callback`: the platform's confirmation (MaThamChieu, SoTien, MaGiaoDich, TrangThai "00" paid,
  ThoiGianGD, MaXacThuc over those fields and the secret), verified like VNPay's IPN (same answers).

A payment through it marks the dossier DuocThanhToanTrucTuyen = 1.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Mapping
from datetime import datetime, timedelta
from urllib.parse import urlencode

from django.conf import settings
from pydantic import BaseModel, ConfigDict, Field, HttpUrl, SecretStr

from .registry import Callback
from .vnpay import VN, ascii_text

VERSION = "1.0.0"
INIT_FIELDS = (
    "LoaiBanTin",
    "PhienBan",
    "MaDoiTac",
    "MaThamChieu",
    "SoTien",
    "LoaiHinhThanhToan",
    "MaKenhThanhToan",
    "NgonNgu",
    "MaTienTe",
    "ThongTinGiaoDich",
    "ThoiGianGD",
    "Ip",
)
CONFIRM_FIELDS = ("MaDoiTac", "MaThamChieu", "SoTien", "MaGiaoDich", "TrangThai", "ThoiGianGD")


def vn_time(at: datetime) -> str:
    return at.astimezone(VN).strftime("%Y%m%d%H%M%S")


def checksum(values: Mapping[str, object], fields: tuple[str, ...], secret: str) -> str:
    """MaXacThuc: SHA-256 hex of the fields' values joined by "|", then "|" + the secret."""
    text = "|".join(str(values.get(f, "")) for f in fields) + "|" + secret
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class NationalOptions(BaseModel):
    model_config = ConfigDict(frozen=True)

    url: HttpUrl
    partner_code: str = Field(min_length=1, max_length=32)
    secret: SecretStr
    expire_minutes: int = Field(default=15, ge=5, le=24 * 60)


class NationalPaymentGateway:
    name = "national"
    online_flag = "1"  # DuocThanhToanTrucTuyen: paid on the national platform

    def __init__(self, options: NationalOptions):
        if not options.secret.get_secret_value():
            raise ValueError("MOTCUA_NPP_SECRET is required")
        self.options = options
        self.secret = options.secret.get_secret_value()

    def expires_at(self, now: datetime) -> datetime:
        return now + timedelta(minutes=self.options.expire_minutes)

    def init_message(self, attempt) -> dict:
        d = attempt.dossier
        applicant = d.applicant
        message = {
            "LoaiBanTin": "INIT",
            "PhienBan": VERSION,
            "MaDoiTac": self.options.partner_code,
            "MaThamChieu": attempt.txn_ref,
            "SoTien": str(attempt.amount),
            "LoaiHinhThanhToan": "PAY",
            "MaKenhThanhToan": "1",
            "NgonNgu": "vi-VN",
            "MaTienTe": "VND",
            "ThongTinGiaoDich": ascii_text(f"Thanh toan phi, le phi ho so {d.code}"),
            "ThoiGianGD": vn_time(attempt.created_at),
            "Ip": attempt.client_ip or "127.0.0.1",
        }
        message["MaXacThuc"] = checksum(message, INIT_FIELDS, self.secret)
        message["ThongTinBienLai"] = {
            "MaThuTuc": d.procedure_version.procedure.code,
            "TenThuTuc": d.procedure_version.name,
            "MaCoQuan": d.receiving_agency.identifier,
            "TenCoQuan": d.receiving_agency.name,
            "MaHoSo": d.code,
            "NguoiNop": {"HoTen": applicant.full_name, "SoDinhDanh": applicant.id_number},
            "DanhSachKhoanPhi": [
                {"TenKhoanPhi": line["name"], "SoTien": line["amount"]} for line in attempt.lines
            ],
        }
        return message

    def start(self, attempt, *, return_url: str) -> str:
        message = self.init_message(attempt)
        query = {k: v for k, v in message.items() if k != "ThongTinBienLai"}
        query["ThongTinBienLai"] = json.dumps(message["ThongTinBienLai"], ensure_ascii=False)
        query["UrlTraVe"] = return_url
        return f"{self.options.url}?{urlencode(query)}"

    def read_callback(self, params: Mapping[str, str]) -> Callback:
        given = str(params.get("MaXacThuc") or "").lower()
        ok = (
            bool(given)
            and hmac.compare_digest(given, checksum(params, CONFIRM_FIELDS, self.secret))
            and params.get("MaDoiTac") == self.options.partner_code
        )
        try:
            amount = int(str(params.get("SoTien")))
        except (TypeError, ValueError):
            amount = None
        return Callback(
            signature_ok=ok,
            txn_ref=str(params.get("MaThamChieu") or "")[:64],
            amount=amount,
            success=params.get("TrangThai") == "00",
            response_code=str(params.get("TrangThai") or "")[:8],
            transaction_no=str(params.get("MaGiaoDich") or "")[:64],
            raw=dict(params),
        )

    def query(self, attempt):
        return None  # the platform's reconciliation file is not public here


def from_settings() -> NationalPaymentGateway | None:
    if not settings.MOTCUA_NPP_URL:
        return None
    return NationalPaymentGateway(
        NationalOptions(
            url=settings.MOTCUA_NPP_URL,
            partner_code=settings.MOTCUA_NPP_PARTNER_CODE,
            secret=settings.MOTCUA_NPP_SECRET,
        )
    )
