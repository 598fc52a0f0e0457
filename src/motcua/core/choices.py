"""Enumerations shared by several apps, with their national-portal codes."""

from django.db import models
from django.utils.translation import pgettext_lazy


class Channel(models.TextChoices):
    """KenhThucHien on the national portal: 1 in person, 2 online, 3 public post."""

    # Labels translated where shown (English mode): Vietnamese stays the source text.
    IN_PERSON = "in_person", pgettext_lazy("channel", "Trực tiếp")
    ONLINE = "online", pgettext_lazy("channel", "Trực tuyến")
    POST = "post", pgettext_lazy("channel", "Dịch vụ bưu chính")


CHANNEL_NATIONAL_CODE = {Channel.IN_PERSON: "1", Channel.ONLINE: "2", Channel.POST: "3"}
CHANNEL_FROM_NATIONAL_CODE = {v: k for k, v in CHANNEL_NATIONAL_CODE.items()}
