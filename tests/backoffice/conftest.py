"""Back-office tests reuse the dossier world (a service centre, a department, staff of every role of
the default process, an applicant, a published procedure) and log staff in with Django's test client."""

import io
import unicodedata

import pytest
from pypdf import PdfReader

from tests.dossiers.world import *  # noqa: F403  (fixtures: world, fixed_clock, media_root)


def pdf_text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    text = "\n".join(page.extract_text() or "" for page in reader.pages)
    return " ".join(unicodedata.normalize("NFC", text).split())


@pytest.fixture
def login(client):
    def as_user(user):
        client.force_login(user)
        return client

    return as_user
