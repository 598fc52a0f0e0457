"""The records the national portal takes, built from one dossier event (DOMAIN.md §7 field names).

The record describes the dossier *as that event left it*: the status is the event's national status
(5 after a supplement request, 6 after a payment request, 8 after a stop — never rewritten as 9), the
due date the event's. Dates are `yyyyMMddHHmmss`, 24-hour, in Asia/Ho_Chi_Minh. ID numbers are the
applicant's real ones, or absent; never a placeholder. `MaSuKien` ("<code>:<seq>") identifies the
event so the portal can drop a repeat (the relay delivers at least once).
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from django.db.models import Q

from motcua.accounts.models import SsoIdentity
from motcua.catalog import eform_schema
from motcua.dossiers.models import Dossier, DossierEvent
from motcua.dossiers.states import NationalStatus, channel_national_code
from motcua.organizations.models import ApplicantKind, Role

VN = ZoneInfo("Asia/Ho_Chi_Minh")
DATE_FORMAT = "%Y%m%d%H%M%S"  # 24-hour: %H, never %I

# LoaiDoiTuong: 1 citizen, 2 business, 3 state agency, 4 other organisation.
_APPLICANT_KIND = {ApplicantKind.CITIZEN: "1", ApplicantKind.ORGANISATION: "2"}
# HinhThuc (how the result is returned): 1 at the desk, 2 by post, 3 electronically.
_RETURN_CHANNEL = {"desk": "1", "post": "2", "electronic": "3"}


def portal_date(value: datetime | None) -> str:
    """`yyyyMMddHHmmss` in Vietnam time ("" for None)."""
    return value.astimezone(VN).strftime(DATE_FORMAT) if value else ""


def event_id(code: str, seq: int) -> str:
    return f"{code}:{seq}"


_RELATED = (
    "dossier__applicant__user",
    "dossier__procedure_version__procedure",
    "dossier__procedure_version__sector",
    "dossier__competent_agency",
    "dossier__receiving_agency",
    "agency",
)
_PREFETCH = ("dossier__components__files", "dossier__fees", "dossier__pauses", "dossier__results")


def load_event(code: str, seq: int) -> DossierEvent:
    """The event with its dossier and everything the records read (raises DossierEvent.DoesNotExist)."""
    found = load_events([(code, seq)])
    if (code, seq) not in found:
        raise DossierEvent.DoesNotExist(f"{code}:{seq}")
    return found[(code, seq)]


def load_events(keys: list[tuple[str, int]]) -> dict[tuple[str, int], DossierEvent]:
    """Events by (dossier code, seq), loaded together with what the records read (a fixed number of
    queries whatever the count), each annotated with `previous_status` (the national status of the
    event before it, None for the first) and `vneid` (the applicant's account has an OIDC identity)."""
    if not keys:
        return {}
    ids = dict(Dossier.objects.filter(code__in={code for code, _ in keys}).values_list("code", "id"))
    match = Q()
    for code, seq in keys:
        if code in ids:
            match |= Q(dossier_id=ids[code], seq=seq)  # the (dossier, seq) unique index, one probe each
    if not match:
        return {}
    events = list(DossierEvent.objects.filter(match).select_related(*_RELATED).prefetch_related(*_PREFETCH))
    before = Q()
    for e in events:
        before |= Q(dossier_id=e.dossier_id, seq=e.seq - 1)
    previous = (
        {
            (dossier_id, seq): status
            for dossier_id, seq, status in DossierEvent.objects.filter(before).values_list(
                "dossier_id", "seq", "national_status"
            )
        }
        if events
        else {}
    )
    user_ids = {e.dossier.applicant.user_id for e in events if e.dossier.applicant.user_id}
    linked = set(SsoIdentity.objects.filter(user_id__in=user_ids).values_list("user_id", flat=True))
    for e in events:
        e.previous_status = previous.get((e.dossier_id, e.seq - 1))
        e.vneid = e.dossier.applicant.user_id in linked
    return {(e.dossier.code, e.seq): e for e in events}


def status_changed(event: DossierEvent) -> bool:
    """Creation, or a national status different from the previous event's."""
    return event.seq <= 1 or event.previous_status != event.national_status


def _identities(applicant) -> list[dict]:
    ids = []
    if applicant.id_number:
        ids.append({"LoaiDinhDanh": "1", "SoDinhDanh": applicant.id_number})  # personal ID number
    if applicant.tax_code:
        ids.append({"LoaiDinhDanh": "2", "SoDinhDanh": applicant.tax_code})  # enterprise/tax code
    return ids


def _online_payment(dossier: Dossier) -> str:
    """DuocThanhToanTrucTuyen: 1 when a fee was paid on the national payment platform, 2 through the
    province's gateway (VNPay), 0 otherwise (paid at the desk, or nothing paid) — read from the fee
    lines' payment references ("<gateway>:<txn_ref>", payments.services.online_flag)."""
    from motcua.payments.services import online_flag

    flags = {online_flag(f.payment_reference) for f in dossier.fees.all() if f.paid_at}
    return "1" if "1" in flags else "2" if "2" in flags else "0"


def _documents(components) -> list[dict]:
    """`TaiLieuNop`: one entry per file, each naming its dossier component (`MaThanhPhanHoSo` the
    catalogue position, `TenThanhPhanHoSo` its name); a component without a file (taken from a data
    store, or on paper) one entry without `TenTepDinhKem`. File contents are not sent."""
    out = []
    for c in components:
        common = {
            "MaThanhPhanHoSo": str(c.position),
            "TenThanhPhanHoSo": c.name,
            "DuocSoHoa": "1" if c.digitised else "0",
            "DuocTaiSuDung": "1" if c.reused_from_store else "0",
            "DuocLayTuKhoDMQG": "1" if c.reused_from_store else "0",
            "MaKetQuaThayThe": "",
        }
        files = sorted(c.files.all(), key=lambda f: f.pk)
        if not files:
            out.append({"TenTepDinhKem": "", **common})
        out += [{"TenTepDinhKem": f.original_name, **common} for f in files]
    return out


def _eform(data) -> dict:
    """`DuLieuBieuMau`: the e-form's fields as filed (the system's reserved `_` keys left out)."""
    return {k: v for k, v in (data or {}).items() if not str(k).startswith(eform_schema.RESERVED_PREFIX)}


def _result_link(code: str, result) -> str:
    from urllib.parse import urlencode

    from django.conf import settings

    return f"{settings.MOTCUA_PUBLIC_URL}/xac-thuc/?{urlencode({'ma': code, 'kq': result.pk})}"


def dossier_record(event: DossierEvent) -> dict:
    """The `DongBoHoSoMC` record for the dossier as `event` left it."""
    d = event.dossier
    version = d.procedure_version
    applicant = d.applicant
    components = list(d.components.all())
    status = int(event.national_status)
    # NgayKetThucXuLy: the end of processing (or of the withdrawal / stop / refusal), not the return
    finished = None
    if status in {3, 7, 8, 9, 10}:
        finished = d.finished_at if d.finished_at and d.finished_at <= event.at else event.at
    identities = _identities(applicant)
    record = {
        "MaSuKien": event_id(d.code, event.seq),
        "MaHoSo": d.code,
        "MaTTHC": version.procedure.code,
        "TenTTHC": version.name,
        "MaLinhVuc": version.sector.code,
        "TenLinhVuc": version.sector.name,
        "KenhThucHien": channel_national_code(d.channel),
        "ChuHoSo": applicant.full_name,
        "LoaiDoiTuong": _APPLICANT_KIND.get(applicant.kind, "4"),
        "MaDoiTuong": applicant.id_number or applicant.tax_code,
        "SoGiayToChuHoSo": applicant.id_number or applicant.tax_code,
        "DinhDanhCHS": identities,
        "Email": applicant.email,
        "SoDienThoai": applicant.phone,
        "TrichYeuHoSo": d.summary or version.name,
        "NoiNopHoSo": d.receiving_agency.identifier,
        "NgayNopHoSo": portal_date(d.submitted_at or d.received_at),
        "NgayTiepNhan": portal_date(d.received_at if d.received_at and d.received_at <= event.at else None),
        "NgayHenTra": portal_date(event.due_at),
        "TrangThaiHoSo": str(status),
        "NgayTuChoi": portal_date(event.at if status == NationalStatus.NOT_RECEIVED else None),
        "NgayKetThucXuLy": portal_date(finished),
        "NgayTra": portal_date(event.at if status == NationalStatus.RETURNED else None),
        "HinhThuc": _RETURN_CHANNEL.get(d.return_channel or d.requested_return_channel, ""),
        "DonViXuLy": d.competent_agency.identifier,  # the competent agency's identifier (issue 12)
        "TaiLieuNop": _documents(components),
        "DuLieuBieuMau": _eform(d.eform_data),
        "DanhSachLePhi": [
            {"TenPhiLePhi": f.name or f.description or f.kind, "LoaiPhiLePhi": f.kind, "Gia": f.amount}
            for f in d.fees.all()
        ],
        "DanhSachHoSoBoSung": [
            # issue 12 / DOMAIN.md §7: NgayBoSung when it was requested, NgayTiepNhanBoSung when it arrived
            {
                "NgayBoSung": portal_date(p.started_at),
                "NgayTiepNhanBoSung": portal_date(
                    p.ended_at if p.ended_at and p.ended_at <= event.at else None
                ),
                "LyDo": p.reason,
            }
            for p in d.pauses.all()
            if p.started_at <= event.at
        ],
        "DanhSachGiayToKetQua": [
            {
                "TenGiayTo": r.name,
                "SoKyHieu": r.number,
                "MaGiayToKetQua": r.number,
                # the e-result's public verification link (motcua/results, /xac-thuc/)
                "DuongDanTepKetQua": _result_link(d.code, r) if r.file else "",
            }
            for r in d.results.all()
            if r.issued_at <= event.at
        ],
        "DuocThanhToanTrucTuyen": _online_payment(d),
        "HoSoCoThanhPhanSoHoa": "1" if any(c.digitised for c in components) else "0",
        # the whole dossier digitised: every component scanned at the desk (motcua/results "digitise")
        "DuocSoHoa": "1" if components and all(c.digitised for c in components) else "0",
        "TaiKhoanDuocXacThucVoiVNeID": (
            "1"
            if applicant.user_id and SsoIdentity.objects.filter(user_id=applicant.user_id).exists()
            else "0"
        ),
        "DSKetNoiCSDL": [],
    }
    return record


def progress_record(event: DossierEvent) -> dict:
    """The `CapNhatTienDoHoSoMC` record of one processing event."""
    roles = dict(Role.choices)
    return {
        "MaSuKien": event_id(event.dossier.code, event.seq),
        "MaHoSo": event.dossier.code,
        "NguoiXuLy": event.actor_name,
        "ChucDanh": roles.get(event.role, "Công dân" if event.role == "applicant" else event.role),
        "ThoiDiemXuLy": portal_date(event.at),
        "PhongBanXuLy": event.agency.name if event.agency_id else "",
        "NoiDungXuLy": event.public_text or event.action,  # internal comments stay inside
        "TrangThai": str(event.national_status),
        "NgayBatDau": portal_date(event.at),
        "NgayKetThucTheoQuyDinh": portal_date(event.next_step_due_at or event.due_at),
    }
