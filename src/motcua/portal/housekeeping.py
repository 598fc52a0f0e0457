"""The portal's housekeeping: drafts a citizen stopped working on are deleted with their files after
`MOTCUA_DRAFT_RETENTION_DAYS` days without a save or an upload (both move `Draft.updated_at`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction

from motcua.core import clock
from motcua.core.storage_sweep import FileArea
from motcua.dossiers.intake import folder_owner

from .models import Draft, DraftFile

BATCH = 500


def retention() -> timedelta:
    return timedelta(days=settings.MOTCUA_DRAFT_RETENTION_DAYS)


def draft_kept_until(draft: Draft) -> datetime:
    """When an untouched open draft will be deleted (shown on "Hồ sơ của tôi")."""
    return draft.updated_at + retention()


@dataclass
class DraftPurgeReport:
    drafts: int = 0
    files: int = 0
    bytes: int = 0


def _abandoned(cutoff: datetime):
    return Draft.objects.filter(submitted_at__isnull=True, updated_at__lt=cutoff)


def drafts_purge(*, now: datetime | None = None, dry_run: bool = False) -> DraftPurgeReport:
    """Delete open drafts untouched since before now − retention, in batches; their stored files are
    deleted after each batch commits. The condition is checked again under a row lock, so a draft the
    citizen saves meanwhile is kept."""
    cutoff = (now or clock.now()) - retention()
    report = DraftPurgeReport()
    storage = DraftFile._meta.get_field("file").storage
    last_pk = 0
    while True:
        ids = list(
            _abandoned(cutoff).filter(pk__gt=last_pk).order_by("pk").values_list("pk", flat=True)[:BATCH]
        )
        if not ids:
            return report
        last_pk = ids[-1]
        with transaction.atomic():
            locked = list(
                _abandoned(cutoff).filter(pk__in=ids).select_for_update().values_list("pk", flat=True)
            )
            files = list(DraftFile.objects.filter(draft_id__in=locked).values_list("file", "size"))
            report.drafts += len(locked)
            report.files += len(files)
            report.bytes += sum(size for _, size in files)
            if dry_run:
                continue
            Draft.objects.filter(pk__in=locked).delete()
            names = [name for name, _ in files]
            transaction.on_commit(lambda names=names: [storage.delete(n) for n in names])


def _draft_files_referenced(names: list[str]) -> set[str]:
    """Through the draft foreign key: the folder is named after the draft (`<draft id>_<random>`)."""
    owners = (folder_owner(parts[1]) for parts in (n.split("/") for n in names) if len(parts) > 2)
    ids = {int(owner) for owner in owners if owner.isascii() and owner.isdigit()}
    rows = DraftFile.objects.filter(draft_id__in=ids, file__in=names).order_by()
    return set(rows.values_list("file", flat=True))


FILE_AREAS = [FileArea("portal-drafts", _draft_files_referenced)]
