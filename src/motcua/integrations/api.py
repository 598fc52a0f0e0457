"""`POST /api/v1/integrations/dvcqg/dossiers`: a dossier forwarded by the national portal (one
`DongBoHoSoMC` record with its files), for the portal's integration account only (bearer token of an
account holding `integrations.receive_national_dossiers`). The router only translates: the service is
`national_portal.inbound.receive_national_dossier`."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Status
from pydantic import BaseModel, ConfigDict, Field

from motcua.api.auth import bearer_auth
from motcua.api.errors import ApiError
from motcua.api.openapi import operation_doc, write_body
from motcua.core.bad_input import InputRefused, request_json

from .national_portal.inbound import InboundRefused, receive_national_dossier

router = Router(tags=["integrations"])

_DATE = r"^[0-9]{14}$"


class TaiLieuNopIn(BaseModel):
    """One submitted document: the catalogue component it belongs to and its file (base64 content, or
    a URL under an allow-listed prefix)."""

    model_config = ConfigDict(extra="allow", title="TaiLieuNopIn")

    TenTepDinhKem: str | None = Field(None, max_length=255, description="file name")
    MaThanhPhanHoSo: str | None = Field(None, max_length=20, description="catalogue component position")
    TenThanhPhanHoSo: str | None = Field(None, max_length=500, description="component name (if no position)")
    NoiDungTep: str | None = Field(None, description="the file, base64")
    DuongDanTaiTepTin: str | None = Field(None, max_length=2000, description="the file's URL (allow-listed)")
    DuocSoHoa: str | None = Field(None, description='"1" digitised')
    DuocTaiSuDung: str | None = Field(None, description='"1" reused')
    DuocLayTuKhoDMQG: str | None = Field(None, description='"1" taken from the national data store')


class DinhDanhIn(BaseModel):
    model_config = ConfigDict(extra="allow", title="DinhDanhIn")

    LoaiDinhDanh: str | None = None
    SoDinhDanh: str | None = None


class LePhiIn(BaseModel):
    model_config = ConfigDict(extra="allow", title="LePhiIn")

    TenPhiLePhi: str | None = None
    LoaiPhiLePhi: str | None = None
    Gia: int | str | None = None


class DongBoHoSoMCIn(BaseModel):
    """A national-portal dossier sync record (DOMAIN.md §7 field names; docs/integrations.md, "Inbound
    dossiers"). Dates `yyyyMMddHHmmss`, 24-hour, Vietnam time. Every problem is listed in the 422."""

    model_config = ConfigDict(extra="allow", title="DongBoHoSoMCIn")

    MaHoSo: str = Field(max_length=40, description="the portal's dossier code, kept as ours")
    MaTTHC: str = Field(max_length=40, description="procedure code in force")
    TrichYeuHoSo: str | None = Field(None, max_length=500)
    ChuHoSo: str = Field(max_length=255)
    LoaiDoiTuong: str | None = Field(None, description="1 citizen, 2 business, 3 state agency, 4 other")
    SoGiayToChuHoSo: str | None = Field(None, max_length=20)
    MaDoiTuong: str | None = Field(None, max_length=20)
    DinhDanhCHS: list[DinhDanhIn] | None = None
    Email: str | None = Field(None, max_length=254)
    SoDienThoai: str | None = Field(None, max_length=20)
    DonViXuLy: str = Field(max_length=255, description="competent agency identifier")
    NoiNopHoSo: str | None = Field(None, max_length=255, description="receiving agency identifier")
    KenhThucHien: str | None = Field(None, description='"2" (online) or absent')
    TrangThaiHoSo: str | None = Field(None, description='"1" (new) or absent')
    NgayNopHoSo: str | None = Field(None, pattern=_DATE)
    NgayHenTra: str | None = Field(None, pattern=_DATE)
    TaiLieuNop: list[TaiLieuNopIn] | None = None
    DanhSachLePhi: list[LePhiIn] | None = None
    DuocThanhToanTrucTuyen: str | None = None
    DuLieuBieuMau: dict | None = Field(None, description="the e-form's data (the procedure's schema)")


class InboundDossierOut(BaseModel):
    model_config = ConfigDict(title="InboundDossierOut")

    code: str
    state: str
    national_status: int
    channel: str
    receiving_agency: str
    created: bool
    files: int


@router.post(
    "/dvcqg/dossiers",
    auth=bearer_auth,
    response={200: InboundDossierOut, 201: InboundDossierOut},
    openapi_extra=operation_doc(400, 401, 403, 409, 413, 415, 422, body=write_body(DongBoHoSoMCIn)),
)
def receive_dossier(request: HttpRequest):
    """A dossier forwarded by the national portal: created on the channel "national portal" with the
    portal's code, waiting for receipt at the desk. The same record again answers 200 with the same
    dossier; a changed record with the same code 409 `record_changed`; a malformed one 422
    `invalid_record` listing every problem (`problems`: field path, code, vi, en)."""
    if request.content_type != "application/json":
        raise ApiError(
            415,
            "unsupported_media_type",
            "Kiểu nội dung không được hỗ trợ; gửi application/json.",
            "Unsupported content type; send application/json.",
        )
    try:
        data = request_json(request)
    except InputRefused as exc:
        r = exc.refusal
        raise ApiError(r.status, r.code, r.detail, r.detail_en) from None
    except ValueError:
        raise ApiError(
            400, "invalid_json", "Nội dung JSON không hợp lệ.", "The body is not valid JSON."
        ) from None
    if not isinstance(data, dict):
        raise ApiError(
            400, "invalid_json", "Nội dung phải là một đối tượng JSON.", "The body must be a JSON object."
        )
    try:
        result = receive_national_dossier(data, request.auth)
    except InboundRefused as exc:
        extra = {"problems": exc.problems} if exc.problems else {}
        raise ApiError(exc.status, exc.code, exc.message_vi, exc.message_en, **extra) from None
    d = result.dossier
    body = {
        "code": d.code,
        "state": d.state,
        "national_status": int(d.national_status),
        "channel": d.channel,
        "receiving_agency": d.receiving_agency.identifier,
        "created": result.created,
        "files": sum(1 for _ in d.components.values_list("files", flat=True).exclude(files=None)),
    }
    return Status(201 if result.created else 200, body)
