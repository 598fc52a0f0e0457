"""`python -m motcua.manage export_catalog [--code 1.001612 ...] [-o FILE]`: the current versions of
procedures in the national layout, as JSON (stdout by default)."""

from django.core.management.base import BaseCommand, CommandError

from motcua.catalog.importing import CatalogExportError, catalog_export
from motcua.core.commands import write_json


class Command(BaseCommand):
    help = (
        "Xuất thủ tục hành chính (phiên bản hiện hành) ra JSON theo định dạng danh mục quốc gia. "
        "/ Export procedures (current versions) as JSON in the national catalogue layout."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--code",
            action="append",
            dest="codes",
            metavar="MATTHC",
            help="Chỉ xuất mã này (lặp lại được). / Export only this code (repeatable).",
        )
        parser.add_argument(
            "-o", "--output", help="Tệp ghi ra (mặc định stdout). / Output file (default stdout)."
        )

    def handle(self, *args, codes: list[str] | None, output: str | None, **options):
        try:
            records = catalog_export(codes)
        except CatalogExportError as exc:
            raise CommandError(str(exc), returncode=1) from None
        if not write_json(self, records, output):
            return
        self.stdout.write(
            f"Đã xuất {len(records)} thủ tục vào {output}. / Exported {len(records)} procedures to {output}."
        )
