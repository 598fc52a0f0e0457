"""National-portal `DongBoHoSoMC` records for tests (DOMAIN.md §7 field names): a new dossier as the
portal forwards it, and whole histories as another system exported them (for the import)."""

from __future__ import annotations

import base64
import random
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from motcua.catalog.models import Component

VN = ZoneInfo("Asia/Ho_Chi_Minh")
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def portal_date(value: datetime | None) -> str:
    return value.astimezone(VN).strftime("%Y%m%d%H%M%S") if value else ""


def mandatory(procedure) -> list[int]:
    return list(
        Component.objects.filter(
            version__procedure=procedure, version__status="published", mandatory=True
        ).values_list("position", flat=True)
    )


def citizen_id(n: int) -> str:
    return f"{(1_000_000_000 + n) % 10**12:012d}"


def new_dossier_record(
    world, code: str = "G22.99-261129-0001", *, id_number: str = "001090000123", **extra
) -> dict:
    """A new online dossier as the national portal forwards it, each mandatory component with a small
    PDF as base64."""
    record = {
        "MaHoSo": code,
        "MaTTHC": world.procedure.code,
        "TrichYeuHoSo": "Cấp giấy xác nhận (nộp trên Cổng DVCQG)",
        "ChuHoSo": "Lê Văn Cường",
        "LoaiDoiTuong": "1",
        "SoGiayToChuHoSo": id_number,
        "Email": "cuong@example.vn",
        "SoDienThoai": "0912345678",
        "DonViXuLy": world.department.identifier,
        "NoiNopHoSo": world.centre.identifier,
        "KenhThucHien": "2",
        "TrangThaiHoSo": "1",
        "NgayNopHoSo": "20260302083000",
        "DuLieuBieuMau": {"ho_ten": "Lê Văn Cường"},
        "TaiLieuNop": [
            {
                "TenTepDinhKem": f"thanh-phan-{p}.pdf",
                "MaThanhPhanHoSo": str(p),
                "NoiDungTep": base64.b64encode(PDF).decode(),
                "DuocSoHoa": "1",
            }
            for p in mandatory(world.procedure)
        ],
        "DanhSachLePhi": [{"TenPhiLePhi": "Lệ phí", "LoaiPhiLePhi": "fee", "Gia": 8000}],
        "DuocThanhToanTrucTuyen": "0",
    }
    record.update(extra)
    return record


def history_record(
    world,
    n: int,
    status: int,
    *,
    start: datetime,
    rounds: int = 0,
    open_round: bool = False,
    channel: str = "2",
    late: bool = False,
) -> dict:
    """A dossier's whole life as another system synced it: received at `start` (a weekday morning),
    `rounds` supplement rounds of a day each (the last one still open with `open_round`), then the
    end its `status` says, one working week after receipt (after the due date when `late`)."""
    received = start
    submitted = received - timedelta(hours=1) if channel == "2" else received
    due = received + timedelta(days=7)
    supplements, at = [], received
    for i in range(rounds):
        asked = at + timedelta(hours=2)
        got = None if (open_round and i == rounds - 1) else asked + timedelta(days=1)
        supplements.append(
            {
                "NgayBoSung": portal_date(asked),
                "NgayTiepNhanBoSung": portal_date(got),
                "LyDo": f"Bổ sung lần {i + 1}",
            }
        )
        at = got or asked
    ended = at + timedelta(days=9 if late else 3)
    record = {
        "MaHoSo": f"000.00.90.H99-{received.astimezone(VN):%y%m%d}-{n:05d}",
        "MaTTHC": world.procedure.code,
        "TrichYeuHoSo": f"Hồ sơ lịch sử số {n}",
        "ChuHoSo": f"Người Nộp {n}",
        "LoaiDoiTuong": "1",
        "SoGiayToChuHoSo": citizen_id(n),
        "DonViXuLy": world.department.identifier,
        "NoiNopHoSo": world.centre.identifier,
        "KenhThucHien": channel,
        "TrangThaiHoSo": str(status),
        "NgayNopHoSo": portal_date(submitted),
        "NgayTiepNhan": portal_date(received) if status not in (1, 3) else "",
        "NgayHenTra": portal_date(due) if status not in (1, 3) else "",
        "DanhSachHoSoBoSung": supplements,
        "TaiLieuNop": [
            {"TenTepDinhKem": "to-khai.pdf", "MaThanhPhanHoSo": str(p)} for p in mandatory(world.procedure)
        ],
        "DanhSachLePhi": [{"TenPhiLePhi": "Lệ phí", "Gia": 8000}],
        "DuocThanhToanTrucTuyen": "2" if n % 3 == 0 else "0",
    }
    if status == 3:
        record["NgayTuChoi"] = portal_date(submitted + timedelta(hours=2))
    if status in (7, 8, 9, 10):
        record["NgayKetThucXuLy"] = portal_date(ended)
    if status == 10:
        record["NgayTra"] = portal_date(ended + timedelta(days=1))
    if status in (9, 10):
        record["DanhSachGiayToKetQua"] = [{"TenGiayTo": "Giấy xác nhận", "SoKyHieu": f"{n}/GXN"}]
    return record


def history_file(world, count: int, *, seed: int = 7, start: datetime | None = None) -> list[dict]:
    """`count` records of every kind of life (statuses 1–10, supplement rounds, late ones), spread
    over the weeks before `start`."""
    rng = random.Random(seed)
    start = start or datetime(2025, 6, 2, 8, 0, tzinfo=VN)
    out = []
    for n in range(1, count + 1):
        status = rng.choice([2, 3, 4, 5, 7, 8, 9, 10, 10, 10, 9, 1])
        rounds = rng.choice([0, 0, 0, 1, 2]) if status not in (1, 3) else 0
        if status == 5:
            rounds = max(rounds, 1)
        received = start + timedelta(days=7 * (n % 40), hours=n % 5)
        out.append(
            history_record(
                world,
                n,
                status,
                start=received,
                rounds=rounds,
                open_round=status == 5,
                channel=rng.choice(["1", "2", "2", "3"]),
                late=rng.random() < 0.2,
            )
        )
    return out
