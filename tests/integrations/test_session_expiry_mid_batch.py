"""Sessions expiring in the middle of a batch are renewed (once per call) and nothing is lost."""

from motcua.dossiers.models import OutboxMessage

from ..dossiers.world import act, receive
from .portal import drain_until_empty


def test_session_expires_every_few_calls(world, fake_portal, relay):
    dossiers = [act(receive(world), "forward", world.officer) for _ in range(5)]
    relay.batch = 2  # rounds of two dossiers: several calls each
    fake_portal.state.session_ttl_calls = 2  # a session dies after two calls, inside a round
    drain_until_empty(relay)
    assert fake_portal.state.logins >= 4  # renewed again and again, inside rounds
    assert set(fake_portal.accepted_count().values()) == {1}
    for d in dossiers:
        assert fake_portal.events(d.code) == [f"{d.code}:2"]
        assert fake_portal.state.dossiers[d.code]["TrangThaiHoSo"] == "4"
    assert not OutboxMessage.objects.filter(attempts__gt=0).exists()  # renewal is not a failure


def test_sessions_dropped_between_rounds(world, fake_portal, relay):
    first = receive(world)
    relay.drain()
    fake_portal.expire_sessions()  # the portal restarted: every session it gave is gone
    act(first, "forward", world.officer)
    drain_until_empty(relay)
    assert fake_portal.events(first.code) == [f"{first.code}:2"]
    assert fake_portal.state.logins == 2


def test_a_session_refused_right_after_login_is_a_failure(world, fake_portal, relay):
    receive(world)
    fake_portal.state.session_ttl_calls = 0  # every session is dead on arrival
    relay.drain()
    message = OutboxMessage.objects.get()
    assert message.last_error_code == "dvcqg:session_expired"
    assert message.processed_at is None
