"""Fixtures for the national portal link: the fake portal on loopback HTTP, the connector pointed at
it (settings + a fresh plugin registry), and a relay whose clock and jitter the test controls."""

from datetime import timedelta

import pytest

from motcua.core import clock
from motcua.dossiers.models import OutboxMessage
from motcua.integrations import registry
from motcua.integrations.national_portal.fake import FakePortal
from motcua.jobs.relay import Relay


@pytest.fixture
def fake_portal(settings):
    with FakePortal() as portal:
        for name, value in portal.settings().items():
            setattr(settings, name, value)
        settings.MOTCUA_DVCQG_TIMEOUT = 2
        registry.reset()
        yield portal
        registry.reset()


class Tick:
    """A relay clock that starts at the real clock's now and moves only when told."""

    def __init__(self):
        self.at = clock.now()

    def __call__(self):
        return self.at

    def advance(self, seconds: float) -> None:
        self.at += timedelta(seconds=seconds)


@pytest.fixture
def relay(fake_portal):
    tick = Tick()
    r = Relay(worker_id="test-relay", now=tick, rand=lambda: 0.5)
    r.tick = tick
    return r


def pending() -> int:
    return OutboxMessage.objects.filter(processed_at__isnull=True).count()


def drain_until_empty(relay, *, step_seconds: float = 3600, max_rounds: int = 200) -> None:
    """Run the relay, moving its clock past every backoff, until nothing is pending."""
    for _ in range(max_rounds):
        relay.drain()
        if not pending():
            return
        relay.tick.advance(step_seconds)
    raise AssertionError(f"{pending()} outbox records still pending")
