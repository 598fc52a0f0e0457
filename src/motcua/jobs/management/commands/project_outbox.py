"""`manage.py project_outbox`: derive the statistics and the notifications of every committed action the
worker's projector has not projected yet (jobs/projector.py), once, and say how many records."""

from django.core.management.base import BaseCommand

from motcua.jobs.projector import Projector


class Command(BaseCommand):
    help = (
        "Tổng hợp thống kê và thông báo từ outbox một lượt. / "
        "Project the outbox into statistics and notifications once."
    )

    def add_arguments(self, parser):
        parser.add_argument("--batch", type=int, default=None, help="Bản ghi mỗi lượt / records per round.")

    def handle(self, *args, batch=None, **options):
        result = Projector(batch=batch).drain()
        self.stdout.write(f"Đã tổng hợp / projected: {result.projected}; lỗi / failed: {result.failed}")
        if result.failed:
            raise SystemExit(1)
