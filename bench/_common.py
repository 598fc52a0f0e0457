"""Shared by the dossier benchmarks: the bench database, Django setup, timing helpers, a live server.

The benchmarks run against their own database, never the development one: `BENCH_DATABASE_URL`,
by default PostgreSQL `motcua_bench` on 127.0.0.1 (created when missing). A `sqlite:///…` URL works
for the generator and the receive benchmark.

HTTP figures come from `LiveServer`: gunicorn with one sync worker by default, Django's `runserver`
with `BENCH_SERVER=runserver`.
"""

from __future__ import annotations

import os
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
# `BENCH_SRC`: the source tree to measure (default this checkout's src/), e.g. another branch's
# worktree, to compare two versions of the code with the same benchmark in one sitting.
SRC = Path(os.environ.get("BENCH_SRC") or ROOT / "src")
sys.path.insert(0, str(SRC))

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/motcua_bench"


def bench_url() -> str:
    return os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)


def is_postgres(url: str) -> bool:
    return urlparse(url).scheme.startswith("postgres")


def ensure_database(url: str) -> None:
    """Create the PostgreSQL database named in `url` when it does not exist (SQLite creates itself)."""
    if not is_postgres(url):
        Path(urlparse(url).path).parent.mkdir(parents=True, exist_ok=True)
        return
    import psycopg

    parts = urlparse(url)
    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone() is None:
            conn.execute(f'CREATE DATABASE "{name}"')


def django_setup(url: str | None = None) -> str:
    """Point Django at the bench database (DEBUG off, so queries are not kept) and set it up."""
    url = url or bench_url()
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("MOTCUA_DEBUG", "0")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "motcua.settings")
    import django

    django.setup()
    return url


def migrate_and_load_province() -> None:
    """Schema and the demo province (agencies, staff, procedures, processes), without demo dossiers."""
    from django.conf import settings
    from django.core.management import call_command

    settings.MOTCUA_DEMO_DOSSIERS = 0
    call_command("migrate", verbosity=0, interactive=False)
    call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115


def percentile(samples: list[float], p: float) -> float:
    ordered = sorted(samples)
    k = (len(ordered) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def timed_ms(func, repeats: int, warmup: int = 5) -> list[float]:
    for _ in range(warmup):
        func()
    samples = []
    for _ in range(repeats):
        t0 = time.perf_counter_ns()
        func()
        samples.append((time.perf_counter_ns() - t0) / 1e6)
    return samples


def summary(samples: list[float]) -> tuple[float, float]:
    return statistics.median(samples), percentile(samples, 95)


def load_note() -> str:
    one, five, _ = os.getloadavg()
    return f"load average {one:.2f} (1 min), {five:.2f} (5 min) on {os.cpu_count()} cores"


SERVERS = ("gunicorn", "runserver")


def server_kind() -> str:
    """`BENCH_SERVER`: `gunicorn` (default, the production server) or `runserver` (Django's
    development server, as the figures before 2026-11-28 were taken)."""
    kind = os.environ.get("BENCH_SERVER", "gunicorn").strip().lower() or "gunicorn"
    if kind not in SERVERS:
        raise SystemExit(f"BENCH_SERVER must be one of {', '.join(SERVERS)}, not {kind!r}")
    return kind


class LiveServer:
    """The application on a free loopback port, in a process of its own, DEBUG off, with a persistent
    database connection (`MOTCUA_DB_CONN_MAX_AGE=600`). Stopped by its own process id.

    `BENCH_SERVER=gunicorn` (default): `gunicorn motcua.wsgi:application`, one sync worker (so one
    request at a time and one DB connection). A sync worker closes the connection after each response
    (it does not do keep-alive), so `http.client` opens a new TCP connection for each request, as a
    client behind no proxy would; loopback connect costs ~0.1 ms. `BENCH_SERVER=runserver`: Django's
    development server, one thread (`--nothreading`), which also closes after each response."""

    def __init__(self, url: str, kind: str | None = None, workers: int = 1, threads: int | None = None):
        self.db_url = url
        self.kind = kind or server_kind()
        self.workers = workers
        # `BENCH_THREADS` > 1: gunicorn's threaded worker (gthread) with that many threads per worker
        self.threads = threads or int(os.environ.get("BENCH_THREADS", "1"))
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.base = f"http://127.0.0.1:{self.port}"
        self.proc: subprocess.Popen | None = None
        self._log = None

    def describe(self) -> str:
        if self.kind == "gunicorn":
            kind = "sync" if self.threads == 1 else f"gthread ({self.threads} threads each)"
            return f"gunicorn, {self.workers} {kind} worker(s), DEBUG off, persistent DB connection"
        return "runserver, 1 thread, DEBUG off, persistent DB connection"

    def _command(self) -> list[str]:
        address = f"127.0.0.1:{self.port}"
        if self.kind == "gunicorn":
            return [
                sys.executable,
                "-m",
                "gunicorn",
                "motcua.wsgi:application",
                "--workers",
                str(self.workers),
                "--worker-class",
                "sync" if self.threads == 1 else "gthread",
                "--threads",
                str(self.threads),
                "--bind",
                address,
                "--log-level",
                "warning",
            ]
        return [
            sys.executable,
            "-m",
            "motcua.manage",
            "runserver",
            "--noreload",
            "--nothreading",
            "--skip-checks",
            address,
        ]

    def __enter__(self) -> LiveServer:
        import tempfile

        env = {
            **os.environ,
            "DATABASE_URL": self.db_url,
            "MOTCUA_DEBUG": "0",
            "MOTCUA_DB_CONN_MAX_AGE": "600",
            "PYTHONPATH": str(SRC),
        }
        self._log = tempfile.TemporaryFile()  # closed in __exit__
        self.proc = subprocess.Popen(
            self._command(), env=env, stdout=subprocess.DEVNULL, stderr=self._log, cwd=ROOT
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and self.proc.poll() is None:
            try:
                conn = self.connection()
                conn.request("GET", "/api/v1/dossiers")  # a 401 from the worker itself, not just the socket
                conn.getresponse().read()
                conn.close()
                return self
            except OSError:
                time.sleep(0.2)
        self._log.seek(0)
        tail = self._log.read()[-2000:].decode(errors="replace")
        self.__exit__()
        raise RuntimeError(f"{self.kind} did not start:\n{tail}")

    def __exit__(self, *exc) -> None:
        if self.proc is not None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
            self.proc = None
        if self._log is not None:
            self._log.close()
            self._log = None

    def cpu_seconds(self) -> float:
        """CPU seconds (user + system) the server's processes have used so far: the arbiter and its
        workers. The difference over a phase, divided by its requests, is the server's CPU per request
        (the database's own work is in PostgreSQL's processes, not here)."""
        import psutil

        root = psutil.Process(self.proc.pid)
        total = 0.0
        for p in [root, *root.children(recursive=True)]:
            try:
                t = p.cpu_times()
            except psutil.NoSuchProcess:
                continue
            total += t.user + t.system
        return total

    def connection(self):
        """An HTTP/1.1 connection (keep-alive when the server offers it; `http.client` reconnects by
        itself when the server closed it after the previous response)."""
        import http.client

        return http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)


class Meter:
    """Statements and seconds spent inside the database driver, through Django's execute wrapper
    (`with connection.execute_wrapper(meter):`); with `keep`, the statements themselves."""

    def __init__(self, keep: bool = False):
        self.statements, self.seconds, self.keep, self.kept = 0, 0.0, keep, []

    def __call__(self, execute, sql, params, many, context):
        t0 = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds += time.perf_counter() - t0
            self.statements += 1
            if self.keep:
                self.kept.append((sql, params))


def orm_minimal_receipt(counter_pk: int, values: dict, at, code: str) -> None:
    """The reference "ORM minimal receipt": the raw minimal receipt transaction's four rows (counter,
    dossier, event, outbox) written through the plain ORM in one transaction — what any Django code
    writing these rows costs (bench_receive_http.py, profile_receive.py). `values`: a dossier row's
    field values (attnames) without the key; `code`: a new unique dossier code."""
    from django.db import transaction
    from django.db.models import F

    from motcua.dossiers.models import Dossier, DossierCodeCounter, DossierEvent, OutboxMessage

    with transaction.atomic():
        DossierCodeCounter.objects.filter(pk=counter_pk).update(last=F("last") + 1)
        d = Dossier.objects.create(**{**values, "code": code})
        DossierEvent.objects.create(
            dossier=d,
            seq=1,
            at=at,
            action="receive",
            role="desk_officer",
            to_state="received",
            national_status=2,
            to_step="thu-ly",
            is_public=True,
            dossier_version=1,
        )
        OutboxMessage.objects.create(topic="dossier.receive", key=code, created_at=at)


class ReceiptSetup:
    """What the receipt benches receive with (bench_receive, bench_receive_http, profile_receive,
    bench_notify): the demo's desk officer at Vĩnh Bảo's commune centre (`desk`), the centre that
    receives (`centre`) and the commune's committee that decides (`committee`), 20 applicants (with a
    phone number when `with_phone`, for the SMS bench), and `params(i, channel)`: the lifecycle
    parameters of a paper birth registration (no e-form typed; the desk declares the three mandatory
    components received, dossiers.submission) for the i-th receipt."""

    DESK = "tiepnhan.vinhbao"
    COMMUNE = "vinhbao"
    PROCEDURE = "1.001193"  # birth registration, received at the commune centre

    def __init__(self, with_phone: bool = False):
        from motcua.demo.agencies import commune_by_slug
        from motcua.organizations.models import Agency, Applicant, User

        self.desk = User.objects.get(username=self.DESK)
        commune = commune_by_slug(self.COMMUNE)
        self.centre = Agency.objects.get(identifier=commune.centre_identifier)
        self.committee = Agency.objects.get(identifier=commune.identifier)
        applicants = Applicant.objects.exclude(phone="") if with_phone else Applicant.objects.all()
        self.applicant_ids = list(applicants.order_by("pk").values_list("pk", flat=True)[:20])

    def params(self, i: int, channel: str = "post") -> dict:
        return {
            "procedure": self.PROCEDURE,
            "channel": channel,
            "competent_agency": self.committee.identifier,
            "receiving_agency": self.centre.identifier,
            "applicant": self.applicant_ids[i % len(self.applicant_ids)],
            "eform_data": {},
            "components": [{"position": 1, "digitised": True}, {"position": 2}, {"position": 3}],
        }
