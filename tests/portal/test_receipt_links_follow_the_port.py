"""The receipt's lookup link (and its QR code) opens the port the server was reached on in development."""

from django.urls import reverse

from .helpers import submit


def test_receipt_link_uses_the_request_port(citizen_client, world, settings, monkeypatch):
    settings.MOTCUA_PUBLIC_URL = ""
    settings.DEBUG = True
    monkeypatch.delenv("MOTCUA_DEV_PUBLIC_URL", raising=False)
    dossier = submit(citizen_client, world)
    page = citizen_client.get(
        reverse("portal:receipt", args=[dossier.code]), HTTP_HOST="127.0.0.1:8765"
    ).content.decode()
    assert f"http://127.0.0.1:8765/tra-cuu/?ma={dossier.code}" in page
    assert "localhost:8000" not in page
