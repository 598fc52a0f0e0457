"""A message's link is absolute wherever the site runs: `core.public_url` decides it (MOTCUA_PUBLIC_URL,
else the development address), never an empty base that leaves "/ho-so/…" in an SMS."""

from motcua.notifications.models import Notification

from .people import received, with_email


def test_link_uses_the_development_address_when_no_public_url(
    world, fixed_clock, settings, monkeypatch, dispatcher
):
    settings.MOTCUA_NOTIFY_CHANNELS = "email"
    settings.MOTCUA_PUBLIC_URL = ""
    monkeypatch.setenv("MOTCUA_DEV_PUBLIC_URL", "http://127.0.0.1:8123")
    dossier = received(with_email(world))
    dispatcher.drain()
    message = Notification.objects.get(dossier=dossier, recipient_role="applicant")
    assert (
        "http://127.0.0.1:8123/tra-cuu/" in message.text
        or f"http://127.0.0.1:8123/ho-so/{dossier.code}/" in (message.text)
    ), message.text
    assert " /tra-cuu/" not in message.text and " /ho-so/" not in message.text


def test_link_uses_the_public_url_when_set(world, fixed_clock, settings, dispatcher):
    settings.MOTCUA_NOTIFY_CHANNELS = "email"
    settings.MOTCUA_PUBLIC_URL = "https://motcua.haiphong.gov.vn"
    dossier = received(with_email(world))
    dispatcher.drain()
    message = Notification.objects.get(dossier=dossier, recipient_role="applicant")
    assert "https://motcua.haiphong.gov.vn/" in message.text, message.text
