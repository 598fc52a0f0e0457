"""`python -m motcua.manage load_demo`: the demo province, staff and procedures (idempotent)."""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from motcua.demo.loader import load_demo


class Command(BaseCommand):
    help = (
        "Nạp dữ liệu demo (thành phố mô phỏng Hải Phòng sau 01/7/2025); chạy lại không tạo bản ghi trùng. "
        "/ Load the demo data (a city modelled on Hải Phòng after 1 Jul 2025); safe to run again."
    )

    def handle(self, *args, **options):
        if getattr(settings, "PRODUCTION", False):
            # the demo accounts share a published password: never on a real deployment (demo.mode)
            raise CommandError(
                "Không nạp dữ liệu demo khi MOTCUA_PRODUCTION=1. / No demo data when MOTCUA_PRODUCTION=1."
            )
        started = time.monotonic()
        counts = load_demo()
        self.stdout.write(
            self.style.SUCCESS(
                f"Dữ liệu demo: {counts['agencies']} cơ quan, {counts['users']} tài khoản, "
                f"{counts['procedures']} thủ tục ({counts['published']} phiên bản mới công bố) "
                f"trong {time.monotonic() - started:.1f} giây. / Demo data: {counts['agencies']} agencies, "
                f"{counts['users']} accounts, {counts['procedures']} procedures "
                f"({counts['published']} newly published versions). "
                "Mã định danh cơ quan là mã minh họa (H99). / Agency identifiers are invented (H99)."
            )
        )
