"""A receipt whose transaction rolls back after its files were written (a crash, a caller's rollback)
gives its code back to the counter, and the next dossier gets the same code. Its files stay behind
until the orphan sweep, but in a folder of their own: the next dossier's files go to another folder,
and nothing of the rolled-back scan is ever listed or served for the new dossier."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from motcua.dossiers.intake import folder_owner
from motcua.dossiers.models import DossierFile

from .world import receive


class Crash(Exception):
    pass


def _scan(name: str, body: bytes):
    return SimpleUploadedFile(name, b"%PDF-1.4 " + body, content_type="application/pdf")


def test_the_next_dossier_reusing_the_code_never_shares_a_folder(world, fixed_clock, media_root, client):
    with pytest.raises(Crash), transaction.atomic():
        lost = receive(
            world, components=[{"position": 1, "files": [_scan("to-khai.pdf", b"lost")]}, {"position": 2}]
        )
        lost_code = lost.code
        raise Crash
    orphans = [p for p in Path(media_root).rglob("*") if p.is_file()]
    assert len(orphans) == 1  # left behind for the sweep

    kept = receive(
        world, components=[{"position": 1, "files": [_scan("to-khai.pdf", b"kept")]}, {"position": 2}]
    )
    assert kept.code == lost_code  # the counter rolled back with the lost receipt

    stored = DossierFile.objects.get(component__dossier=kept)
    folder = Path(media_root) / Path(stored.file.name).parts[0] / Path(stored.file.name).parts[1]
    assert folder_owner(folder.name) == kept.code and folder.name != kept.code
    assert not any(orphan.is_relative_to(folder) for orphan in orphans)
    assert sorted(p.read_bytes() for p in folder.rglob("*") if p.is_file()) == [b"%PDF-1.4 kept"]
    assert stored.file.read() == b"%PDF-1.4 kept"

    client.force_login(world.desk)
    page = client.get(f"/can-bo/ho-so/{kept.code}/tep/{stored.pk}/")
    assert b"".join(page.streaming_content) == b"%PDF-1.4 kept"
