"""The daily digest of dossiers at risk, per leader (issue 12 part 5): printed, and with --send
e-mailed to each leader who has an address. Scheduled daily at 07:00 by the worker (jobs/tasks.py)."""

from django.core.mail import send_mail
from django.core.management.base import BaseCommand

from motcua.core import clock
from motcua.organizations.models import Role, StaffRole
from motcua.reports.access import stats_scope
from motcua.reports.facts import VN
from motcua.reports.warnings import REASONS, at_risk, by_unit


def digest_text(rows) -> str:
    lines = []
    for unit, items in by_unit(rows).items():
        lines.append(f"{unit}:")
        for r in items:
            vi, _en = REASONS[r["reason"]]
            holder = r["holder"] or "chưa giao / unassigned"
            due = r["due_at"].astimezone(VN).strftime("%H:%M %d/%m/%Y")
            lines.append(
                f"  - {r['code']} · {r['procedure']} · hạn {due} · còn {r['hours_left']:g} giờ, "
                f"cần {r['hours_needed']:g} giờ · {vi} · {holder}"
            )
    return "\n".join(lines)


class Command(BaseCommand):
    help = "Bản tin hồ sơ có nguy cơ trễ hạn gửi lãnh đạo. / Daily digest of dossiers at risk, per leader."

    def add_arguments(self, parser):
        parser.add_argument("--hours", type=float, default=None, help="số giờ làm việc trước hạn / hours")
        parser.add_argument("--send", action="store_true", help="gửi thư cho lãnh đạo / e-mail the leaders")

    def handle(self, *args, hours, send, **options):
        today = clock.now().astimezone(VN).date()
        leaders = (
            StaffRole.objects.filter(role__in=[Role.LEADER, Role.SUPERVISOR])
            .select_related("user")
            .order_by("user_id")
            .distinct()
        )
        seen, sent, total = set(), 0, 0
        for grant in leaders:
            user = grant.user
            if user.pk in seen or not user.is_active:
                continue
            seen.add(user.pk)
            scope = stats_scope(user)
            if scope is None:
                continue
            rows = at_risk(scope, hours)
            if not rows:
                continue
            total += len(rows)
            text = digest_text(rows)
            self.stdout.write(
                f"== {user.get_full_name() or user.username} ({scope.label}): {len(rows)}\n{text}\n"
            )
            if send and user.email:
                send_mail(
                    f"[Một Cửa] {len(rows)} hồ sơ có nguy cơ trễ hạn ngày {today:%d/%m/%Y}",
                    text,
                    None,
                    [user.email],
                )
                sent += 1
        self.stdout.write(
            f"{len(seen)} lãnh đạo, {total} dòng cảnh báo, {sent} thư. / "
            f"{len(seen)} leaders, {total} warnings, {sent} e-mails."
        )
