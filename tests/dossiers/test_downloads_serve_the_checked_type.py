"""Every view that hands a stored file back (back office viewer, the applicant's download, a draft's
file) sends the type the intake found in the content — never the sender's — with `nosniff`, a sandbox
CSP and a safe file name; rows stored before the intake existed are sent as opaque attachments."""

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile

from motcua.dossiers.models import DossierFile

from .world import pdf, submit

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def test_a_png_sent_as_a_pdf_is_stored_and_served_as_png(world, fixed_clock, client):
    scan = SimpleUploadedFile("../Ảnh CCCD\u202egpj.pdf", PNG, content_type="application/pdf")
    dossier = submit(
        world, components=[{"position": 1, "files": [pdf("to-khai.pdf")]}, {"position": 2, "files": [scan]}]
    )
    stored = DossierFile.objects.get(component__dossier=dossier, component__position=2)
    assert stored.content_type == "image/png"
    assert stored.original_name == "Ảnh CCCD gpj.png"  # no path, no bidi override, the real extension
    assert stored.file.name.endswith("/2/anh-cccd-gpj.png")

    client.force_login(world.desk)
    response = client.get(f"/can-bo/ho-so/{dossier.code}/tep/{stored.pk}/")
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert response["Content-Disposition"].startswith("inline; filename*=utf-8''")
    assert "%E1%BA%A2nh%20CCCD%20gpj.png" in response["Content-Disposition"]

    client.force_login(world.citizen)
    response = client.get(f"/ho-so/{dossier.code}/tep/{stored.pk}/")
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_a_row_from_before_the_intake_is_an_opaque_attachment(world, fixed_clock, client):
    scan = SimpleUploadedFile("to-khai.pdf", b"%PDF-1.4 scan", content_type="application/pdf")
    dossier = submit(
        world, components=[{"position": 1, "files": [scan]}, {"position": 2, "files": [pdf("cccd.pdf")]}]
    )
    component = dossier.components.get(position=1)
    legacy = DossierFile(
        component=component, original_name='giay-to.html"', size=30, content_type="text/html"
    )
    legacy.file.save("giay-to.html", ContentFile(b"<script>alert(1)</script>"), save=True)

    client.force_login(world.desk)
    response = client.get(f"/can-bo/ho-so/{dossier.code}/tep/{legacy.pk}/")
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"] == 'attachment; filename="giay-to.html"'
    assert response["X-Content-Type-Options"] == "nosniff"
