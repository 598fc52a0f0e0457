"""Two relays (two workers) at once on the same outbox: no record is claimed by both, so the portal
gets every call exactly once (not merely deduplicated), each dossier in order."""

import threading

import pytest
from django.db import connection

from motcua.dossiers.models import DossierEvent, OutboxMessage
from motcua.jobs.relay import Relay

from ..dossiers.world import act, make_world, receive


@pytest.mark.django_db(transaction=True)
def test_two_workers_split_the_outbox(fake_portal, settings):
    settings.MOTCUA_RELAY_BATCH = 3
    world = make_world()
    dossiers = [act(act(receive(world), "forward", world.officer), "approve", world.leader) for _ in range(8)]
    fake_portal.state.delay = 0.005
    errors = []
    claimed = {"w0": 0, "w1": 0}

    def work(name):
        try:
            relay = Relay(worker_id=name)
            for _ in range(200):
                n = relay.run_once().claimed
                claimed[name] += n
                if not n and not OutboxMessage.objects.filter(processed_at__isnull=True).exists():
                    break
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=(f"w{i}",)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert not errors
    assert claimed["w0"] and claimed["w1"]  # both took part
    assert claimed["w0"] + claimed["w1"] == OutboxMessage.objects.count()  # and no record twice
    assert not OutboxMessage.objects.filter(processed_at__isnull=True).exists()
    progress_calls = [r["MaSuKien"] for c in fake_portal.calls_of("CapNhatTienDoHoSoMC") for r in c["data"]]
    assert len(progress_calls) == len(set(progress_calls))  # no record sent twice
    for d in dossiers:
        seqs = DossierEvent.objects.filter(dossier=d).order_by("seq").values_list("seq", flat=True)
        assert fake_portal.events(d.code) == [f"{d.code}:{s}" for s in seqs if s > 1]
