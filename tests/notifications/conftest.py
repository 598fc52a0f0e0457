"""Notification tests: the dossier world, the fake SMS gateway and fake Zalo OA on loopback HTTP
(each test its own), e-mail to Django's locmem backend, and a dispatcher on a clock the test moves."""

from datetime import timedelta

import pytest

from motcua.core import clock
from motcua.notifications.channels import registry
from motcua.notifications.channels.fakes import FakeSmsGateway, FakeZaloOA
from motcua.notifications.dispatch import Dispatcher
from tests.dossiers.world import *  # noqa: F403  (fixtures)


@pytest.fixture(autouse=True)
def _fresh_channels():
    registry.reset()
    yield
    registry.reset()


@pytest.fixture
def fake_sms(settings):
    with FakeSmsGateway() as sms:
        for name, value in sms.settings().items():
            setattr(settings, name, value)
        registry.reset()
        yield sms


@pytest.fixture
def fake_zalo(settings):
    with FakeZaloOA() as zalo:
        for name, value in zalo.settings().items():
            setattr(settings, name, value)
        registry.reset()
        yield zalo


@pytest.fixture
def channels(settings, fake_sms, fake_zalo):
    """E-mail, SMS and Zalo all on, SMS and Zalo pointing at their fakes."""
    settings.MOTCUA_NOTIFY_CHANNELS = "email,sms,zalo"
    registry.reset()
    return registry.enabled()


class Tick:
    """The dispatcher's clock: the project's clock (real or fixed) plus what the test advanced."""

    def __init__(self):
        self.offset = timedelta()

    def __call__(self):
        return clock.now() + self.offset

    def advance(self, seconds: float) -> None:
        self.offset += timedelta(seconds=seconds)


@pytest.fixture
def dispatcher(settings):
    settings.MOTCUA_NOTIFY_BACKOFF_BASE = 10
    settings.MOTCUA_NOTIFY_BACKOFF_CAP = 600
    tick = Tick()
    d = Dispatcher(worker_id="test-worker", now=tick, rand=lambda: 0.0)
    d.tick = tick
    return d
