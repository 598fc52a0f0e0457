"""A refused or failed action rolls back its rows, and the files it had already written to storage are
deleted with them: a citizen's scans never stay on disk without a dossier."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from motcua.dossiers.errors import InvalidParams
from motcua.dossiers.models import DossierFile

from .world import act, receive


def _stored(media_root) -> list[Path]:
    return sorted(p for p in Path(media_root).rglob("*") if p.is_file())


def _scan(name="bo-sung.pdf"):
    return SimpleUploadedFile(name, b"%PDF-1.4 scan", content_type="application/pdf")


def test_a_supplement_refused_after_its_upload_removes_the_file(world, fixed_clock, media_root):
    dossier = receive(world)
    dossier = act(dossier, "request_supplement", world.desk, reason="Thiếu bản sao CCCD")
    before = _stored(media_root)
    with pytest.raises(InvalidParams):
        # the components are stored first, then the e-form data is found to be no object
        act(
            dossier,
            "supplement",
            world.citizen,
            components=[{"position": 2, "files": [_scan()]}],
            eform_data=[1],
        )
    assert _stored(media_root) == before
    assert not DossierFile.objects.filter(component__dossier=dossier).exists()
    # the same upload, valid, is kept
    act(dossier, "supplement", world.citizen, components=[{"position": 2, "files": [_scan()]}])
    assert len(_stored(media_root)) == len(before) + 1
