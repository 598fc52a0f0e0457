"""The messages are written in the action's transaction (dossiers/hooks.py): an action rolled back
leaves no message, and nothing is sent before the worker runs after commit."""

import pytest
from django.db import transaction

from motcua.dossiers import hooks
from motcua.dossiers.models import Dossier
from motcua.notifications.models import Notification

from .people import received, with_email


class Boom(Exception):
    pass


def test_rolled_back_action_leaves_no_message(world, fixed_clock, channels, fake_sms):
    with pytest.raises(Boom), transaction.atomic():
        dossier = received(with_email(world))
        assert Notification.objects.filter(dossier=dossier).count() == 5  # written inside
        raise Boom
    assert not Dossier.objects.exists() and not Notification.objects.exists()
    assert fake_sms.calls == []  # nothing goes out before the worker, after commit


def test_paused_hooks_write_nothing(world, fixed_clock, channels):
    with hooks.paused():
        dossier = received(world)
    assert not Notification.objects.filter(dossier=dossier).exists()
    dossier = received(world)
    assert Notification.objects.filter(dossier=dossier).exists()
