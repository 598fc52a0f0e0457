"""A real worker process (`manage.py worker --relay-only`) killed with SIGKILL in the middle of a
batch: nothing is lost and nothing is recorded twice at the receiver. Its claims expire (a lease), a
second relay takes them over, and the portal's (code, event) keys absorb the redeliveries.

The records are committed (transactional_db) in the test database the subprocess opens by URL: the
file-based SQLite test database, or the PostgreSQL test database."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection

from motcua.dossiers.models import DossierEvent, OutboxMessage

from ..dossiers.world import act, make_world, receive
from ..integrations.portal import drain_until_empty

SRC = Path(__file__).resolve().parents[2] / "src"


def database_url() -> str:
    s = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{s['NAME']}"
    return f"postgres://{s['USER'] or 'postgres'}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


@pytest.mark.django_db(transaction=True)
def test_sigkill_mid_batch_loses_and_duplicates_nothing(fake_portal, relay, tmp_path, fixed_clock):
    world = make_world()
    dossiers = [act(receive(world), "forward", world.officer) for _ in range(12)]
    total = OutboxMessage.objects.count()
    env = {
        **os.environ,
        **fake_portal.settings(),
        "PYTHONPATH": str(SRC),
        "DATABASE_URL": database_url(),
        "MOTCUA_VAR_DIR": str(tmp_path),
        "SECRET_KEY": "test-worker",
        "MOTCUA_RELAY_BATCH": "4",
        "MOTCUA_RELAY_LEASE_SECONDS": "30",
        "MOTCUA_LOG_LEVEL": "WARNING",
    }
    worker = subprocess.Popen(
        [sys.executable, "-m", "motcua.manage", "worker", "--relay-only"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 60
        while len(fake_portal.state.accepted) < 8:  # two rounds in, at least
            assert worker.poll() is None, worker.stderr.read().decode()[-2000:]
            assert time.monotonic() < deadline, "the worker delivered nothing"
            time.sleep(0.01)
        fake_portal.state.delay = 2  # the next call hangs…
        arrived = fake_portal.state.arrived
        while fake_portal.state.arrived == arrived:  # …until one is in flight, its round claimed
            assert time.monotonic() < deadline
            time.sleep(0.005)
        worker.send_signal(signal.SIGKILL)
        worker.wait(10)
    finally:
        if worker.poll() is None:
            worker.kill()
    assert worker.returncode == -signal.SIGKILL
    delivered_by_worker = OutboxMessage.objects.filter(processed_at__isnull=False).count()
    claimed = OutboxMessage.objects.filter(processed_at__isnull=True).exclude(claimed_by="")
    assert 0 < delivered_by_worker < total  # it died half-way
    assert claimed.exists()  # …holding a claim on records it never settled

    time.sleep(2.5)  # the call in flight still lands at the portal after its sender died
    fake_portal.state.delay = 0
    relay.tick.advance(31)  # past the dead worker's lease
    drain_until_empty(relay)

    counts = fake_portal.accepted_count()
    assert set(counts.values()) == {1}
    received = [(c["service"], r["MaSuKien"]) for c in fake_portal.state.calls for r in c.get("data", [])]
    assert len(received) > len(set(received))  # the killed round was sent again: the keys absorbed it
    for d in dossiers:
        seqs = DossierEvent.objects.filter(dossier=d).order_by("seq").values_list("seq", flat=True)
        assert fake_portal.events(d.code) == [f"{d.code}:{s}" for s in seqs if s > 1]
        assert fake_portal.events(d.code, "DongBoHoSoMC") == [f"{d.code}:1", f"{d.code}:2"]
    assert OutboxMessage.objects.filter(processed_at__isnull=True).count() == 0
