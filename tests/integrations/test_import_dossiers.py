"""`manage.py import_dossiers FILE.json`: 1,000 generated histories import (both databases), each with
the lifecycle's events at its historical times and no outbox record; a bad record among good ones is
refused alone with its number and reasons (vi + en) and leaves nothing; importing the same file again
changes nothing."""

import json
from collections import Counter

import pytest
from django.core.management import call_command

from motcua.dossiers.models import Dossier, DossierEvent, DossierPause, OutboxMessage
from motcua.dossiers.states import national_status_for
from motcua.integrations.models import ExternalDossier, ExternalSource, PortalSync
from motcua.integrations.national_portal.sync_record import portal_datetime
from tests.factories.national_records import history_file


def _write(tmp_path, records):
    path = tmp_path / "lich-su.json"
    path.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    return path


def _snapshot():
    return (
        list(Dossier.objects.order_by("code").values_list("code", "state", "version")),
        DossierEvent.objects.count(),
        DossierPause.objects.count(),
    )


def test_a_thousand_records_import_with_their_events(world, tmp_path, capsys):
    records = history_file(world, 1000)
    path = _write(tmp_path, records)

    call_command("import_dossiers", str(path))

    assert Dossier.objects.count() == 1000
    assert ExternalDossier.objects.filter(source=ExternalSource.IMPORT).count() == 1000
    assert PortalSync.objects.count() == 1000
    assert not OutboxMessage.objects.exists()  # never relayed
    by_code = {r["MaHoSo"]: r for r in records}
    statuses = Counter()
    for d in Dossier.objects.prefetch_related("events", "pauses"):
        r = by_code[d.code]
        events = list(d.events.all())
        statuses[d.national_status] += 1
        assert d.national_status == int(r["TrangThaiHoSo"]) == national_status_for(d.state)
        assert [e.seq for e in events] == list(range(1, len(events) + 1)) and d.version == len(events)
        assert all(e.data.get("imported") for e in events)
        assert [e.at for e in events] == sorted(e.at for e in events)
        assert events[-1].to_state == d.state and events[-1].national_status == d.national_status
        if r["NgayTiepNhan"]:
            receive = next(e for e in events if e.action == "receive")
            assert receive.at == portal_datetime(r["NgayTiepNhan"]) == d.received_at
        rounds = r["DanhSachHoSoBoSung"]
        assert [e.at for e in events if e.action == "request_supplement"] == [
            portal_datetime(x["NgayBoSung"]) for x in rounds
        ]
        assert [e.at for e in events if e.action == "supplement"] == [
            portal_datetime(x["NgayTiepNhanBoSung"]) for x in rounds if x["NgayTiepNhanBoSung"]
        ]
        assert d.supplement_requests == len(rounds) == len(d.pauses.all())
        end = {3: "refuse", 7: "withdraw", 8: "stop", 9: "issue_result", 10: "return_result"}.get(
            d.national_status
        )
        if end:
            assert events[-1].action == end
        if d.national_status in (7, 8, 9, 10):
            finished = next(e for e in events if e.action in ("withdraw", "stop", "issue_result"))
            assert finished.at == portal_datetime(r["NgayKetThucXuLy"]) == d.finished_at
    assert set(statuses) == set(range(1, 11)) - {6}  # every kind of life the generator makes
    assert "Đã nhập 1000" in capsys.readouterr().out


def test_re_importing_the_same_file_changes_nothing(world, tmp_path, capsys):
    path = _write(tmp_path, history_file(world, 60))
    call_command("import_dossiers", str(path))
    before = _snapshot()

    call_command("import_dossiers", str(path))

    assert _snapshot() == before
    assert "không đổi 60" in capsys.readouterr().out


def test_one_bad_record_is_refused_alone(world, tmp_path, capsys):
    records = history_file(world, 20)
    bad = dict(records[6])
    bad["NgayTiepNhan"] = "20251301250000"  # month 13, hour 25
    bad["SoGiayToChuHoSo"] = "12"
    bad["DanhSachHoSoBoSung"] = [{"NgayBoSung": "", "NgayTiepNhanBoSung": "x"}]
    records[6] = bad
    path = _write(tmp_path, records)

    with pytest.raises(SystemExit) as exited:
        call_command("import_dossiers", str(path))

    assert exited.value.code == 1
    assert Dossier.objects.count() == 19 and not Dossier.objects.filter(code=bad["MaHoSo"]).exists()
    assert not DossierEvent.objects.filter(dossier__code=bad["MaHoSo"]).exists()
    err = capsys.readouterr().err
    assert f"Bản ghi số 7 ({bad['MaHoSo']})" in err and f"Record 7 ({bad['MaHoSo']})" in err
    for field in ("NgayTiepNhan", "SoGiayToChuHoSo", "DanhSachHoSoBoSung[0].NgayBoSung"):
        assert field in err
    assert "yyyyMMddHHmmss" in err


def test_a_changed_record_with_a_known_code_is_refused(world, tmp_path, capsys):
    records = history_file(world, 3)
    call_command("import_dossiers", str(_write(tmp_path, records)))
    records[1] = {**records[1], "TrichYeuHoSo": "Đã sửa"}

    with pytest.raises(SystemExit):
        call_command("import_dossiers", str(_write(tmp_path, records)))

    assert "Bản ghi số 2" in capsys.readouterr().err
    assert Dossier.objects.get(code=records[1]["MaHoSo"]).summary != "Đã sửa"
