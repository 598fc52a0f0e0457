"""`manage.py notifications_dead [--retry ID ... | --retry-all] [--by NAME]`: list the messages the
dispatcher gave up on, or make them due again now (audited as NotificationRetry rows, via "command")."""

import getpass

from django.core.management.base import BaseCommand, CommandError

from motcua.notifications import dispatch
from motcua.notifications.kinds import Status
from motcua.notifications.models import Notification


class Command(BaseCommand):
    help = "Thông báo gửi lỗi: liệt kê hoặc gửi lại. / Dead notifications: list or retry."

    def add_arguments(self, parser):
        parser.add_argument("--retry", type=int, nargs="+", metavar="ID", help="Gửi lại các thông báo này.")
        parser.add_argument("--retry-all", action="store_true", help="Gửi lại mọi thông báo gửi lỗi.")
        parser.add_argument("--by", default="", help="Người thực hiện (ghi vào nhật ký). / Who (audit).")

    def handle(self, *args, retry=None, retry_all=False, by="", **options):
        by = by or getpass.getuser()
        dead = Notification.objects.filter(status=Status.DEAD).order_by("id")
        if retry_all:
            retry = list(dead.values_list("id", flat=True))
        if retry:
            missing = []
            for pk in retry:
                try:
                    message = dispatch.retry_now(pk, by_name=f"{by} (command)", via="command")
                except Notification.DoesNotExist:
                    missing.append(pk)
                else:
                    self.stdout.write(
                        f"Đã gửi lại / retried: {message.pk} {message.channel} {message.address}"
                    )
            if missing:
                raise CommandError(
                    f"Không có thông báo gửi lỗi / no dead message: {', '.join(map(str, missing))}",
                    returncode=1,
                )
            return
        rows = list(dead.select_related("dossier"))
        for m in rows:
            code = m.dossier.code if m.dossier else "-"
            self.stdout.write(
                f"{m.pk}\t{code}\t{m.kind}\t{m.channel}\t{m.address}\t{m.attempts}\t{m.error_code}"
                f"\t{m.dead_at:%Y-%m-%d %H:%M}"
            )
        self.stdout.write(f"{len(rows)} thông báo gửi lỗi / dead notifications")
