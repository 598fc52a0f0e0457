"""`receive` throughput: through the lifecycle service, through HTTP, and a bare single-row INSERT of the
same dossier row, in one run.

Run: `.venv/bin/python bench/bench_receive.py` (database `BENCH_DATABASE_URL`, PostgreSQL
`motcua_bench` by default; `sqlite:////tmp/bench.sqlite3` works too; `BENCH_RECEIVE_N` receipts per
variant, default 200). Sequential, one client, each receipt its own transaction:
- service, desk receipt: `perform(None, "receive", desk, …)` creates an in-person dossier (code from the
  counter, due date from the calendar, first step, event, outbox row, fees);
- service, receipt of a submitted dossier: `perform(code, "receive", desk, version)`;
- HTTP: `POST /api/v1/dossiers/{code}/actions/receive` with a bearer token, on a live `runserver`
  on loopback (one thread, DEBUG off);
- baseline: `INSERT INTO dossiers_dossier … VALUES (…)` of the row the service wrote (new code), one
  statement per transaction, through the same connection.
Target (issue 4 (a)): ≥ 50% of the bare insert rate.
"""

from __future__ import annotations

import os
import sys
import time

from _common import (
    LiveServer,
    bench_url,
    django_setup,
    ensure_database,
    load_note,
    migrate_and_load_province,
)

N = int(os.environ.get("BENCH_RECEIVE_N", "200"))
PROCEDURE = "1.001193"  # birth registration, received at the commune centre
DESK = "tiepnhan.vinhbao"
COMMUNE = "vinhbao"


def main() -> None:
    url = bench_url()
    ensure_database(url)
    django_setup(url)
    migrate_and_load_province()
    from django.db import connection

    from motcua.api.auth import token_issue
    from motcua.demo.agencies import commune_by_slug
    from motcua.dossiers import lifecycle
    from motcua.dossiers.models import Dossier
    from motcua.organizations.models import Agency, Applicant, User

    desk = User.objects.get(username=DESK)
    commune = commune_by_slug(COMMUNE)
    centre = Agency.objects.get(identifier=commune.centre_identifier)
    committee = Agency.objects.get(identifier=commune.identifier)
    applicants = list(Applicant.objects.order_by("pk")[:20])
    print(f"{connection.vendor}; {Dossier.objects.count():,} dossiers already there; {load_note()}; N={N}")

    def params(i: int, channel: str) -> dict:
        return {
            "procedure": PROCEDURE,
            "channel": channel,
            "competent_agency": committee.identifier,
            "receiving_agency": centre.identifier,
            "applicant": applicants[i % len(applicants)],
            "eform_data": {"ho_ten": applicants[i % len(applicants)].full_name, "bench": "receive"},
            "components": [{"position": 1, "digitised": True}],
        }

    results = {}

    # warm-up: calendar, process definition, connection
    for i in range(5):
        lifecycle.perform(None, "receive", desk, **params(i, "in_person"))

    t0 = time.perf_counter()
    created = [lifecycle.perform(None, "receive", desk, **params(i, "in_person")) for i in range(N)]
    results["service: desk receipt (creates the dossier)"] = N / (time.perf_counter() - t0)

    submitted = [lifecycle.perform(None, "submit", desk, **params(i, "post")) for i in range(2 * N)]
    t0 = time.perf_counter()
    for d in submitted[:N]:
        lifecycle.perform(d.code, "receive", desk, d.version)
    results["service: receipt of a submitted dossier"] = N / (time.perf_counter() - t0)

    with LiveServer(url) as server:
        _, token = token_issue(desk, name="bench")
        conn = server.connection()
        headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}

        def post(code: str) -> None:
            conn.request(
                "POST", f"/api/v1/dossiers/{code}/actions/receive", '{"expected_version": 1}', headers
            )
            response = conn.getresponse()
            body = response.read()
            assert response.status == 200, (response.status, body[:300])

        t0 = time.perf_counter()
        for d in submitted[N:]:
            post(d.code)
        results["HTTP: POST …/actions/receive (live server)"] = N / (time.perf_counter() - t0)
        conn.close()

    # The baseline: the same row, bare INSERT, one per transaction (autocommit).
    table = Dossier._meta.db_table
    fields = [f for f in Dossier._meta.concrete_fields if not f.primary_key]
    columns = ", ".join(f'"{f.column}"' for f in fields)
    marks = ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO {table} ({columns}) VALUES ({marks})"
    rows = []
    for i, d in enumerate(created):
        values = [f.get_db_prep_save(getattr(d, f.attname), connection) for f in fields]
        values[[f.attname for f in fields].index("code")] = f"BENCH-{time.time_ns()}-{i}"
        rows.append(values)
    t0 = time.perf_counter()
    with connection.cursor() as cur:
        for values in rows:
            cur.execute(sql, values)
    base = N / (time.perf_counter() - t0)
    # A second reference: the smallest transaction the architecture asks of a receipt (code counter,
    # dossier, one event, one outbox row, committed together), as raw SQL.
    from django.db import transaction

    from motcua.dossiers.models import DossierCodeCounter, DossierEvent, OutboxMessage

    ev_table, ob_table = DossierEvent._meta.db_table, OutboxMessage._meta.db_table
    counter_table = DossierCodeCounter._meta.db_table
    counter = DossierCodeCounter.objects.filter(agency=centre).order_by("-day").first()
    at = created[0].received_at
    t0 = time.perf_counter()
    with connection.cursor() as cur:
        for values in rows:
            values = list(values)
            values[[f.attname for f in fields].index("code")] = "BENCH-T-" + values[0]
            with transaction.atomic():
                cur.execute(
                    f"UPDATE {counter_table} SET last = last + 1 WHERE id = %s RETURNING last", [counter.pk]
                )
                cur.execute(sql + " RETURNING id", values)
                new_id = cur.fetchone()[0]
                cur.execute(
                    f"INSERT INTO {ev_table} (dossier_id, seq, at, action, actor_name, role, from_state, "
                    "to_state, national_status, from_step, to_step, comment, step_outcome, is_public, "
                    "public_text, data, dossier_version) VALUES (%s, 1, %s, 'receive', '', "
                    "'desk_officer', '', 'received', 2, '', 'thu-ly', '', '', true, '', '{}', 1)",
                    [new_id, at],
                )
                cur.execute(
                    f"INSERT INTO {ob_table} (topic, key, payload, created_at, attempts, last_error) "
                    "VALUES ('dossier.receive', %s, '{}', %s, 0, '')",
                    [values[0], at],
                )
    minimal = N / (time.perf_counter() - t0)
    with connection.cursor() as cur:
        cur.execute(
            f"DELETE FROM {ev_table} WHERE dossier_id IN (SELECT id FROM {table} WHERE code LIKE 'BENCH-%%')"
        )
        cur.execute(f"DELETE FROM {ob_table} WHERE key LIKE 'BENCH-%%'")
        cur.execute(f"DELETE FROM {table} WHERE code LIKE 'BENCH-%%'")

    print(f"{'variant':<48} {'per s':>8} {'ms each':>8} {'vs INSERT':>10}")
    print(f"{'bare single-row INSERT (baseline)':<48} {base:>8.0f} {1000 / base:>8.2f} {'100%':>10}")
    label = "raw minimal receipt transaction (5 statements)"
    print(f"{label:<48} {minimal:>8.0f} {1000 / minimal:>8.2f} {minimal / base:>10.1%}")
    for label, rate in results.items():
        print(f"{label:<48} {rate:>8.1f} {1000 / rate:>8.2f} {rate / base:>10.1%}")
    print("target: ≥ 50% of the bare insert rate")


if __name__ == "__main__":
    sys.exit(main())
