"""An imported dossier carries the same life as a native one: a dossier lived here through the lifecycle
(online, received, one supplement round, decided, returned) and the same life imported from its
national-portal record have the same counted events (action, time, state, national status), the same
pauses and the same dates on the dossier — what the statistics rebuilt from the event log read."""

from datetime import timedelta

from motcua.dossiers.models import Dossier
from motcua.integrations.national_portal.importing import import_record, timeline
from motcua.integrations.national_portal.sync_record import IMPORT, read_record
from tests.dossiers.world import act, submit, to_result, vn
from tests.factories.national_records import mandatory, portal_date

COUNTED = {"submit", "receive", "request_supplement", "supplement", "issue_result", "return_result"}


def _life(d):
    return [
        (e.action, e.at, e.to_state, e.national_status, e.role, e.agency_id)
        for e in d.events.order_by("seq")
        if e.action in COUNTED
    ]


def test_imported_life_equals_native_life(world, fixed_clock):
    native = submit(world)
    fixed_clock.set(vn(2026, 3, 2, 10, 0))
    native = act(native, "receive", world.desk)
    fixed_clock.set(vn(2026, 3, 3, 9, 0))
    native = act(native, "request_supplement", world.desk, reason="Thiếu bản sao")
    fixed_clock.set(vn(2026, 3, 4, 14, 30))
    native = act(native, "supplement", world.citizen)
    fixed_clock.set(vn(2026, 3, 5, 15, 45))
    native = to_result(world, native)
    fixed_clock.set(vn(2026, 3, 6, 8, 15))
    native = act(native, "return_result", world.desk)
    pause = native.pauses.get()
    record = {
        "MaHoSo": "000.00.90.H99-260302-9001",
        "MaTTHC": world.procedure.code,
        "ChuHoSo": "Người Nộp Khác",
        "SoGiayToChuHoSo": "001099000001",
        "DonViXuLy": world.department.identifier,
        "NoiNopHoSo": world.centre.identifier,
        "KenhThucHien": "2",
        "TrangThaiHoSo": "10",
        "NgayNopHoSo": portal_date(native.submitted_at),
        "NgayTiepNhan": portal_date(native.received_at),
        "NgayHenTra": portal_date(native.due_at),
        "NgayKetThucXuLy": portal_date(native.finished_at),
        "NgayTra": portal_date(native.returned_at),
        "DanhSachHoSoBoSung": [
            {"NgayBoSung": portal_date(pause.started_at), "NgayTiepNhanBoSung": portal_date(pause.ended_at)}
        ],
        "TaiLieuNop": [{"MaThanhPhanHoSo": str(p)} for p in mandatory(world.procedure)],
        "DanhSachGiayToKetQua": [{"TenGiayTo": "Giấy xác nhận", "SoKyHieu": "123/GXN"}],
    }

    assert import_record(record, now=vn(2026, 3, 7, 9, 0)) == ("imported", record["MaHoSo"])

    imported = Dossier.objects.get(code=record["MaHoSo"])
    assert _life(imported) == _life(native)
    fields = (
        "state",
        "national_status",
        "outcome",
        "channel",
        "submitted_at",
        "received_at",
        "due_at",
        "finished_at",
        "returned_at",
        "supplement_requests",
        "receiving_agency_id",
        "competent_agency_id",
        "processing_hours",
    )
    assert {f: getattr(imported, f) for f in fields} == {f: getattr(native, f) for f in fields}
    assert list(imported.pauses.values_list("started_at", "ended_at")) == [(pause.started_at, pause.ended_at)]
    last = imported.events.order_by("-seq").first()
    assert last.due_at == native.events.order_by("-seq").first().due_at


def test_statuses_without_a_date_are_placed_at_the_last_known_time(world):
    base = {
        "MaHoSo": "000.00.90.H99-250602-0001",
        "MaTTHC": world.procedure.code,
        "ChuHoSo": "A",
        "SoGiayToChuHoSo": "001099000002",
        "DonViXuLy": world.department.identifier,
        "KenhThucHien": "1",
        "NgayTiepNhan": "20250602080000",
        "NgayHenTra": "20250609170000",
        "DanhSachHoSoBoSung": [{"NgayBoSung": "20250603090000", "NgayTiepNhanBoSung": "20250604100000"}],
    }
    now = vn(2026, 1, 1)
    paying = timeline(read_record({**base, "TrangThaiHoSo": "6"}, purpose=IMPORT, now=now))
    assert [s.action for s in paying] == ["receive", "request_supplement", "supplement", "request_payment"]
    assert paying[-1].at == paying[-2].at and paying[-1].data["time_estimated"]
    processing = timeline(read_record({**base, "TrangThaiHoSo": "4"}, purpose=IMPORT, now=now))
    assert processing[-1].action == "forward"
    assert import_record({**base, "TrangThaiHoSo": "6"}, now=now)[0] == "imported"
    d = Dossier.objects.get(code=base["MaHoSo"])
    assert d.state == "payment_requested" and d.resume_state == "received" and d.current_step
    assert d.received_at + timedelta(0) == d.step_started_at
