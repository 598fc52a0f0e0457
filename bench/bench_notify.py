"""Notifications: what the lifecycle hook costs a desk receipt, and the dispatcher's send rate to the
fake SMS gateway against the raw HTTP rate of the same client, in one run.

Run: `.venv/bin/python bench/bench_notify.py` (database `BENCH_DATABASE_URL`, PostgreSQL `motcua_bench`
by default; `sqlite:////tmp/bench.sqlite3` works; `BENCH_NOTIFY_N` receipts/messages per variant and
round, default 200; `BENCH_NOTIFY_ROUNDS`, default 3; the median round is reported).

1. Desk receipts (`perform(None, "receive", …)`, each its own transaction) with the notification
   channels off (`MOTCUA_NOTIFY_CHANNELS=""`) and on (e-mail, SMS), alternating within each round:
   since the worker's outbox projector writes the messages after commit (jobs/projector.py), the two
   should not differ; what projecting costs is bench/bench_projector.py's.
2. Raw rate: `SmsChannel.send` of a prepared message, N calls on one keep-alive connection to the
   fake gateway (in this process's thread). Dispatcher: N/2 pending SMS messages, `Dispatcher.drain()`
   (claim under a lease, render from the template, send, settle each). Messages/s = sent / wall time.
"""

from __future__ import annotations

import os
import statistics
import time

from _common import (
    ReceiptSetup,
    bench_url,
    django_setup,
    ensure_database,
    load_note,
    migrate_and_load_province,
)

N = int(os.environ.get("BENCH_NOTIFY_N", "200"))
ROUNDS = int(os.environ.get("BENCH_NOTIFY_ROUNDS", "3"))


def main() -> None:
    url = bench_url()
    ensure_database(url)
    django_setup(url)
    migrate_and_load_province()
    from django.conf import settings
    from django.db import connection

    from motcua.dossiers import lifecycle
    from motcua.jobs.projector import Projector
    from motcua.notifications.channels import registry
    from motcua.notifications.channels.fakes import FakeSmsGateway
    from motcua.notifications.dispatch import Dispatcher
    from motcua.notifications.models import Notification

    setup = ReceiptSetup(with_phone=True)
    desk = setup.desk
    print(f"{connection.vendor}; {load_note()}; N={N}, {ROUNDS} rounds")

    def receive(i: int):
        return lifecycle.perform(None, "receive", desk, **setup.params(i, "in_person"))

    sms = FakeSmsGateway().start()
    for name, value in sms.settings().items():
        setattr(settings, name, value)
    settings.MOTCUA_ZALO_ACCESS_TOKEN = ""
    rates: dict[str, list[float]] = {}

    def timed(label: str, func) -> None:
        t0 = time.perf_counter()
        func()
        rates.setdefault(label, []).append(N / (time.perf_counter() - t0))

    for i in range(5):  # warm-up
        receive(i)
    for _ in range(ROUNDS):
        for label, channels in (
            ("receipt, notifications off", ""),
            ("receipt, notifications on", "email,sms"),
        ):
            settings.MOTCUA_NOTIFY_CHANNELS = channels
            registry.reset()
            timed(label, lambda: [receive(i) for i in range(N)])

        settings.MOTCUA_NOTIFY_CHANNELS = ""
        registry.reset()
        Projector().drain()  # the receipts' outbox records, with no channel on: no messages
        settings.MOTCUA_NOTIFY_CHANNELS = "sms"
        registry.reset()
        plugin = registry.enabled()["sms"]
        Notification.objects.all().delete()
        sample = Notification(pk=1, kind="received", channel="sms", address="0912345678", text="Hồ sơ thử")
        timed("raw HTTP: SmsChannel.send", lambda p=plugin, m=sample: [p.send(m) for _ in range(N)])

        # the messages are written by the worker's outbox projector after the receipts commit
        settings.MOTCUA_NOTIFY_CHANNELS = "email,sms"
        registry.reset()
        for i in range(N // 2):  # two messages per receipt: e-mail and SMS to the applicant
            receive(i)
        Projector().drain()
        settings.MOTCUA_NOTIFY_CHANNELS = "sms"
        registry.reset()
        Notification.objects.exclude(channel="sms").delete()
        pending = Notification.objects.filter(status="pending").count()
        assert pending == N // 2, pending
        t0 = time.perf_counter()
        result = Dispatcher(batch=50).drain()
        rates.setdefault("dispatcher: SMS messages sent", []).append(result.sent / (time.perf_counter() - t0))
    sms.stop()

    base = statistics.median(rates["receipt, notifications off"])
    raw = statistics.median(rates["raw HTTP: SmsChannel.send"])
    print(f"{'variant':<34} {'/s':>8} {'ms':>7}  vs")
    for label, values in rates.items():
        rate = statistics.median(values)
        ref = base if label.startswith("receipt") else raw
        print(f"{label:<34} {rate:8.1f} {1000 / rate:7.2f}  {100 * rate / ref:5.1f}%")


if __name__ == "__main__":
    main()
