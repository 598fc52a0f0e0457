"""An e-mail subject is one header line: a name with a line break (an inbound or imported record, an
edited template) cannot add headers (Bcc: …) nor make Django refuse the message (BadHeaderError)."""

from django.core import mail

from motcua.notifications import rendering
from motcua.notifications.models import Notification, NotificationTemplate

from .people import received, with_email


def test_line_breaks_in_a_name_become_spaces_in_the_subject(world, fixed_clock, settings, dispatcher):
    settings.MOTCUA_NOTIFY_CHANNELS = "email"
    template = NotificationTemplate.objects.get(kind="received")
    template.subject_vi = "Hồ sơ của {{ ten }}"
    template.save()
    world.applicant.full_name = "Lê Văn\r\nBcc: ke-gian@example.com\tX"
    world.applicant.save()
    dossier = received(with_email(world))
    dispatcher.drain()
    message = Notification.objects.get(dossier=dossier, recipient_role="applicant")
    assert message.subject == "Hồ sơ của Lê Văn Bcc: ke-gian@example.com X"
    assert message.status == "sent", (message.status, message.last_error)
    sent = [m for m in mail.outbox if m.to == [message.address]]
    assert sent and "\n" not in sent[-1].subject and not sent[-1].bcc


def test_one_line_keeps_vietnamese_text():
    assert rendering.one_line("  Hồ sơ\u2028số\x00 1 \n") == "Hồ sơ số 1"
