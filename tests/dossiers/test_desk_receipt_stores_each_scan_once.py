"""Registering and receiving at the desk in one action stores each uploaded scan once."""

from django.core.files.uploadedfile import SimpleUploadedFile

from motcua.dossiers.models import DossierFile
from tests.dossiers.world import receive


def test_a_scan_handed_in_at_receipt_is_stored_once(world, fixed_clock):
    scan = SimpleUploadedFile("to-khai.pdf", b"%PDF-1.4 scan", content_type="application/pdf")
    dossier = receive(
        world, components=[{"position": 1, "files": [scan], "digitised": True}, {"position": 2}]
    )
    files = DossierFile.objects.filter(component__dossier=dossier)
    assert files.count() == 1
    assert dossier.components.get(position=1).digitised
