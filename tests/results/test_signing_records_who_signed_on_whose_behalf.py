"""Signing goes through the lifecycle: the event and the signed document name the actor and, for a
delegated leader, on whose behalf; the visible box says so too. Without an agency certificate the
leader is told to ask the province admin (409), nothing written."""

import io
from datetime import timedelta

import pytest
from pyhanko.pdf_utils.reader import PdfFileReader

from motcua.dossiers import lifecycle
from motcua.organizations.models import Role
from motcua.organizations.services import delegation_create
from motcua.results.models import SignedDocument
from motcua.results.signing import SigningUnavailable
from tests.dossiers.world import make_world

from .world import approved, signed_result, signing_world

pytestmark = pytest.mark.django_db


def test_a_deputy_signs_on_behalf_of_the_leader(fixed_clock, media_root):
    world = signing_world()
    deputy = world.staff(Role.PROCESSING_OFFICER)

    delegation_create(
        delegator=world.leader,
        delegate=deputy,
        role=Role.LEADER,
        agency=world.department,
        starts_at=fixed_clock.at - timedelta(hours=1),
        ends_at=fixed_clock.at + timedelta(days=3),
    )
    dossier = approved(world)
    dossier = lifecycle.perform(
        dossier, "sign_result", deputy, dossier.version, number="3/GXN", generate=True
    )
    event = dossier.last_event
    assert event.actor == deputy and event.on_behalf_of == world.leader and event.is_public is False
    doc = SignedDocument.objects.get(pk=event.data["signed_document"])
    assert doc.signed_by == deputy and doc.on_behalf_of == world.leader and doc.generated
    assert event.data["on_behalf_of"] == str(world.leader)
    (signature,) = PdfFileReader(io.BytesIO(doc.file.read())).embedded_signatures
    assert signature.sig_object["/Name"] == doc.signer_name


def test_the_clerk_issues_the_signed_result(fixed_clock, media_root):
    world = signing_world()
    dossier, doc = signed_result(world)
    dossier = lifecycle.perform(
        dossier, "issue_result", world.clerk, dossier.version, results=[{"signed": doc.pk}]
    )
    row = dossier.results.get()
    assert (row.number, row.sha256, row.file.name) == (doc.number, doc.sha256, doc.file.name)
    doc.refresh_from_db()
    assert doc.result == row
    assert row.signer == doc.signer_name and row.document_date == doc.document_date


def test_without_a_certificate_signing_is_refused(fixed_clock, media_root):
    world = make_world()  # no certificates
    dossier = approved(world)
    with pytest.raises(SigningUnavailable) as refused:
        lifecycle.perform(
            dossier, "sign_result", world.leader, dossier.version, number="3/GXN", generate=True
        )
    assert refused.value.status == 409 and "quản trị tỉnh" in refused.value.message_vi
    assert not SignedDocument.objects.exists()
