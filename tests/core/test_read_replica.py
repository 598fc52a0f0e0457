"""Read replicas against a real streaming replica (core/replica.py): a PostgreSQL primary and its replica
started by scripts/replica.sh, the application under gunicorn with DATABASE_URL on the primary and
DATABASE_REPLICA_URL on the replica. Replay on the replica is paused to make its lag visible: what a page
shows then tells which database served it."""

import os
import shutil
import subprocess
import sys
import time
import uuid
from glob import glob
from pathlib import Path
from urllib.parse import quote

import psycopg
import pytest

from tests.servers import ROOT, Browser, Gunicorn, base_env, free_port, manage

SCRIPT = ROOT / "scripts" / "replica.sh"
HAVE_BINARIES = bool(glob("/usr/lib/postgresql/*/bin/initdb")) and shutil.which("psql") is not None

pytestmark = pytest.mark.skipif(
    not HAVE_BINARIES,
    reason="PostgreSQL server binaries (/usr/lib/postgresql/*/bin/initdb) are not installed: "
    "apt-get install postgresql to run the read-replica tests",
)

DB = "motcua_replica_test"
PASSWORD = "matkhau-thu-nghiem"


def _free_pair() -> int:
    for _ in range(50):
        port = free_port()
        try:
            import socket

            with socket.socket() as s:
                s.bind(("127.0.0.1", port + 1))
            return port
        except OSError:
            continue
    raise RuntimeError("no two free consecutive ports")


class Pair:
    def __init__(self):
        self.port = _free_pair()
        self.dir = f"/tmp/motcua-pair-test-{os.getpid()}-{uuid.uuid4().hex[:6]}"
        self.env = {**os.environ, "MOTCUA_PAIR_DIR": self.dir, "MOTCUA_PAIR_PORT": str(self.port)}
        self.primary = f"postgres://postgres@127.0.0.1:{self.port}/{DB}"
        self.replica = f"postgres://postgres@127.0.0.1:{self.port + 1}/{DB}"

    def script(self, command: str) -> str:
        result = subprocess.run(
            ["bash", str(SCRIPT), command], env=self.env, capture_output=True, text=True, timeout=120
        )
        assert result.returncode == 0, result.stdout + result.stderr
        return result.stdout

    def pg_ctl(self, cluster: str, action: str) -> None:
        pg_ctl = sorted(glob("/usr/lib/postgresql/*/bin/pg_ctl"))[-1]
        command = [pg_ctl, "-D", f"{self.dir}/{cluster}", "-w", "-m", "fast", action]
        if os.geteuid() == 0:
            command = ["runuser", "-u", "postgres", "--", *command]
        if action == "start":
            command += ["-l", f"{self.dir}/{cluster}.log"]
        subprocess.run(command, check=True, capture_output=True, timeout=60)

    def sql(self, url: str, statement: str):
        with psycopg.connect(url, autocommit=True) as conn:
            cursor = conn.execute(statement)
            return cursor.fetchone() if cursor.description else None

    def wait_replayed(self) -> None:
        """Until the replica has replayed everything the primary has written so far."""
        (lsn,) = self.sql(self.primary, "SELECT pg_current_wal_lsn()::text")
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            (done,) = self.sql(self.replica, f"SELECT pg_last_wal_replay_lsn() >= '{lsn}'::pg_lsn")
            if done:
                return
            time.sleep(0.1)
        raise AssertionError("the replica did not catch up")


def publish(pair: Pair, name: str) -> None:
    """A published procedure, written to the primary through the real catalogue service."""
    procedure_code = f"8.{uuid.uuid4().int % 10**6:06d}"
    code = (
        "import django; django.setup()\n"
        "from tests.factories.catalog import publish_procedure\n"
        f"publish_procedure(code={procedure_code!r}, name={name!r})\n"
    )
    subprocess.run(
        [sys.executable, "-c", code],
        env=base_env({"DATABASE_URL": pair.primary}),
        check=True,
        capture_output=True,
        cwd=ROOT,
        timeout=120,
    )


def citizen(pair: Pair) -> str:
    code = (
        "import django; django.setup()\n"
        "from tests.factories.organizations import UserFactory\n"
        "print(UserFactory().username)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        env=base_env({"DATABASE_URL": pair.primary}),
        check=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    return out.stdout.strip()


@pytest.fixture(scope="module")
def pair(tmp_path_factory):
    pair = Pair()
    try:
        pair.script("start")
        pair.sql(pair.primary.rsplit("/", 1)[0] + "/postgres", f'CREATE DATABASE "{DB}"')
        manage({"DATABASE_URL": pair.primary}, "migrate", "--noinput", "-v", "0")
        var = tmp_path_factory.mktemp("var")
        pair.server_env = {
            "DATABASE_URL": pair.primary,
            "DATABASE_REPLICA_URL": pair.replica,
            "MOTCUA_REPLICA_RETRY_SECONDS": "1",
            # Persistent connections, as in production: a stopped replica then fails in the middle of
            # a page (the view is served again from the primary), later ones fail to connect.
            "MOTCUA_DB_CONN_MAX_AGE": "60",
            "MOTCUA_VAR_DIR": str(var),
        }
        yield pair
    finally:
        pair.script("stop")
        assert not Path(pair.dir).exists()


@pytest.fixture(scope="module")
def server(pair):
    with Gunicorn(pair.server_env) as server:
        yield server


def search(browser: Browser, word: str) -> str:
    """The catalogue page for `word` (never one of the names looked for: the page repeats the query)."""
    status, page = browser.get(f"/thu-tuc/?q={quote(word)}")
    assert status == 200
    return page


def test_public_pages_read_from_the_replica(pair, server):
    publish(pair, "Cấp bản sao trích lục Alpha")
    pair.wait_replayed()
    pair.sql(pair.replica, "SELECT pg_wal_replay_pause()")
    try:
        publish(pair, "Cấp bản sao trích lục Beta")
        visitor = Browser(server.base)
        page = search(visitor, "trích lục")
        assert "Alpha" in page and "Beta" not in page  # the paused replica answered
    finally:
        pair.sql(pair.replica, "SELECT pg_wal_replay_resume()")
    pair.wait_replayed()
    assert "Beta" in search(visitor, "trích lục")


def test_a_person_reads_the_primary_right_after_acting(pair, server):
    username = citizen(pair)
    pair.wait_replayed()
    pair.sql(pair.replica, "SELECT pg_wal_replay_pause()")
    try:
        publish(pair, "Đăng ký khai sinh Gamma")
        person, stranger = Browser(server.base), Browser(server.base)
        person.get("/tai-khoan/dang-nhap/")
        status, _ = person.post("/tai-khoan/dang-nhap/", {"username": username, "password": PASSWORD})
        assert status == 200 and person.cookie("sessionid")  # logged in (a write: session, last login)
        assert person.cookie("motcua_fresh")
        assert "Gamma" in search(person, "khai sinh")  # right after acting: the primary
        assert "Gamma" not in search(stranger, "khai sinh")  # everyone else: the lagging replica
    finally:
        pair.sql(pair.replica, "SELECT pg_wal_replay_resume()")


def test_reads_fall_back_to_the_primary_when_the_replica_is_down(pair, server):
    publish(pair, "Chứng thực chữ ký Delta")
    pair.wait_replayed()
    visitor = Browser(server.base)
    assert "Delta" in search(visitor, "Chứng thực")
    pair.pg_ctl("replica", "stop")
    try:
        publish(pair, "Chứng thực chữ ký Epsilon")
        # The first request's query fails on the replica's dead connection: the page is served again from
        # the primary. The next one skips the replica (marked down for 1 s); after that, connecting to
        # it fails and the primary serves again.
        for pause in (0, 0, 1.5):
            time.sleep(pause)
            page = search(visitor, "Chứng thực")
            assert "Delta" in page and "Epsilon" in page
        assert server.request("GET", "/readyz")[0] == 200  # the primary is what readiness needs
        assert "read replica unavailable" in server.log_text()
    finally:
        pair.pg_ctl("replica", "start")
    pair.wait_replayed()


def test_readiness_fails_while_the_primary_is_down(pair, server):
    assert server.request("GET", "/readyz")[0] == 200
    pair.pg_ctl("primary", "stop")
    try:
        status, _, body = server.request("GET", "/readyz")
        assert status == 503 and b'"database": "OperationalError"' in body
        assert server.request("GET", "/healthz")[0] == 200
    finally:
        pair.pg_ctl("primary", "start")
    assert server.request("GET", "/readyz")[0] == 200
