"""CPU profile of one receipt in process (issue 17, part 6): the service desk receipt, the receipt of a
submitted dossier, and the HTTP submit + receive through Django's test client and through the WSGI
handler as gunicorn calls it (no network); for reference, the ORM minimal receipt of
bench_receive_http.py (counter, dossier, event and outbox rows through the ORM in one transaction: what
any Django code writing these rows costs).

Run: `PYTHONPATH=src .venv/bin/python bench/profile_receive.py [N]` (database `BENCH_DATABASE_URL`,
PostgreSQL `motcua_bench` by default; `BENCH_SRC=<other checkout>/src` profiles another version of the
code). Prints, per variant, the process CPU time per receipt (`time.process_time`, less noisy than wall
time on a shared machine: the database's own work is in another process and not counted). With
`PROFILE=1` also the cProfile top 35 by own time; with `PROFILE=1` or `PROFILE=count`, the Python
function calls per call (deterministic), and for the HTTP variants those made outside the service
calls (`lifecycle.perform`: the profiler paused while it runs), i.e. the HTTP layer's own.
"""

from __future__ import annotations

import cProfile
import io
import json
import os
import pstats
import sys
import time

from _common import (
    ReceiptSetup,
    bench_url,
    django_setup,
    ensure_database,
    migrate_and_load_province,
    orm_minimal_receipt,
)

N = int(sys.argv[1]) if len(sys.argv) > 1 else 200


def main() -> None:
    url = bench_url()
    ensure_database(url)
    # as the live server runs (bench/_common.py LiveServer): the WSGI variant ends each request as a
    # server does, which closes a connection that is not persistent
    os.environ.setdefault("MOTCUA_DB_CONN_MAX_AGE", "600")
    django_setup(url)
    migrate_and_load_province()
    from django.test import Client

    from motcua.api.auth import token_issue
    from motcua.dossiers import lifecycle
    from motcua.dossiers.models import Dossier, DossierCodeCounter

    setup = ReceiptSetup()
    desk, centre, committee, params = setup.desk, setup.centre, setup.committee, setup.params

    _, token = token_issue(desk, name="profile")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {token}", HTTP_HOST="localhost")
    body = {
        "procedure": setup.PROCEDURE,
        "channel": "post",
        "competent_agency": committee.identifier,
        "receiving_agency": centre.identifier,
        "applicant_id": setup.applicant_ids[0],
        "components": [{"position": 1}, {"position": 2}, {"position": 3}],
    }

    def desk_receipt(i):
        lifecycle.perform(None, "receive", desk, **params(i, "in_person"))

    submitted = []

    def submitted_receipt(i):
        d = submitted[i]
        lifecycle.perform(d.code, "receive", desk, d.version)

    def http_pair(i):
        r = client.post("/api/v1/dossiers", json.dumps(body), content_type="application/json")
        assert r.status_code in (200, 201), (r.status_code, r.content[:400])
        code = r.json()["code"]
        r = client.post(
            f"/api/v1/dossiers/{code}/actions/receive",
            json.dumps({"expected_version": 1}),
            content_type="application/json",
        )
        assert r.status_code == 200, (r.status_code, r.content[:400])

    from django.core.handlers.wsgi import WSGIHandler

    wsgi = WSGIHandler()

    def wsgi_call(path: str, payload: dict) -> tuple[str, bytes]:
        """One request through the WSGI application, with the environ a gunicorn sync worker builds."""
        data = json.dumps(payload).encode()
        environ = {
            "REQUEST_METHOD": "POST",
            "PATH_INFO": path,
            "QUERY_STRING": "",
            "SERVER_NAME": "127.0.0.1",
            "SERVER_PORT": "8000",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "REMOTE_ADDR": "127.0.0.1",
            "HTTP_HOST": "localhost",
            "HTTP_AUTHORIZATION": f"Bearer {token}",
            "HTTP_USER_AGENT": "Python-urllib/3.13",
            "HTTP_ACCEPT_ENCODING": "identity",
            "CONTENT_TYPE": "application/json",
            "CONTENT_LENGTH": str(len(data)),
            "wsgi.input": io.BytesIO(data),
            "wsgi.errors": sys.stderr,
            "wsgi.url_scheme": "http",
            "wsgi.version": (1, 0),
            "wsgi.multithread": False,
            "wsgi.multiprocess": True,
            "wsgi.run_once": False,
        }
        status = []
        chunks = wsgi(environ, lambda s, headers, exc_info=None: status.append(s))
        body = b"".join(chunks)
        chunks.close()
        return status[0], body

    def wsgi_pair(i):
        status, content = wsgi_call("/api/v1/dossiers", body)
        assert status.startswith("201"), (status, content[:400])
        code = json.loads(content)["code"]
        status, content = wsgi_call(f"/api/v1/dossiers/{code}/actions/receive", {"expected_version": 1})
        assert status.startswith("200"), (status, content[:400])

    for i in range(5):
        desk_receipt(i)
        http_pair(i)
        wsgi_pair(i)
    sample = Dossier.objects.filter(receiving_agency=centre).order_by("-pk").first()
    values = {
        f.attname: getattr(sample, f.attname) for f in Dossier._meta.concrete_fields if not f.primary_key
    }
    counter = DossierCodeCounter.objects.filter(agency=centre).order_by("-day").first()
    stamp, serial = time.time_ns(), iter(range(10**9))

    def orm_minimal(i):
        # unique also when a variant runs twice (PROFILE)
        orm_minimal_receipt(counter.pk, values, sample.received_at, f"BENCH-P-{stamp}-{next(serial)}")

    mode = os.environ.get("PROFILE", "")
    for name, fn in (
        ("service: desk receipt", desk_receipt),
        ("service: receipt of a submitted dossier", submitted_receipt),
        ("HTTP (test client): submit + receive pair", http_pair),
        ("HTTP (WSGI handler): submit + receive pair", wsgi_pair),
        ("reference: ORM minimal receipt (4 rows)", orm_minimal),
    ):
        if fn is submitted_receipt:
            submitted[:] = [lifecycle.perform(None, "submit", desk, **params(i, "post")) for i in range(N)]
        c0, w0 = time.process_time(), time.perf_counter()
        for i in range(N):
            fn(i)
        c1, w1 = time.process_time(), time.perf_counter()
        print(f"{name}: CPU {1000 * (c1 - c0) / N:.2f} ms, wall {1000 * (w1 - w0) / N:.2f} ms per call")
        if not mode:
            continue
        if fn is submitted_receipt:
            submitted[:] = [lifecycle.perform(None, "submit", desk, **params(i, "post")) for i in range(N)]
        prof = cProfile.Profile()
        prof.enable()
        for i in range(N):
            fn(i)
        prof.disable()
        st = pstats.Stats(prof)
        line = f"    Python function calls per call: {st.total_calls / N:,.0f}"
        if fn in (http_pair, wsgi_pair):
            outside = _calls_outside_service(lifecycle, fn, N)
            line += f", of which outside the service calls: {outside:,.0f}"
        print(line)
        if mode != "count":
            st.sort_stats("tottime").print_stats(35)
            st.sort_stats("cumulative").print_stats(60)
            st.print_callers("query.py:1861\\(annotate\\)|compiler.py:775\\(as_sql\\)")


def _calls_outside_service(lifecycle, fn, n: int) -> float:
    """Python calls per `fn` call made outside `lifecycle.perform` (the profiler paused inside it)."""
    prof = cProfile.Profile()
    perform = lifecycle.perform

    def paused(*args, **kwargs):
        prof.disable()
        try:
            return perform(*args, **kwargs)
        finally:
            prof.enable()

    lifecycle.perform = paused
    try:
        prof.enable()
        for i in range(n):
            fn(i)
        prof.disable()
    finally:
        lifecycle.perform = perform
    return pstats.Stats(prof).total_calls / n  # the pause's own few calls (two per pair) included


if __name__ == "__main__":
    main()
