"""Every edit of calendar data gets a new revision token, so every process rebuilds its calendar."""

import uuid

from django.db.models.signals import post_delete, post_save

from .models import CalendarRevision, Notice, NoticeDay, OfficeHours, OfficePeriod


def bump_revision(**kwargs) -> None:
    CalendarRevision.objects.update_or_create(pk=1, defaults={"token": uuid.uuid4()})


def connect() -> None:
    for model in (Notice, NoticeDay, OfficeHours, OfficePeriod):
        post_save.connect(bump_revision, sender=model, dispatch_uid=f"calendar-save-{model.__name__}")
        post_delete.connect(bump_revision, sender=model, dispatch_uid=f"calendar-delete-{model.__name__}")
