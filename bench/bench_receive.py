"""`receive` throughput: through the lifecycle service, through HTTP, and a bare single-row INSERT of the
same dossier row, in one run.

Run: `.venv/bin/python bench/bench_receive.py` (database `BENCH_DATABASE_URL`, PostgreSQL
`motcua_bench` by default; `sqlite:////tmp/bench.sqlite3` works too; `BENCH_RECEIVE_N` receipts per
variant and round, default 200; `BENCH_RECEIVE_ROUNDS`, default 3). Sequential, one client, each
receipt its own transaction. The variants run in turn within each round (so a noisy minute hurts all
of them alike) and the median round is reported:
- baseline: `INSERT INTO dossiers_dossier … VALUES (…)` of a row the service wrote (new code), one
  statement per transaction (autocommit), through the same connection;
- references: the same row through the ORM (`Dossier.objects.create`, autocommit); the smallest
  transaction a receipt needs by the architecture (counter, dossier, event, outbox) as raw SQL; and, on
  PostgreSQL, the floor of any design: those four writes as one statement (data-modifying CTEs, one
  round trip, autocommit), alone and after the one read a permission check needs;
- service, desk receipt: `perform(None, "receive", desk, …)` creates an in-person dossier (code from
  the counter, due date from the calendar, first step, component, fees, event, outbox row);
- service, receipt of a submitted dossier: `perform(code, "receive", desk, version)`;
- HTTP: `POST /api/v1/dossiers/{code}/actions/receive` with a bearer token, on a live server on
  loopback (bench/_common.py: gunicorn, one sync worker, DEBUG off).
For the in-process variants the run also counts statements and the time spent inside the database
driver (round trip + server work), so "the rest" is Python.
Target (issue 4 (a)): ≥ 50% of the bare insert rate.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from contextlib import contextmanager

from _common import (
    LiveServer,
    Meter,
    ReceiptSetup,
    bench_url,
    django_setup,
    ensure_database,
    load_note,
    migrate_and_load_province,
)

N = int(os.environ.get("BENCH_RECEIVE_N", "200"))
ROUNDS = int(os.environ.get("BENCH_RECEIVE_ROUNDS", "3"))


def main() -> None:
    url = bench_url()
    ensure_database(url)
    django_setup(url)
    migrate_and_load_province()
    from django.db import connection, transaction

    from motcua.api.auth import token_issue
    from motcua.dossiers import lifecycle
    from motcua.dossiers.models import Dossier, DossierCodeCounter, DossierEvent, OutboxMessage

    setup = ReceiptSetup()
    desk, centre, params = setup.desk, setup.centre, setup.params
    print(f"{connection.vendor}; {Dossier.objects.count():,} dossiers already there; {load_note()}")
    print(f"N={N} per variant and round, {ROUNDS} rounds")

    @contextmanager
    def metered(stats: dict, label: str):
        meter = Meter()
        with connection.execute_wrapper(meter):
            t0 = time.perf_counter()
            yield
            elapsed = time.perf_counter() - t0
        stats.setdefault(label, []).append((N / elapsed, meter.statements / N, 1000 * meter.seconds / N))

    table = Dossier._meta.db_table
    fields = [f for f in Dossier._meta.concrete_fields if not f.primary_key]
    columns = ", ".join(f'"{f.column}"' for f in fields)
    marks = ", ".join(["%s"] * len(fields))
    insert_sql = f"INSERT INTO {table} ({columns}) VALUES ({marks})"
    code_at = [f.attname for f in fields].index("code")
    ev_table, ob_table = DossierEvent._meta.db_table, OutboxMessage._meta.db_table
    counter_table = DossierCodeCounter._meta.db_table

    # warm-up: calendar, caches, connection
    for i in range(5):
        lifecycle.perform(None, "receive", desk, **params(i, "in_person"))

    stats: dict[str, list[tuple[float, float, float]]] = {}
    server = LiveServer(url).__enter__()
    _, token = token_issue(desk, name="bench")
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    try:
        for rnd in range(ROUNDS):
            with metered(stats, "service: desk receipt (creates the dossier)"):
                created = [
                    lifecycle.perform(None, "receive", desk, **params(i, "in_person")) for i in range(N)
                ]
            submitted = [lifecycle.perform(None, "submit", desk, **params(i, "post")) for i in range(2 * N)]
            with metered(stats, "service: receipt of a submitted dossier"):
                for d in submitted[:N]:
                    lifecycle.perform(d.code, "receive", desk, d.version)

            conn = server.connection()
            t0 = time.perf_counter()
            for d in submitted[N:]:
                conn.request(
                    "POST", f"/api/v1/dossiers/{d.code}/actions/receive", '{"expected_version": 1}', headers
                )
                response = conn.getresponse()
                body = response.read()
                assert response.status == 200, (response.status, body[:300])
            stats.setdefault("HTTP: POST …/actions/receive (live server)", []).append(
                (N / (time.perf_counter() - t0), 0, 0)
            )
            conn.close()

            rows = []
            for i, d in enumerate(created):
                values = [f.get_db_prep_save(getattr(d, f.attname), connection) for f in fields]
                values[code_at] = f"BENCH-{rnd}-{i}"
                rows.append(values)
            with metered(stats, "bare single-row INSERT (baseline)"), connection.cursor() as cur:
                for values in rows:
                    cur.execute(insert_sql, values)
            with metered(stats, "ORM Dossier.objects.create, same row"):
                for i, d in enumerate(created):
                    kwargs = {f.attname: getattr(d, f.attname) for f in fields}
                    kwargs["code"] = f"BENCH-O-{rnd}-{i}"
                    Dossier.objects.create(**kwargs)
            counter = DossierCodeCounter.objects.filter(agency=centre).order_by("-day").first()
            at = created[0].received_at
            with metered(stats, "raw minimal receipt transaction (5 statements)"), connection.cursor() as cur:
                for values in rows:
                    values = list(values)
                    values[code_at] = "BENCH-T-" + values[code_at]
                    with transaction.atomic():
                        cur.execute(
                            f"UPDATE {counter_table} SET last = last + 1 WHERE id = %s RETURNING last",
                            [counter.pk],
                        )
                        cur.execute(insert_sql + " RETURNING id", values)
                        new_id = cur.fetchone()[0]
                        cur.execute(
                            f"INSERT INTO {ev_table} (dossier_id, seq, at, action, actor_name, role, "
                            "from_state, to_state, national_status, from_step, to_step, comment, "
                            "step_outcome, is_public, public_text, data, dossier_version) VALUES "
                            "(%s, 1, %s, 'receive', '', 'desk_officer', '', 'received', 2, '', 'thu-ly', "
                            "'', '', true, '', '{}', 1)",
                            [new_id, at],
                        )
                        cur.execute(
                            f"INSERT INTO {ob_table} (topic, key, payload, created_at, attempts, last_error, "
                            "claimed_by, last_error_code, projection_claimed_by) "
                            "VALUES ('dossier.receive', %s, '{}', %s, 0, '', '', '', '')",
                            [values[code_at], at],
                        )
            if connection.vendor == "postgresql":
                # The floor of any design: the same four writes as ONE statement (data-modifying CTEs,
                # autocommit, one round trip), alone and after the one read a permission check needs.
                event_cols = (
                    "dossier_id, seq, at, action, actor_name, role, from_state, to_state, national_status, "
                    "from_step, to_step, comment, step_outcome, is_public, public_text, data, dossier_version"
                )
                cte_sql = (
                    f"WITH c AS (UPDATE {counter_table} SET last = last + 1 WHERE id = %s RETURNING last), "
                    f"d AS ({insert_sql} RETURNING id), "
                    f"e AS (INSERT INTO {ev_table} ({event_cols}) SELECT id, 1, %s, 'receive', '', "
                    "'desk_officer', '', 'received', 2, '', 'thu-ly', '', '', true, '', '{}', 1 FROM d), "
                    f"o AS (INSERT INTO {ob_table} (topic, key, payload, created_at, attempts, last_error, "
                    "claimed_by, last_error_code, projection_claimed_by) "
                    "VALUES ('dossier.receive', %s, '{}', %s, 0, '', '', '', '')) "
                    "SELECT (SELECT last FROM c), (SELECT id FROM d)"
                )
                grants_sql = (
                    "SELECT agency_id, role FROM organizations_staffrole WHERE user_id = %s "
                    "UNION ALL SELECT agency_id, role FROM organizations_delegation WHERE delegate_id = %s"
                )
                for label, with_read in (
                    ("raw single statement (one CTE, autocommit)", False),
                    ("  the same after one permission read", True),
                ):
                    with metered(stats, label), connection.cursor() as cur:
                        for values in rows:
                            values = list(values)
                            values[code_at] = f"BENCH-C{int(with_read)}-" + values[code_at]
                            if with_read:
                                cur.execute(grants_sql, [desk.pk, desk.pk])
                                cur.fetchall()
                            cur.execute(cte_sql, [counter.pk, *values, at, values[code_at], at])
                            cur.fetchone()
    finally:
        server.__exit__()
        with connection.cursor() as cur:
            cur.execute(
                f"DELETE FROM {ev_table} WHERE dossier_id IN "
                f"(SELECT id FROM {table} WHERE code LIKE 'BENCH-%%')"
            )
            cur.execute(f"DELETE FROM {ob_table} WHERE key LIKE 'BENCH-%%'")
            cur.execute(f"DELETE FROM {table} WHERE code LIKE 'BENCH-%%'")

    def median_round(label):
        runs = sorted(stats[label])
        return runs[len(runs) // 2]

    base = median_round("bare single-row INSERT (baseline)")[0]
    order = [
        "bare single-row INSERT (baseline)",
        "ORM Dossier.objects.create, same row",
        "raw minimal receipt transaction (5 statements)",
        "raw single statement (one CTE, autocommit)",
        "  the same after one permission read",
        "service: desk receipt (creates the dossier)",
        "service: receipt of a submitted dossier",
        "HTTP: POST …/actions/receive (live server)",
    ]
    print(
        f"{'variant':<48} {'per s':>7} {'ms each':>8} {'vs INSERT':>9} {'stmts':>6} {'in DB ms':>8} "
        f"{'rounds (per s)':>22}"
    )
    for label in order:
        if label not in stats:  # the single-statement floor is PostgreSQL only
            continue
        rate, statements, db_ms = median_round(label)
        spread = "/".join(f"{r:.0f}" for r, _, _ in stats[label])
        db = f"{db_ms:8.2f}" if statements else f"{'':>8}"
        st = f"{statements:6.1f}" if statements else f"{'':>6}"
        print(f"{label:<48} {rate:>7.0f} {1000 / rate:>8.2f} {rate / base:>9.1%} {st} {db} {spread:>22}")
    desk_label = "service: desk receipt (creates the dossier)"
    ratios = [r / b for (r, _, _), (b, _, _) in zip(stats[desk_label], stats[order[0]], strict=True)]
    print(
        f"desk receipt vs INSERT per round: {', '.join(f'{x:.1%}' for x in ratios)}; "
        f"median {statistics.median(ratios):.1%}"
    )
    print("target: ≥ 50% of the bare insert rate")


if __name__ == "__main__":
    sys.exit(main())
