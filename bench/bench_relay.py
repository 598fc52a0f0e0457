"""The outbox relay's throughput to the fake national portal, against the raw HTTP rate of the same
client in the same run, and the time to drain a backlog of BENCH_RELAY_EVENTS (default 100,000).

Run: `.venv/bin/python bench/bench_relay.py` (database: `BENCH_RELAY_DATABASE_URL`, default PostgreSQL
`motcua_bench_relay` on 127.0.0.1, created when missing, its dossiers replaced; `sqlite:///…` works).

1. `generate_dossiers.py` writes BENCH_RELAY_DOSSIERS (default 20,000) dossiers with their events;
   the outbox is refilled with one record per event, the first BENCH_RELAY_EVENTS events in order.
2. The fake portal runs in a process of its own (`python -m motcua.integrations.national_portal.fake`).
3. Raw rate: the connector's `PortalClient` (one httpx keep-alive connection, one session) posts one
   `CapNhatTienDoHoSoMC` progress record per call, 2,000 calls; then 100 records per call.
4. Relay: `Relay(batch=MOTCUA_RELAY_BATCH).drain()` in this process until the outbox is empty, the
   way `manage.py worker` runs it (claim under a lease, build the records from the events, at most
   three calls per round, one UPDATE for the delivered). Events/s = records delivered / wall time.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time

from _common import ROOT, django_setup, ensure_database, load_note

URL = os.environ.get("BENCH_RELAY_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/motcua_bench_relay")
DOSSIERS = int(os.environ.get("BENCH_RELAY_DOSSIERS", "20000"))
EVENTS = int(os.environ.get("BENCH_RELAY_EVENTS", "100000"))


def generate() -> None:
    env = {**os.environ, "BENCH_DATABASE_URL": URL, "PYTHONPATH": str(ROOT / "src")}
    subprocess.run(
        [sys.executable, str(ROOT / "bench" / "generate_dossiers.py"), str(DOSSIERS)],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def fill_outbox() -> int:
    from django.db import transaction

    from motcua.dossiers.models import DossierEvent, OutboxMessage

    OutboxMessage.objects.all().delete()
    rows = (
        DossierEvent.objects.order_by("id")
        .values_list("dossier__code", "seq", "action", "at", "national_status")[:EVENTS]
        .iterator(chunk_size=5000)
    )
    batch, n = [], 0
    with transaction.atomic():
        for code, seq, action, at, status in rows:
            batch.append(
                OutboxMessage(
                    topic=f"dossier.{action}",
                    key=code,
                    created_at=at,
                    payload={"code": code, "action": action, "event_seq": seq, "national_status": status},
                )
            )
            if len(batch) == 5000:
                OutboxMessage.objects.bulk_create(batch)
                n += len(batch)
                batch = []
        OutboxMessage.objects.bulk_create(batch)
        n += len(batch)
    return n


def start_portal() -> tuple[subprocess.Popen, dict]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "motcua.integrations.national_portal.fake"],
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
        stdout=subprocess.PIPE,
        text=True,
    )
    values = {}
    while len(values) < 8:
        name, _, value = proc.stdout.readline().strip().partition("=")
        values[name] = value
    return proc, values


def raw_rate(client) -> tuple[float, float]:
    record = {
        "MaSuKien": "RAW:1",
        "MaHoSo": "000.00.00.H99-261129-0001",
        "NguoiXuLy": "Bench",
        "ChucDanh": "Chuyên viên thụ lý",
        "ThoiDiemXuLy": "20261129100000",
        "PhongBanXuLy": "Sở Tư pháp",
        "NoiDungXuLy": "forward",
        "TrangThai": "4",
        "NgayBatDau": "20261129100000",
        "NgayKetThucTheoQuyDinh": "20261202100000",
    }
    calls = 2000
    t0 = time.perf_counter()
    for i in range(calls):
        client.call("CapNhatTienDoHoSoMC", data=[{**record, "MaSuKien": f"RAW:{i}"}])
    single = calls / (time.perf_counter() - t0)
    t0 = time.perf_counter()
    for i in range(100):
        client.call("CapNhatTienDoHoSoMC", data=[{**record, "MaSuKien": f"RAWB:{i}:{j}"} for j in range(100)])
    batched = 100 * 100 / (time.perf_counter() - t0)
    return single, batched


def main() -> None:
    ensure_database(URL)
    t0 = time.perf_counter()
    generate()
    print(f"generate {DOSSIERS} dossiers: {time.perf_counter() - t0:.1f} s")
    portal, values = start_portal()
    os.environ.update(values)
    os.environ["MOTCUA_LOG_LEVEL"] = "WARNING"
    django_setup(URL)
    from django.conf import settings

    from motcua.dossiers.models import OutboxMessage
    from motcua.integrations.national_portal.client import PortalClient
    from motcua.integrations.national_portal.options import options_from_settings
    from motcua.jobs.relay import Relay

    try:
        t0 = time.perf_counter()
        n = fill_outbox()
        print(f"outbox: {n} records in {time.perf_counter() - t0:.1f} s")
        client = PortalClient(options_from_settings())
        single, batched = raw_rate(client)
        client.close()
        print(
            f"raw HTTP, same client: {single:.0f} calls/s (1 record each); "
            f"{batched:.0f} records/s (100 per call)"
        )
        relay = Relay(worker_id="bench")
        t0 = time.perf_counter()
        total = relay.drain()
        elapsed = time.perf_counter() - t0
        left = OutboxMessage.objects.filter(processed_at__isnull=True).count()
        print(
            f"relay (batch {settings.MOTCUA_RELAY_BATCH}): {total.delivered} delivered, "
            f"{total.failed} failed, {left} left, in {elapsed:.1f} s "
            f"= {total.delivered / elapsed:.0f} events/s"
        )
        print(load_note())
    finally:
        portal.terminate()
        portal.wait(10)


if __name__ == "__main__":
    main()
