"""`manage.py reconcile_portal [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--agency IDENTIFIER] [--json]`:
the reconciliation page as text or JSON — the sync rate per competent agency (DOSSIER_SYNC) for the
days given (default: this month), the dossiers by sync state, and those not in sync. Exit status 1
when any dossier has a dead letter or was never confirmed by the portal (for monitoring)."""

import json

from django.core.management.base import BaseCommand, CommandError

from motcua.integrations import selectors
from motcua.integrations.periods import parse_day, period
from motcua.organizations.models import Agency


class Command(BaseCommand):
    help = "Đối soát đồng bộ với Cổng DVCQG. / Reconcile what was sent with what the portal confirmed."

    def add_arguments(self, parser):
        parser.add_argument("--from", dest="first", help="YYYY-MM-DD (mặc định: đầu tháng)")
        parser.add_argument("--to", dest="last", help="YYYY-MM-DD (mặc định: hôm nay)")
        parser.add_argument("--agency", help="mã định danh cơ quan giải quyết / competent agency identifier")
        parser.add_argument("--limit", type=int, default=200)
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, **options):
        try:
            first, last, start, end = period(parse_day(options["first"]), parse_day(options["last"]))
        except ValueError:
            raise CommandError("Ngày không hợp lệ (YYYY-MM-DD). / Invalid date (YYYY-MM-DD).") from None
        agency_ids = None
        if options["agency"]:
            agency = Agency.objects.filter(identifier=options["agency"]).first()
            if agency is None:
                raise CommandError(f"Không có cơ quan {options['agency']}. / No agency {options['agency']}.")
            agency_ids = [agency.pk]
        rates = selectors.sync_rate(agency_ids, start, end)
        counts, rows = selectors.reconciliation(start, end, agency_ids=agency_ids, limit=options["limit"])
        identifiers = dict(Agency.objects.filter(pk__in=list(rates)).values_list("pk", "identifier"))
        total = selectors.total(rates)
        report = {
            "from": first.isoformat(),
            "to": last.isoformat(),
            "sync_rate": {
                identifiers.get(pk, str(pk)): {
                    "received": r.received,
                    "synced": r.synced,
                    "rate": float(r.rate) if r.rate is not None else None,
                }
                for pk, r in sorted(rates.items())
            },
            "total": {
                "received": total.received,
                "synced": total.synced,
                "rate": float(total.rate) if total.rate is not None else None,
            },
            "states": dict(counts),
            "not_in_sync": [
                {
                    "code": r.code,
                    "national_status": r.national_status,
                    "last_sent_status": r.last_sent_status,
                    "confirmed_status": r.confirmed_status,
                    "confirmed_at": r.confirmed_at.isoformat() if r.confirmed_at else None,
                    "pending": r.pending,
                    "dead": r.dead,
                    "state": r.state,
                }
                for r in rows
            ],
        }
        if options["json"]:
            self.stdout.write(json.dumps(report, ensure_ascii=False, indent=2))
        else:
            self.stdout.write(f"Kỳ / period {report['from']} – {report['to']}")
            for ident, r in report["sync_rate"].items():
                rate = "—" if r["rate"] is None else f"{r['rate']:.2%}"
                self.stdout.write(f"  {ident}: {r['synced']}/{r['received']} = {rate}")
            rate = "—" if total.rate is None else f"{float(total.rate):.2%}"
            self.stdout.write(f"Toàn tỉnh / province: {total.synced}/{total.received} = {rate}")
            for key, (vi, en) in selectors.SyncState.LABELS.items():
                self.stdout.write(f"  {vi} / {en}: {counts.get(key, 0)}")
            for r in rows:
                self.stdout.write(
                    f"  {r.code}: {r.national_status} sent={r.last_sent_status} "
                    f"confirmed={r.confirmed_status} pending={r.pending} dead={r.dead} → {r.state}"
                )
        if counts.get(selectors.SyncState.DEAD) or counts.get(selectors.SyncState.UNCONFIRMED):
            raise SystemExit(1)
