"""The receive path under concurrency (issue 17, part 6): HTTP submit + receive pairs, the service call,
and the raw minimal receipt transaction, all at 8 concurrent clients, in one run; then the dossier read
against the worklist page.

Run: `.venv/bin/python bench/bench_receive_http.py` (database `BENCH_DATABASE_URL`, PostgreSQL
`motcua_bench` by default; `BENCH_SRC=<other checkout>/src` measures another version of the code with
the same benchmark). `BENCH_CLIENTS` (default 8) clients, `BENCH_WORKERS` gunicorn workers (default:
the number of cores), `BENCH_HTTP_N` pairs per client (default 25), `BENCH_READS` reads per client
(default 50), `BENCH_THREADS` threads per gunicorn worker (default 1: sync workers; more: gthread). Variants:
- raw minimal receipt transaction: counter `UPDATE … RETURNING`, dossier INSERT, event INSERT, outbox
  INSERT, in one `BEGIN … COMMIT`, plain SQL, on as many connections as clients (threads);
- ORM minimal receipt: the same four rows through the ORM (counter `update(last=F("last") + 1)`,
  `Dossier.objects.create`, `DossierEvent.objects.create`, `OutboxMessage.objects.create`) in one
  `transaction.atomic()`, in as many processes as clients (`BENCH_ORM_N` each, default 50): what any
  Django code writing these rows costs, the ceiling of the service call;
- service: `lifecycle.perform(None, "receive", desk, …)` (a desk receipt creating the dossier: the same
  four rows plus components and fees), and a submit then its receipt, in as many processes as clients;
- HTTP: `POST /api/v1/dossiers` then `POST /api/v1/dossiers/{code}/actions/receive` (bearer token,
  gunicorn with `BENCH_WORKERS` sync workers), pairs per second over all clients, and the CPU time
  gunicorn's processes spent per pair (less moved by other load on the machine than the rate);
- reads over HTTP, same clients: `GET /api/v1/dossiers/{code}` of the dossiers just received, and the
  desk's worklist page (`GET /api/v1/dossiers`, 50 rows): p50 / p95.
Targets: HTTP pairs ≥ 25% of the raw transactions per second; the service call ≥ 50%; dossier read
p95 ≤ 2 × the worklist page p95.
"""

from __future__ import annotations

import functools
import json
import multiprocessing
import os
import sys
import threading
import time

from _common import (
    SRC,
    LiveServer,
    ReceiptSetup,
    bench_url,
    django_setup,
    ensure_database,
    load_note,
    migrate_and_load_province,
    orm_minimal_receipt,
    summary,
)

CLIENTS = int(os.environ.get("BENCH_CLIENTS", "8"))
WORKERS = int(os.environ.get("BENCH_WORKERS", str(os.cpu_count() or 2)))
HTTP_N = int(os.environ.get("BENCH_HTTP_N", "25"))
SERVICE_N = int(os.environ.get("BENCH_SERVICE_N", "25"))
RAW_N = int(os.environ.get("BENCH_RAW_N", "100"))
ORM_N = int(os.environ.get("BENCH_ORM_N", "50"))
READS = int(os.environ.get("BENCH_READS", "50"))


def _run_threads(count: int, target) -> float:
    """Run `target(i)` in `count` threads at once; the seconds from the first start to the last end."""
    ready = threading.Barrier(count + 1)
    spans: list[tuple[float, float]] = []

    def run(i):
        ready.wait()
        t0 = time.perf_counter()
        target(i)
        spans.append((t0, time.perf_counter()))

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for t in threads:
        t.start()
    ready.wait()
    for t in threads:
        t.join()
    return max(e for _, e in spans) - min(s for s, _ in spans)


def _service_child(i: int, n: int, start, out, kind: str = "") -> None:
    from motcua.dossiers import lifecycle
    from motcua.organizations.models import User

    desk = User.objects.get(username=ReceiptSetup.DESK)
    params = _PARAMS
    start.wait()
    t0 = time.time()
    for k in range(n):
        p = params(i * n + k)
        if kind == "desk receipt":
            lifecycle.perform(None, "receive", desk, **{**p, "channel": "in_person"})
        else:
            d = lifecycle.perform(None, "submit", desk, **p)
            lifecycle.perform(d.code, "receive", desk, d.version)
    out.put((t0, time.time()))


def _orm_child(i: int, n: int, start, out) -> None:
    """The ORM minimal receipt, `n` times: the raw transaction's four rows written through the ORM."""
    counter_pk, values, at, stamp = _ORM
    start.wait()
    t0 = time.time()
    for k in range(n):
        orm_minimal_receipt(counter_pk, values, at, f"BENCH-H-O-{stamp}-{i}-{k}")
    out.put((t0, time.time()))


def _processes(target, n: int) -> float:
    """`target(i, n, start, out)` in `CLIENTS` forked processes at once; the seconds from the first
    start to the last end."""
    fork = multiprocessing.get_context("fork")
    start, out = fork.Barrier(CLIENTS), fork.Queue()
    procs = [fork.Process(target=target, args=(i, n, start, out)) for i in range(CLIENTS)]
    for p in procs:
        p.start()
    spans = [out.get() for _ in procs]
    for p in procs:
        p.join()
    return max(e for _, e in spans) - min(s for s, _ in spans)


_PARAMS = None  # set in main() before the processes fork
_ORM = None  # (counter pk, the dossier's field values, event time, stamp): set in main() before the fork


def main() -> None:
    global _PARAMS, _ORM
    url = bench_url()
    ensure_database(url)
    django_setup(url)
    migrate_and_load_province()
    from django.db import connection, connections, transaction

    from motcua.api.auth import token_issue
    from motcua.dossiers import lifecycle
    from motcua.dossiers.models import Dossier, DossierCodeCounter, DossierEvent, OutboxMessage
    from motcua.organizations.models import Role, User

    setup = ReceiptSetup()
    desk, centre, committee = setup.desk, setup.centre, setup.committee

    params = setup.params  # a paper dossier ("post")
    _PARAMS = params
    print(f"code: {SRC}")
    print(f"{connection.vendor}; {Dossier.objects.count():,} dossiers already there; {load_note()}")
    print(
        f"{CLIENTS} clients; HTTP {HTTP_N} pairs, service {SERVICE_N}, raw {RAW_N}, ORM {ORM_N} "
        "transactions per client"
    )
    for i in range(5):  # warm-up: calendar, caches, the day's counter row
        d = lifecycle.perform(None, "submit", desk, **params(i))
        lifecycle.perform(d.code, "receive", desk, d.version)
    results: dict[str, float] = {}

    # ----- raw minimal receipt transaction, one connection per client thread
    sample = Dossier.objects.filter(receiving_agency=centre).order_by("-pk").first()
    fields = [f for f in Dossier._meta.concrete_fields if not f.primary_key]
    table, ev_table, ob_table = (
        Dossier._meta.db_table,
        DossierEvent._meta.db_table,
        OutboxMessage._meta.db_table,
    )
    counter = DossierCodeCounter.objects.filter(agency=centre).order_by("-day").first()
    columns = ", ".join(f'"{f.column}"' for f in fields)
    insert_sql = f"INSERT INTO {table} ({columns}) VALUES ({', '.join(['%s'] * len(fields))}) RETURNING id"
    code_at = [f.attname for f in fields].index("code")
    base_values = [f.get_db_prep_save(getattr(sample, f.attname), connection) for f in fields]
    at = sample.received_at
    stamp = time.time_ns()

    def raw(i: int) -> None:
        from django.db import connection as conn

        with conn.cursor() as cur:
            for k in range(RAW_N):
                values = list(base_values)
                values[code_at] = f"BENCH-H-{stamp}-{i}-{k}"
                with transaction.atomic():
                    cur.execute(
                        f"UPDATE {DossierCodeCounter._meta.db_table} SET last = last + 1 WHERE id = %s "
                        "RETURNING last",
                        [counter.pk],
                    )
                    cur.execute(insert_sql, values)
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
        conn.close()

    seconds = _run_threads(CLIENTS, raw)
    results["raw minimal receipt transaction"] = CLIENTS * RAW_N / seconds

    # ----- the same four rows through the ORM, one process per client
    _ORM = (counter.pk, {f.attname: getattr(sample, f.attname) for f in fields}, at, stamp)
    connections.close_all()
    seconds = _processes(_orm_child, ORM_N)
    results["ORM minimal receipt"] = CLIENTS * ORM_N / seconds

    # ----- the service call, one process per client
    for kind in ("desk receipt", "submit + receive"):
        seconds = _processes(functools.partial(_service_child, kind=kind), SERVICE_N)
        results[f"service: {kind}"] = CLIENTS * SERVICE_N / seconds

    # ----- HTTP: submit + receive pairs, then reads
    _, token = token_issue(desk, name="bench-http")
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    # the worklist of the officer the received dossiers wait for (the first step, at the committee)
    officer = User.objects.filter(
        staff_roles__agency=committee, staff_roles__role=Role.PROCESSING_OFFICER
    ).first()
    _, officer_token = token_issue(officer, name="bench-http")
    officer_headers = {"Authorization": f"Bearer {officer_token}"}
    received: list[str] = []
    with LiveServer(url, workers=WORKERS) as server:
        print(server.describe())

        def pairs(i: int) -> None:
            conn = server.connection()
            for k in range(HTTP_N):
                p = params(i * HTTP_N + k)
                applicant = p.pop("applicant")
                body = {**p, "applicant_id": applicant}
                conn.request("POST", "/api/v1/dossiers", json.dumps(body), headers)
                response = conn.getresponse()
                submitted = json.loads(response.read())
                assert response.status == 201, (response.status, submitted)
                conn.request(
                    "POST",
                    f"/api/v1/dossiers/{submitted['code']}/actions/receive",
                    json.dumps({"expected_version": submitted["version"]}),
                    headers,
                )
                response = conn.getresponse()
                done = json.loads(response.read())
                assert response.status == 200 and done["dossier"]["state"] == "received", done
                received.append(submitted["code"])
            conn.close()

        pairs(0)  # warm-up of both workers' caches
        pairs(1)
        received.clear()
        cpu = server.cpu_seconds()
        seconds = _run_threads(CLIENTS, pairs)
        server_cpu_ms = (server.cpu_seconds() - cpu) * 1000 / (CLIENTS * HTTP_N)
        results["HTTP: submit + receive pairs"] = CLIENTS * HTTP_N / seconds

        samples: dict[str, list[float]] = {"dossier read": [], "worklist page": []}

        def reads(i: int) -> None:
            conn = server.connection()
            for k in range(READS):
                for label, path, who in (
                    (
                        "dossier read",
                        f"/api/v1/dossiers/{received[(i * READS + k) % len(received)]}",
                        headers,
                    ),
                    ("worklist page", "/api/v1/dossiers?limit=50", officer_headers),
                ):
                    t0 = time.perf_counter()
                    conn.request("GET", path, headers=who)
                    response = conn.getresponse()
                    response.read()
                    samples[label].append((time.perf_counter() - t0) * 1000)
                    assert response.status == 200, response.status
            conn.close()

        _run_threads(CLIENTS, reads)

    connection.close()
    with connection.cursor() as cur:
        bench_rows = f"SELECT id FROM {table} WHERE code LIKE 'BENCH-H-%%'"
        cur.execute(f"DELETE FROM {ev_table} WHERE dossier_id IN ({bench_rows})")
        cur.execute(f"DELETE FROM {ob_table} WHERE key LIKE 'BENCH-H-%%'")
        cur.execute(f"DELETE FROM {table} WHERE code LIKE 'BENCH-H-%%'")

    base = results["raw minimal receipt transaction"]
    print(f"{'variant':<40} {'per s':>8} {'vs raw':>8}")
    for label, rate in results.items():
        print(f"{label:<40} {rate:>8.1f} {rate / base:>8.1%}")
    for label, values in samples.items():
        p50, p95 = summary(values)
        print(f"{label:<40} p50 {p50:6.1f} ms  p95 {p95:6.1f} ms  (n={len(values)})")
    print(f"HTTP: server CPU per pair (gunicorn's processes, user + system): {server_cpu_ms:.1f} ms")
    ratio = summary(samples["dossier read"])[1] / summary(samples["worklist page"])[1]
    print(f"dossier read p95 / worklist page p95: {ratio:.2f}")
    print("targets: HTTP pairs ≥ 25% of raw; service ≥ 50% of raw; read p95 ≤ 2× worklist p95")


if __name__ == "__main__":
    sys.exit(main())
