"""Memory per gunicorn worker under `make serve`'s configuration, over 10,000 requests.

Runs the production server (`gunicorn -c python:motcua.gunicorn_conf`, MOTCUA_PRODUCTION=1, static files
collected and served by whitenoise, JSON logs, persistent database connections) against the bench
database with the demo province and its dossiers (`load_demo`), sends a mix of requests from
`BENCH_CLIENTS` (default 2) threads (home, catalogue list and detail, public lookup hits, working calendar,
a hashed static file, the API catalogue, an officer's worklist and dossier pages), and samples each
worker's RSS and USS (psutil) after a warm-up of 500 requests and then every 2,000.

`BENCH_DATABASE_URL` (default motcua_bench on 127.0.0.1), `BENCH_REQUESTS` (10000), `BENCH_WORKERS`
(default: cores). Figures: docs/performance.md, "Production serving: memory per worker"."""

from __future__ import annotations

import http.client
import itertools
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

import psutil

from _common import ROOT, bench_url, django_setup, ensure_database, load_note

REQUESTS = int(os.environ.get("BENCH_REQUESTS", "10000"))
CLIENTS = int(os.environ.get("BENCH_CLIENTS", "2"))
WARMUP = 500
STEP = 2000


def main() -> None:
    url = bench_url()
    ensure_database(url)
    django_setup(url)
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.core.management import call_command

    from motcua.dossiers.models import Dossier
    from motcua.dossiers.selectors import dossier_worklist
    from motcua.organizations.models import User

    call_command("migrate", verbosity=0, interactive=False)
    if not Dossier.objects.exists():
        call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    officer = User.objects.get(username="thuly.vinhbao")
    session = SessionStore()
    session[SESSION_KEY] = str(officer.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = officer.get_session_auth_hash()
    session.create()
    cookie = {"Cookie": f"sessionid={session.session_key}"}
    own = [d.code for d in dossier_worklist(officer, limit=20)]
    lookups = list(
        Dossier.objects.filter(applicant__id_number__gt="")
        .values_list("code", "applicant__id_number")
        .order_by("id")[:20]
    )
    procedures = list(
        Dossier.objects.values_list("procedure_version__procedure__code", flat=True).distinct()[:10]
    )

    tmp = Path(tempfile.mkdtemp(prefix="motcua-mem-"))
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT / "src"),
        "DATABASE_URL": url,
        "MOTCUA_PRODUCTION": "1",
        "SECRET_KEY": settings.SECRET_KEY,  # the session below is signed with it
        "MOTCUA_SSL_REDIRECT": "0",
        "MOTCUA_SECURE_COOKIES": "0",
        "MOTCUA_DB_CONN_MAX_AGE": "60",
        "MOTCUA_STATIC_ROOT": str(tmp / "static"),
        "MOTCUA_VAR_DIR": str(tmp),
        "MOTCUA_BIND": "127.0.0.1:0",
    }
    if os.environ.get("BENCH_WORKERS"):
        env["MOTCUA_WEB_WORKERS"] = os.environ["BENCH_WORKERS"]
    subprocess.run(
        [sys.executable, "-m", "motcua.manage", "collectstatic", "--noinput", "-v", "0"], env=env, check=True
    )
    import json

    manifest = json.loads((tmp / "static" / "staticfiles.json").read_text())["paths"]
    css = next(v for k, v in manifest.items() if k.endswith(".css"))
    # A free port chosen here (gunicorn's :0 is not reported back).
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env["MOTCUA_BIND"] = f"127.0.0.1:{port}"
    log = open(tmp / "gunicorn.log", "wb")  # noqa: SIM115
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "python:motcua.gunicorn_conf", "motcua.wsgi:application"],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        cwd=ROOT,
    )
    paths = itertools.cycle(
        [
            ("/", {}),
            ("/thu-tuc/", {}),
            *((f"/thu-tuc/{c}/", {}) for c in procedures[:3]),
            *((f"/tra-cuu/?ma={c}&cccd={i}", {}) for c, i in lookups[:5]),
            ("/lich-lam-viec/", {}),
            (f"/static/{css}", {}),
            ("/api/v1/procedures", {}),
            ("/can-bo/", cookie),
            *((f"/can-bo/ho-so/{c}/", cookie) for c in own[:5]),
            ("/healthz", {}),
        ]
    )
    lock = threading.Lock()
    statuses: Counter = Counter()

    def one() -> None:
        with lock:
            path, headers = next(paths)
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        conn.request("GET", path, headers={"Host": "127.0.0.1", **headers})
        response = conn.getresponse()
        response.read()
        conn.close()
        with lock:
            statuses[(path.split("?")[0].rsplit("/", 2)[0] or "/", response.status)] += 1

    def run(n: int) -> None:
        counter = iter(range(n))

        def client():
            for _ in counter:
                one()

        threads = [threading.Thread(target=client) for _ in range(CLIENTS)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()

    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                one()
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise SystemExit((tmp / "gunicorn.log").read_text()[-3000:]) from None
                time.sleep(0.3)
        master = psutil.Process(server.pid)

        def sample() -> list[tuple[int, float, float]]:
            out = []
            for w in sorted(master.children(), key=lambda p: p.pid):
                info = w.memory_full_info()
                out.append((w.pid, info.rss / 2**20, info.uss / 2**20))
            return out

        run(WARMUP)
        rows = [(0, sample())]
        t0 = time.monotonic()
        done = 0
        while done < REQUESTS:
            n = min(STEP, REQUESTS - done)
            run(n)
            done += n
            rows.append((done, sample()))
        elapsed = time.monotonic() - t0
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()

    workers = len(rows[0][1])
    print(
        f"{workers} workers, {CLIENTS} clients, {REQUESTS} requests after {WARMUP} warm-up in {elapsed:.0f} s"
    )
    print(f"({REQUESTS / elapsed:.0f} req/s); {load_note()}")
    print(
        "| requests after warm-up | "
        + " | ".join(f"worker {i + 1} RSS / USS (MiB)" for i in range(workers))
        + " |"
    )
    print("|---" * (workers + 1) + "|")
    for done, sample_ in rows:
        print(f"| {done:,} | " + " | ".join(f"{rss:.1f} / {uss:.1f}" for _, rss, uss in sample_) + " |")
    first, last = rows[0][1], rows[-1][1]
    growth = [f"{b[1] - a[1]:+.1f} / {b[2] - a[2]:+.1f}" for a, b in zip(first, last, strict=True)]
    print("growth RSS / USS per worker (MiB): " + ", ".join(growth))
    bad = {k: v for k, v in statuses.items() if k[1] >= 400}
    print("statuses:", dict(Counter(s for (_, s), n in statuses.items() for _ in range(n))), "errors:", bad)


if __name__ == "__main__":
    main()
