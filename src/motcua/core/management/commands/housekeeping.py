"""`manage.py housekeeping [--dry-run]`: run daily (cron or a systemd timer). Deletes the drafts citizens
abandoned, then stored files no row refers to (see docs/operations.md)."""

from datetime import timedelta

from django.conf import settings
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand

from motcua.core import clock
from motcua.core.storage_sweep import sweep
from motcua.dossiers import housekeeping as dossier_housekeeping
from motcua.portal import housekeeping as portal_housekeeping


class Command(BaseCommand):
    help = "Dọn dữ liệu hết hạn: hồ sơ nháp bỏ dở và tệp không còn thuộc hồ sơ nào. / Housekeeping."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Chỉ liệt kê, không xóa. / List only, delete nothing."
        )

    def handle(self, *args, dry_run=False, **options):
        now = clock.now()
        verb = "Sẽ xóa / would delete" if dry_run else "Đã xóa / deleted"
        drafts = portal_housekeeping.drafts_purge(now=now, dry_run=dry_run)
        self.stdout.write(
            f"{verb}: {drafts.drafts} hồ sơ nháp bỏ dở quá {settings.MOTCUA_DRAFT_RETENTION_DAYS} ngày / "
            f"abandoned drafts, {drafts.files} tệp / files, {drafts.bytes} byte"
        )
        orphans = sweep(
            default_storage,
            [*portal_housekeeping.FILE_AREAS, *dossier_housekeeping.FILE_AREAS],
            older_than=now - timedelta(hours=settings.MOTCUA_ORPHAN_FILE_GRACE_HOURS),
            dry_run=dry_run,
        )
        for name in orphans.names:
            self.stdout.write(f"  {name}")
        self.stdout.write(
            f"{verb}: {orphans.files} tệp không thuộc hồ sơ nào / orphaned files, {orphans.bytes} byte"
        )
