"""What keeping the statistics and the notifications current costs (issue 12), now that the worker's
outbox projector derives them after commit (jobs/projector.py), in one run:

- the request path, alternating rounds of `BENCH_PROJECTOR_N` (default 200) desk receipts
  (`perform(None, "receive", …)`, each its own transaction):
  - baseline: the receipt with no projection registered at all;
  - the receipt as it runs (the projections registered, run by the worker, not on the request's path);
  - for comparison, the receipt with the registered projections run over its outbox record inside its
    transaction (what the former after-action hooks did, through the projector's batch code);
  median rate of each and the ratios (the variants' order rotates per round); the worker's projector
  catches up between rounds;
- the projector's throughput: `BENCH_PROJECTOR_BACKLOG` (default 2,000) receipts left unprojected,
  then `Projector().drain()` (batches of MOTCUA_PROJECTOR_BATCH), in records/s;
- its lag under a steady load (PostgreSQL only: SQLite has one writer): a thread receiving
  `BENCH_PROJECTOR_RATE` dossiers/s (default 20) for `BENCH_PROJECTOR_SECONDS` (default 20) while the
  worker's projector loop runs beside it (MOTCUA_PROJECTOR_POLL, default 1 s); lag = projected_at −
  created_at of each record, p50 / p95 / max.

Run: `PYTHONPATH=src .venv/bin/python bench/bench_projector.py` (database `BENCH_DATABASE_URL`,
PostgreSQL `motcua_bench` by default; `sqlite:////tmp/bench.sqlite3` works too).
"""

from __future__ import annotations

import os
import statistics
import threading
import time

from _common import (
    bench_url,
    django_setup,
    ensure_database,
    is_postgres,
    load_note,
    migrate_and_load_province,
)

N = int(os.environ.get("BENCH_PROJECTOR_N", "200"))
ROUNDS = int(os.environ.get("BENCH_PROJECTOR_ROUNDS", "6"))
BACKLOG = int(os.environ.get("BENCH_PROJECTOR_BACKLOG", "2000"))
RATE = float(os.environ.get("BENCH_PROJECTOR_RATE", "20"))
SECONDS = float(os.environ.get("BENCH_PROJECTOR_SECONDS", "20"))


def main() -> None:
    url = bench_url()
    ensure_database(url)
    django_setup(url)
    migrate_and_load_province()
    from django.conf import settings
    from django.db import close_old_connections, connection, transaction

    from motcua.demo.agencies import commune_by_slug
    from motcua.dossiers import lifecycle, projections
    from motcua.dossiers.models import Dossier, OutboxMessage
    from motcua.jobs.management.commands.worker import relay_loop
    from motcua.jobs.projector import Projector, items_of
    from motcua.organizations.models import Agency, Applicant, User

    desk = User.objects.get(username="tiepnhan.vinhbao")
    commune = commune_by_slug("vinhbao")
    centre = Agency.objects.get(identifier=commune.centre_identifier)
    committee = Agency.objects.get(identifier=commune.identifier)
    applicants = list(Applicant.objects.order_by("pk")[:20])
    print(f"{connection.vendor}; {Dossier.objects.count():,} dossiers already there; {load_note()}")
    print(f"channels: {settings.MOTCUA_NOTIFY_CHANNELS!r}; projector batch {settings.MOTCUA_PROJECTOR_BATCH}")

    def params(i):
        return {
            "procedure": "1.001193",
            "channel": "in_person",
            "competent_agency": committee.identifier,
            "receiving_agency": centre.identifier,
            "applicant": applicants[i % len(applicants)],
            "eform_data": {},
            "components": [{"position": 1, "digitised": True}, {"position": 2}, {"position": 3}],
        }

    def receipt(i):
        return lifecycle.perform(None, "receive", desk, **params(i))

    def receipt_projected_inside(i):
        with transaction.atomic():
            d = receipt(i)
            record = OutboxMessage.objects.filter(key=d.code).values_list("id", "topic", "key", "payload")
            items = items_of(record)
            for projection in projections.registered().values():
                projection(items)
            OutboxMessage.objects.filter(key=d.code).update(projected_at=d.last_event.at)
        return d

    for i in range(10):
        receipt_projected_inside(i)
    Projector().drain()
    registered = dict(projections._PROJECTIONS)

    def receipt_no_projections(i):
        projections._PROJECTIONS.clear()  # nothing registered: what the request costs with no projection
        try:
            return receipt(i)
        finally:
            projections._PROJECTIONS.update(registered)

    variants = {
        "no projection registered": receipt_no_projections,
        "projections registered (the worker's)": receipt,
        "projection inside the transaction": receipt_projected_inside,
    }
    rates: dict[str, list[float]] = {label: [] for label in variants}
    order = list(variants.items())
    for rnd in range(ROUNDS):
        for label, func in order[rnd % 3 :] + order[: rnd % 3]:  # each variant first in turn
            t0 = time.perf_counter()
            for i in range(N):
                func(i)
            rates[label].append(N / (time.perf_counter() - t0))
        Projector().drain()  # the worker catches up between rounds (the bench's records stay counted)
    bare, base, inside = (statistics.median(rates[label]) for label in variants)
    print(f"\nrequest path ({ROUNDS} alternating rounds of {N} desk receipts, median):")
    for label in variants:
        print(f"  {label:<40} {statistics.median(rates[label]):8.1f}/s")
    print(f"  cost of the projections on the request path: {100 * (bare / base - 1):+.1f}%")
    inside_cost = 100 * (bare / inside - 1)
    print(
        f"  (run inside the receipt's transaction, one record at a time, they would cost {inside_cost:+.1f}%)"
    )

    for i in range(BACKLOG):
        receipt(i)
    t0 = time.perf_counter()
    result = Projector().drain()
    elapsed = time.perf_counter() - t0
    rate = result.projected / elapsed
    print(f"\nprojector throughput: {result.projected:,} records in {elapsed:.2f} s = {rate:,.0f} records/s")
    print(f"  (vs the receipts that wrote them: {BACKLOG / base:.1f} s at the alone rate)")

    if not is_postgres(url):
        print("\nlag under load: PostgreSQL only (SQLite has one writer)")
        return
    stop = threading.Event()
    projector = threading.Thread(
        target=relay_loop, args=(stop, Projector(), settings.MOTCUA_PROJECTOR_POLL), daemon=True
    )
    start_id = OutboxMessage.objects.order_by("-id").values_list("id", flat=True).first() or 0
    projector.start()
    t_start = time.perf_counter()
    done = 0
    while time.perf_counter() - t_start < SECONDS:
        receipt(done)
        done += 1
        ahead = done / RATE - (time.perf_counter() - t_start)
        if ahead > 0:
            time.sleep(ahead)
    deadline = time.monotonic() + 30
    while OutboxMessage.objects.filter(id__gt=start_id, projected_at__isnull=True).exists():
        assert time.monotonic() < deadline, "the projector did not catch up"
        time.sleep(0.1)
    stop.set()
    projector.join(5)
    close_old_connections()
    lags = sorted(
        (p - c).total_seconds()
        for c, p in OutboxMessage.objects.filter(id__gt=start_id).values_list("created_at", "projected_at")
    )
    p95 = lags[int(0.95 * (len(lags) - 1))]
    print(
        f"\nlag under a steady {done / SECONDS:.1f} receipts/s for {SECONDS:.0f} s "
        f"(poll {settings.MOTCUA_PROJECTOR_POLL} s): "
        f"p50 {statistics.median(lags):.2f} s, p95 {p95:.2f} s, max {lags[-1]:.2f} s"
    )


if __name__ == "__main__":
    main()
