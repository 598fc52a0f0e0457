"""A real worker process (`manage.py worker --relay-only`, as `make run` and production start it)
sends the messages an action wrote, to the fake SMS gateway and fake Zalo OA over loopback HTTP,
each once; SIGTERM stops it. The rows are committed (transactional_db) in the test database the
subprocess opens by URL."""

import os
import signal
import subprocess
import sys
import time

import pytest

from motcua.notifications.kinds import Status
from motcua.notifications.models import Notification
from tests.jobs.test_worker_killed_mid_batch import SRC, database_url

from .people import received


@pytest.mark.django_db(transaction=True)
def test_the_worker_process_delivers(world, fixed_clock, fake_sms, fake_zalo, tmp_path):
    dossier = received(world)
    env = {
        **os.environ,
        **fake_sms.settings(),
        **fake_zalo.settings(),
        "MOTCUA_NOTIFY_CHANNELS": "sms,zalo",
        "PYTHONPATH": str(SRC),
        "DATABASE_URL": database_url(),
        "MOTCUA_VAR_DIR": str(tmp_path),
        "SECRET_KEY": "test-worker",
        "MOTCUA_NOTIFY_POLL_SECONDS": "0.2",
        "MOTCUA_LOG_LEVEL": "WARNING",
    }
    assert Notification.objects.filter(dossier=dossier).count() == 4  # applicant, representative × 2
    worker = subprocess.Popen(
        [sys.executable, "-m", "motcua.manage", "worker", "--relay-only"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 60
        while Notification.objects.filter(status=Status.SENT).count() < 4:
            assert worker.poll() is None, worker.stderr.read().decode()[-2000:]
            assert time.monotonic() < deadline, "the worker sent nothing"
            time.sleep(0.05)
        worker.send_signal(signal.SIGTERM)
        worker.wait(20)
    finally:
        if worker.poll() is None:
            worker.kill()
    assert sorted(d["to"] for d in fake_sms.delivered) == ["84912345678", "84987654321"]
    assert sorted(d["phone"] for d in fake_zalo.delivered) == ["84912345678", "84987654321"]
    assert all(dossier.code in d["text"] for d in fake_sms.delivered)
