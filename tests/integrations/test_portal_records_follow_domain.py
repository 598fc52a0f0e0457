"""What the national portal receives after each action: DOMAIN.md §7's field names, the real status
(5 after a supplement request, 6 after a payment request, 8 after a stop — never 9), the real channel
and ID number, and dates as 24-hour yyyyMMddHHmmss in Vietnam time."""

import re

from motcua.dossiers.models import Dossier

from ..dossiers.world import act, receive, submit, vn
from .portal import drain_until_empty

SYNC_FIELDS = {
    "MaHoSo", "MaTTHC", "TenTTHC", "MaLinhVuc", "TenLinhVuc", "ChuHoSo", "LoaiDoiTuong", "MaDoiTuong",
    "Email", "SoDienThoai", "TrichYeuHoSo", "NgayTiepNhan", "NgayHenTra", "TrangThaiHoSo", "NgayTra",
    "HinhThuc", "NgayKetThucXuLy", "DonViXuLy", "KenhThucHien", "TaiLieuNop", "DanhSachLePhi",
    "DanhSachHoSoBoSung", "DanhSachGiayToKetQua", "DuocThanhToanTrucTuyen", "HoSoCoThanhPhanSoHoa",
    "TaiKhoanDuocXacThucVoiVNeID", "SoGiayToChuHoSo", "NoiNopHoSo", "NgayNopHoSo", "NgayTuChoi",
    "DinhDanhCHS", "DSKetNoiCSDL",
}  # fmt: skip
DOCUMENT_FIELDS = {"DuocSoHoa", "DuocTaiSuDung", "DuocLayTuKhoDMQG", "MaKetQuaThayThe"}
PROGRESS_FIELDS = {
    "MaHoSo", "NguoiXuLy", "ChucDanh", "ThoiDiemXuLy", "PhongBanXuLy", "NoiDungXuLy", "TrangThai",
    "NgayBatDau", "NgayKetThucTheoQuyDinh",
}  # fmt: skip
DATE = re.compile(r"^\d{14}$")


def statuses(portal, code: str) -> list[str]:
    return [
        a.record["TrangThaiHoSo"]
        for a in portal.state.accepted
        if a.code == code and "TrangThaiHoSo" in a.record
    ]


def test_status_codes_after_supplement_payment_and_stop(world, fixed_clock, fake_portal, relay):
    fixed_clock.set(vn(2026, 3, 2, 15, 7, 9))  # an afternoon: a 12-hour clock would write 03
    relay.tick.at = vn(2026, 3, 2, 15, 8)
    a = act(receive(world), "request_supplement", world.officer, reason="Thiếu bản sao CCCD")
    b = act(receive(world), "request_payment", world.officer)
    c = act(receive(world), "stop", world.leader, reason="Người nộp đề nghị dừng")
    drain_until_empty(relay)

    assert statuses(fake_portal, a.code) == ["2", "5"]
    assert statuses(fake_portal, b.code) == ["2", "6"]
    assert statuses(fake_portal, c.code) == ["2", "8"]
    progress = {
        ac.code: ac.record["TrangThai"]
        for ac in fake_portal.state.accepted
        if ac.service == "CapNhatTienDoHoSoMC"
    }
    assert progress == {a.code: "5", b.code: "6", c.code: "8"}

    record = fake_portal.state.dossiers[a.code]
    assert set(record) >= SYNC_FIELDS, SYNC_FIELDS - set(record)
    for document in record["TaiLieuNop"]:
        assert set(document) >= DOCUMENT_FIELDS
    assert record["NgayTiepNhan"] == "20260302150709"  # 24-hour, Vietnam time
    assert DATE.match(record["NgayHenTra"])
    assert record["KenhThucHien"] == "1"  # received at the desk in person
    assert record["SoGiayToChuHoSo"] == world.applicant.id_number
    assert record["DinhDanhCHS"] == [{"LoaiDinhDanh": "1", "SoDinhDanh": world.applicant.id_number}]
    assert record["MaTTHC"] == world.procedure.code
    assert fake_portal.state.dossiers[c.code]["NgayKetThucXuLy"] == "20260302150709"

    progress_record = next(
        ac.record
        for ac in fake_portal.state.accepted
        if ac.code == a.code and ac.service == "CapNhatTienDoHoSoMC"
    )
    assert set(progress_record) >= PROGRESS_FIELDS
    assert progress_record["ThoiDiemXuLy"] == "20260302150709"


def test_online_submission_is_channel_2_and_stays_new_until_received(world, fixed_clock, fake_portal, relay):
    fixed_clock.set(vn(2026, 3, 2, 23, 30))  # 16:30 UTC: the Vietnam date is the 2nd, not the 3rd's UTC
    dossier = submit(world)
    drain_until_empty(relay)
    record = fake_portal.state.dossiers[dossier.code]
    assert record["KenhThucHien"] == "2"
    assert record["TrangThaiHoSo"] == "1"
    assert record["NgayNopHoSo"] == "20260302233000"
    assert record["NgayTiepNhan"] == ""
    assert Dossier.objects.get(pk=dossier.pk).national_status == 1
