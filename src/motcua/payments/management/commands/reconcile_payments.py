"""`manage.py reconcile_payments [--days N] [--apply]`: compare the gateways' records with ours and list
the differences (payments/reconciliation.py); `--apply` settles payments the gateway took that we never
heard of. Exit code 1 when there are differences (for a scheduler's alert)."""

from datetime import timedelta

from django.core.management.base import BaseCommand

from motcua.core import clock
from motcua.payments.reconciliation import reconcile


class Command(BaseCommand):
    help = "Đối soát thanh toán với cổng thanh toán. / Reconcile online payments with the gateways."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=2)
        parser.add_argument("--apply", action="store_true")

    def handle(self, *args, days=2, apply=False, **options):
        found = reconcile(clock.now() - timedelta(days=max(1, days)), apply=apply)
        for d in found:
            self.stdout.write(
                f"{d.attempt.txn_ref}\t{d.attempt.dossier.code}\t{d.kind}\t{d.ours}\t{d.theirs}"
            )
        self.stdout.write(f"{len(found)} khác biệt / differences")
        if found:
            raise SystemExit(1)
