"""Enumerations shared by several apps, with their national-portal codes."""

from django.db import models


class Channel(models.TextChoices):
    """KenhThucHien on the national portal: 1 in person, 2 online, 3 public post."""

    IN_PERSON = "in_person", "Trực tiếp"
    ONLINE = "online", "Trực tuyến"
    POST = "post", "Dịch vụ bưu chính"


CHANNEL_NATIONAL_CODE = {Channel.IN_PERSON: "1", Channel.ONLINE: "2", Channel.POST: "3"}
CHANNEL_FROM_NATIONAL_CODE = {v: k for k, v in CHANNEL_NATIONAL_CODE.items()}
