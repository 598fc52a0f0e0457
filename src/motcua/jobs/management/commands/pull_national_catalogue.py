"""`manage.py pull_national_catalogue [--code 1.001612 ...]`: fetch procedures from the national portal
(LayDanhSachTTHC, then LayThuTuc each) and publish the changed ones as new catalogue versions."""

from django.core.management.base import BaseCommand, CommandError

from motcua.integrations.national_portal.catalogue import PortalNotConfigured, catalogue_pull
from motcua.integrations.registry import DeliveryError


class Command(BaseCommand):
    help = "Lấy danh mục thủ tục từ Cổng DVCQG. / Pull the procedure catalogue from the national portal."

    def add_arguments(self, parser):
        parser.add_argument("--code", nargs="+", help="Chỉ các mã thủ tục này. / Only these procedure codes.")

    def handle(self, *args, code=None, **options):
        try:
            report = catalogue_pull(code)
        except PortalNotConfigured as exc:
            raise CommandError(str(exc), returncode=2) from None
        except DeliveryError as exc:
            raise CommandError(f"Cổng DVCQG lỗi / portal error: {exc.code}", returncode=1) from None
        self.stdout.write(
            f"Phiên bản mới / new versions: {len(report.created)}; "
            f"không đổi / unchanged: {len(report.unchanged)}; "
            f"bị từ chối / refused: {len(report.refused)}; lỗi / failed: {len(report.failed)}"
        )
        for c, problems in report.refused.items():
            for p in problems:
                self.stdout.write(f"  {c}: {p}")
        for c, error in report.failed.items():
            self.stdout.write(f"  {c}: {error}")
        if report.refused or report.failed:
            raise CommandError("Có thủ tục không lấy được. / Some procedures were not pulled.", returncode=1)
