from django.core.management.base import BaseCommand

from motcua.reports.rollups import rebuild


class Command(BaseCommand):
    help = (
        "Tính lại toàn bộ số liệu thống kê từ hồ sơ và nhật ký hồ sơ. / "
        "Rebuild the statistics (per-dossier facts and daily rollups) from the dossiers and their event log."
    )

    def add_arguments(self, parser):
        parser.add_argument("--chunk", type=int, default=2000, help="hồ sơ mỗi lượt / dossiers per batch")

    def handle(self, *args, chunk, **options):
        result = rebuild(chunk=chunk)
        self.stdout.write(
            f"Đã tính lại {result['dossiers']} hồ sơ, {result['rows']} dòng tổng hợp. / "
            f"Rebuilt {result['dossiers']} dossiers, {result['rows']} rollup rows."
        )
