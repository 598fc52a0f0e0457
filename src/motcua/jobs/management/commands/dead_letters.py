"""`manage.py dead_letters [--retry ID ... | --retry-all] [--by NAME]`: list the outbox records the
relay gave up on, or make them due again now (audited as RelayRetry rows, via "command")."""

import getpass

from django.core.management.base import BaseCommand, CommandError

from motcua.dossiers.models import OutboxMessage
from motcua.jobs import relay


class Command(BaseCommand):
    help = "Bản ghi outbox gửi lỗi: liệt kê hoặc gửi lại. / Dead outbox records: list or retry."

    def add_arguments(self, parser):
        parser.add_argument("--retry", type=int, nargs="+", metavar="ID", help="Gửi lại các bản ghi này.")
        parser.add_argument("--retry-all", action="store_true", help="Gửi lại mọi bản ghi gửi lỗi.")
        parser.add_argument("--by", default="", help="Người thực hiện (ghi vào nhật ký). / Who (audit).")

    def handle(self, *args, retry=None, retry_all=False, by="", **options):
        by = by or getpass.getuser()
        if retry_all:
            retry = list(relay.dead_letters().values_list("id", flat=True))
        if retry:
            missing = []
            for pk in retry:
                try:
                    message = relay.retry_dead_letter(pk, by_name=f"{by} (command)", via="command")
                except OutboxMessage.DoesNotExist:
                    missing.append(pk)
                else:
                    self.stdout.write(f"Đã gửi lại / retried: {message.pk} {message.key} {message.topic}")
            if missing:
                raise CommandError(
                    f"Không có bản ghi gửi lỗi / no dead record: {', '.join(map(str, missing))}", returncode=1
                )
            return
        rows = list(relay.dead_letters())
        for m in rows:
            self.stdout.write(
                f"{m.pk}\t{m.key}\t{m.topic}\t{m.attempts}\t{m.last_error_code}\t{m.dead_at:%Y-%m-%d %H:%M}"
                f"\t{m.waiting}"
            )
        self.stdout.write(f"{len(rows)} bản ghi gửi lỗi / dead records")
