"""The portal down for a while (HTTP 503, then a refused connection), then up: every event reaches it
exactly once per (dossier code, event id), in each dossier's order, and the relay backed off meanwhile."""

from motcua.dossiers.models import DossierEvent, OutboxMessage

from ..dossiers.world import act, receive, submit, to_result
from .portal import drain_until_empty


def lives(world):
    a = to_result(world, receive(world))
    b = act(receive(world), "request_supplement", world.officer, reason="Thiếu tờ khai")
    c = submit(world)
    return [a, b, c]


def expected_events(dossier) -> list[str]:
    seqs = DossierEvent.objects.filter(dossier=dossier).order_by("seq").values_list("seq", flat=True)
    return [f"{dossier.code}:{s}" for s in seqs if s > 1]


def test_outage_then_recovery(world, fake_portal, relay):
    dossiers = lives(world)
    fake_portal.state.down = True
    for _ in range(3):  # three rounds while down: every head fails, nothing behind it is tried
        relay.drain()
        relay.tick.advance(3600)
    heads = OutboxMessage.objects.filter(processed_at__isnull=True, attempts__gt=0)
    assert heads.count() == len(dossiers)  # only each dossier's first record was attempted
    assert set(heads.values_list("last_error_code", flat=True)) == {"dvcqg:http_503"}
    assert OutboxMessage.objects.filter(processed_at__isnull=True, attempts=0).exists()
    assert fake_portal.state.accepted == []

    fake_portal.state.down = False
    drain_until_empty(relay)

    counts = fake_portal.accepted_count()
    assert counts and set(counts.values()) == {1}  # exactly once per (service, code, event)
    for dossier in dossiers:
        assert fake_portal.events(dossier.code) == expected_events(dossier)  # all progress, in order
        syncs = fake_portal.events(dossier.code, "DongBoHoSoMC")
        assert syncs == sorted(syncs, key=lambda e: int(e.split(":")[1]))


def test_backoff_grows_and_is_jittered(world, fake_portal, relay, settings):
    settings.MOTCUA_RELAY_BACKOFF_BASE = 10
    receive(world)
    fake_portal.state.down = True
    waits = []
    for _ in range(4):
        relay.drain()
        message = OutboxMessage.objects.get()
        waits.append((message.next_attempt_at - relay.tick.at).total_seconds())
        relay.tick.at = message.next_attempt_at
    # rand() = 0.5: half of 10·2^(n−1) fixed plus a quarter → 7.5, 15, 30, 60 seconds
    assert waits == [7.5, 15, 30, 60]
    relay.rand = lambda: 0.0
    relay.drain()
    assert (OutboxMessage.objects.get().next_attempt_at - relay.tick.at).total_seconds() == 80


def test_connection_refused_is_a_retry_not_a_loss(world, fake_portal, relay, settings):
    dossier = receive(world)
    settings.MOTCUA_DVCQG_SERVICE_URL = "http://127.0.0.1:9/service"  # nothing listens on port 9
    settings.MOTCUA_DVCQG_AUTH_URL = "http://127.0.0.1:9/auth"
    from motcua.integrations import registry

    registry.reset()
    relay.drain()
    message = OutboxMessage.objects.get(key=dossier.code)
    assert message.processed_at is None
    assert message.last_error_code == "dvcqg:unreachable"
    for name, value in fake_portal.settings().items():
        setattr(settings, name, value)
    registry.reset()
    drain_until_empty(relay)
    assert list(fake_portal.state.dossiers) == [dossier.code]
