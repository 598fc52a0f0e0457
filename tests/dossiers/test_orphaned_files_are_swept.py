"""`manage.py housekeeping` deletes stored files no row refers to — here the scan of a receipt that
succeeded inside a caller's transaction which then rolled back — once they are older than the grace
period, and never a file a dossier still has."""

import os
from datetime import timedelta
from io import StringIO
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import transaction

from motcua.core import clock
from motcua.dossiers.models import DossierFile

from .world import act, receive


class Abort(Exception):
    pass


def _stored(media_root) -> list[Path]:
    return sorted(p for p in Path(media_root).rglob("*") if p.is_file())


def _scan(name):
    return SimpleUploadedFile(name, b"%PDF-1.4 scan", content_type="application/pdf")


def _age(paths, hours):
    when = (clock.now() - timedelta(hours=hours)).timestamp()
    for p in paths:
        os.utime(p, (when, when))


def _housekeeping(*args) -> str:
    out = StringIO()
    call_command("housekeeping", *args, stdout=out)
    return out.getvalue()


def test_the_orphan_goes_after_the_grace_period_and_the_dossiers_files_stay(world, fixed_clock, media_root):
    kept = receive(world, components=[{"position": 1, "files": [_scan("to-khai.pdf")]}, {"position": 2}])
    with pytest.raises(Abort), transaction.atomic():
        receive(world, components=[{"position": 1, "files": [_scan("mo-coi.pdf")]}, {"position": 2}])
        raise Abort
    stored = _stored(media_root)
    assert sorted(p.name for p in stored) == ["mo-coi.pdf", "to-khai.pdf"]  # the rollback left it behind
    orphan = next(p for p in stored if p.name == "mo-coi.pdf")

    # younger than the grace period (24 h): kept, it may belong to a transaction still running
    _age(stored, hours=23)
    assert "0 tệp không thuộc hồ sơ nào" in _housekeeping()
    assert _stored(media_root) == stored

    _age(stored, hours=25)
    report = _housekeeping("--dry-run")
    assert "Sẽ xóa / would delete: 1 tệp không thuộc hồ sơ nào" in report and "mo-coi.pdf" in report
    assert _stored(media_root) == stored

    report = _housekeeping()
    assert "Đã xóa / deleted: 1 tệp không thuộc hồ sơ nào" in report
    assert _stored(media_root) == [p for p in stored if p != orphan]
    kept_file = DossierFile.objects.get(component__dossier=kept)
    assert kept_file.file.open("rb").read() == b"%PDF-1.4 scan"


def test_result_documents_are_swept_the_same_way(world, fixed_clock, media_root):
    dossier = act(receive(world), "forward", world.officer)
    dossier = act(dossier, "approve", world.leader)
    result = SimpleUploadedFile("giay-xac-nhan.pdf", b"%PDF-1.4 result", content_type="application/pdf")
    act(
        dossier,
        "issue_result",
        world.clerk,
        results=[
            {"number": "15/GXN", "signer": "Trần Văn Lãnh", "document_date": "2026-03-02", "file": result}
        ],
    )
    issued = _stored(media_root)
    # dossier-results/<code>_<random>/<name>
    assert [p.parent.parent.name for p in issued] == ["dossier-results"]
    assert issued[0].parent.name.startswith(f"{dossier.code}_")
    orphan = Path(media_root) / "dossier-results" / "2026" / "03" / "left-behind.pdf"
    orphan.parent.mkdir(parents=True, exist_ok=True)
    orphan.write_bytes(b"%PDF-1.4 result")
    _age(_stored(media_root), hours=48)
    before = set(_stored(media_root))
    _housekeeping()
    assert set(_stored(media_root)) == before - {orphan} == set(issued)
