"""The desk digitises paper components: each scan passes the intake, the components are marked
digitised with pages and "original seen", the digitised set is signed in the receiving officer's name
with the receiving agency's certificate (and verifies), the scans enter the applicant's store, and the
national record carries `HoSoCoThanhPhanSoHoa` and, once every component is scanned, `DuocSoHoa`."""

import pytest

from motcua.dossiers import intake, lifecycle
from motcua.integrations.national_portal.records import dossier_record
from motcua.results import verification
from motcua.results.models import DigitisedComponent, SignedDocument
from motcua.store.models import StoredDocument
from tests.dossiers.world import act, mandatory_positions, pdf, receive
from tests.factories.signing import real_pdf

from .world import signing_world

pytestmark = pytest.mark.django_db


def test_digitised_components_are_signed_as_a_set_and_flagged(fixed_clock, media_root):
    world = signing_world()
    dossier = receive(world)
    positions = mandatory_positions(world)
    first = positions[0]
    dossier = act(
        dossier,
        "digitise",
        world.desk,
        components=[
            {"position": first, "pages": 3, "original_seen": True, "files": [real_pdf("to-khai.pdf")]}
        ],
    )
    component = dossier.components.get(position=first)
    assert component.digitised and component.files.count() == 1
    meta = DigitisedComponent.objects.get(dossier=dossier)
    assert (meta.position, meta.pages, meta.original_seen, meta.officer) == (first, 3, True, world.desk)
    signed = SignedDocument.objects.get(dossier=dossier, kind="digitised_set")
    assert meta.signed_set == signed and signed.signed_by == world.desk and signed.agency == world.centre
    verdict = verification.verify_bytes(signed.file.read())
    assert verdict.valid and verdict.issued_here and verdict.signer == world.centre.name
    assert StoredDocument.objects.filter(applicant=world.applicant, source="digitised").count() == 1

    event = dossier.events.order_by("-seq")[0]
    assert event.action == "digitise" and event.data["digitised"] == [first]
    record = dossier_record(event)
    assert record["HoSoCoThanhPhanSoHoa"] == "1" and record["DuocSoHoa"] == "0"
    dossier = act(
        dossier,
        "digitise",
        world.desk,
        components=[{"position": p, "pages": 1, "files": [pdf(f"tp-{p}.pdf")]} for p in positions[1:]],
    )
    record = dossier_record(dossier.events.order_by("-seq")[0])
    assert record["DuocSoHoa"] == "1"
    assert {c["DuocSoHoa"] for c in record["TaiLieuNop"]} == {"1"}


def test_a_scan_that_is_not_a_document_is_refused_and_nothing_is_written(fixed_clock, media_root):
    from django.core.files.uploadedfile import SimpleUploadedFile

    world = signing_world()
    dossier = receive(world)
    with pytest.raises(intake.FileTypeNotAllowed):
        lifecycle.perform(
            dossier,
            "digitise",
            world.desk,
            dossier.version,
            components=[{"position": 1, "pages": 1, "files": [SimpleUploadedFile("a.pdf", b"MZ\x90\x00")]}],
        )
    assert not SignedDocument.objects.exists() and not DigitisedComponent.objects.exists()
