"""`import_dossiers` keeps the files a record carries: base64 contents (`NoiDungTep`) become the
components' files through the intake (the one file check: type by content, sizes, counts); every bad
file is listed at its path and the record leaves nothing (no row, no file on disk); a file given only
by URL is refused (`url_not_fetched`: the import never fetches)."""

import base64
import json
from datetime import datetime
from zoneinfo import ZoneInfo

from django.core.management import call_command

from motcua.dossiers.models import Dossier, DossierFile
from motcua.integrations.national_portal.importing import import_dossiers
from tests.factories.national_records import PDF, history_record
from tests.integrations.inbound import stored_files

START = datetime(2025, 6, 2, 8, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
EXE = b"MZ\x90\x00 this is an executable"


def _b64(content: bytes) -> str:
    return base64.b64encode(content).decode()


def test_base64_contents_become_component_files(world, tmp_path, media_root):
    record = history_record(world, 1, 10, start=START)
    for i, item in enumerate(record["TaiLieuNop"]):
        item["TenTepDinhKem"] = f"tai-lieu-{i}.pdf"
        item["NoiDungTep"] = _b64(PDF + str(i).encode())
    path = tmp_path / "lich-su.json"
    path.write_text(json.dumps([record], ensure_ascii=False), encoding="utf-8")

    call_command("import_dossiers", str(path))

    d = Dossier.objects.get(code=record["MaHoSo"])
    files = DossierFile.objects.filter(component__dossier=d).select_related("component")
    assert sorted((f.component.position, f.original_name) for f in files) == sorted(
        (int(item["MaThanhPhanHoSo"]), item["TenTepDinhKem"]) for item in record["TaiLieuNop"]
    )
    assert all(f.content_type == "application/pdf" and len(f.sha256) == 64 for f in files)
    assert len(stored_files(media_root)) == len(record["TaiLieuNop"])
    for f in files:
        with f.file.open("rb") as fh:
            assert fh.read().startswith(b"%PDF")


def test_every_bad_file_is_listed_and_nothing_stays(world, media_root):
    good = history_record(world, 2, 9, start=START)
    bad = history_record(world, 3, 9, start=START)
    bad["TaiLieuNop"][0]["NoiDungTep"] = _b64(PDF)  # a good file in a refused record is not kept
    bad["TaiLieuNop"].append({"TenTepDinhKem": "a.exe", "MaThanhPhanHoSo": "1", "NoiDungTep": _b64(EXE)})
    bad["TaiLieuNop"].append({"TenTepDinhKem": "rong.pdf", "MaThanhPhanHoSo": "1", "NoiDungTep": ""})
    bad["TaiLieuNop"].append({"TenTepDinhKem": "b.exe", "MaThanhPhanHoSo": "1", "NoiDungTep": _b64(EXE)})

    report = import_dossiers([good, bad])

    assert report.imported == [good["MaHoSo"]]
    [refusal] = report.refused
    n = len(bad["TaiLieuNop"])
    assert [p["field"] for p in refusal.problems] == [
        f"TaiLieuNop[{n - 3}].NoiDungTep",
        f"TaiLieuNop[{n - 1}].NoiDungTep",
    ]
    assert all(p["message"] and p["message_en"] for p in refusal.problems)
    assert not Dossier.objects.filter(code=bad["MaHoSo"]).exists()
    assert stored_files(media_root) == [] and not DossierFile.objects.exists()


def test_a_url_is_not_fetched(world, media_root):
    record = history_record(world, 4, 9, start=START)
    record["TaiLieuNop"][0]["DuongDanTaiTepTin"] = "https://files.example.vn/a.pdf"

    report = import_dossiers([record])

    [refusal] = report.refused
    problem = next(p for p in refusal.problems if p["code"] == "url_not_fetched")
    assert problem["field"] == "TaiLieuNop[0].DuongDanTaiTepTin"
    assert "NoiDungTep" in problem["message"] and "does not fetch" in problem["message_en"]
    assert not Dossier.objects.exists() and stored_files(media_root) == []
