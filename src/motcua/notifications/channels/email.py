"""E-mail through Django's mail backends (MAILERS: console in development, SMTP in production,
locmem under tests; MOTCUA_EMAIL_* in docs/operations.md). The partner message id is the Message-ID
header we give the message."""

from __future__ import annotations

import smtplib

from django.conf import settings
from django.core.mail import EmailMessage
from django.core.mail.message import make_msgid

from .registry import ChannelError


class EmailChannel:
    name = "email"
    address_kind = "email"

    def send(self, message) -> str:
        msgid = make_msgid(domain="motcua")
        mail = EmailMessage(
            subject=message.subject,
            body=message.text,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[message.address],
            headers={"Message-ID": msgid},
        )
        try:
            mail.send()
        except smtplib.SMTPRecipientsRefused as exc:
            raise ChannelError("email:recipient_refused", str(exc), permanent=True) from exc
        except smtplib.SMTPException as exc:
            raise ChannelError("email:smtp", f"{type(exc).__name__}: {exc}") from exc
        except (TimeoutError, OSError) as exc:
            raise ChannelError("email:connection", f"{type(exc).__name__}: {exc}") from exc
        return msgid


def from_settings() -> EmailChannel | None:
    return EmailChannel()
