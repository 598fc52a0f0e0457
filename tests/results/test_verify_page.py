"""`/xac-thuc/`: the public page gives the API's verdict in Vietnamese first, English on request; the
link printed on results (`?ma=&kq=`) checks the stored document; a post without a file is a 400 with a
clear message."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from tests.dossiers.world import act

from .world import signed_result, signing_world

pytestmark = pytest.mark.django_db


def test_the_page_verifies_an_upload_and_the_stored_result(fixed_clock, media_root):
    world = signing_world()
    dossier, doc = signed_result(world)
    dossier = act(dossier, "issue_result", world.clerk, results=[{"signed": doc.pk}])
    client = Client()
    page = client.post("/xac-thuc/", {"file": SimpleUploadedFile("kq.pdf", doc.file.read())}).content.decode()
    assert "Văn bản hợp lệ" in page and dossier.code in page
    result = dossier.results.get()
    page = client.get("/xac-thuc/", {"ma": dossier.code, "kq": result.pk}).content.decode()
    assert "Văn bản hợp lệ" in page
    bad = client.post("/xac-thuc/", {"file": SimpleUploadedFile("kq.pdf", b"MZ not a pdf")}).content.decode()
    assert "Văn bản không hợp lệ" in bad and "không phải PDF" in bad
    assert client.post("/xac-thuc/", {}).status_code == 400


def test_the_page_in_english():
    client = Client()
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = client.post("/xac-thuc/", {"file": SimpleUploadedFile("kq.pdf", b"MZ not a pdf")}).content.decode()
    assert "Verify an electronic document" in page and "The document is not valid" in page
    assert "is not a PDF" in page
