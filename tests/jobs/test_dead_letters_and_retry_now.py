"""After MOTCUA_RELAY_MAX_ATTEMPTS failures a record is dead: the dossier's later records wait behind
it, the operations page lists it, and "retry now" (the page's POST, or the command) sends it again,
audited. Only province admins and supervisors see the page."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from motcua.dossiers.models import OutboxMessage
from motcua.jobs.models import RelayRetry
from motcua.organizations.models import Role
from tests.factories.organizations import StaffRoleFactory

from ..dossiers.world import act, receive
from ..integrations.portal import drain_until_empty


@pytest.fixture
def dead(world, fake_portal, relay, settings):
    settings.MOTCUA_RELAY_MAX_ATTEMPTS = 3
    dossier = act(receive(world), "forward", world.officer)
    fake_portal.fail_next(3, http_status=500)
    for _ in range(5):
        relay.drain()
        relay.tick.advance(3600)
    return dossier


def test_dead_after_n_failures_blocks_the_dossier(dead, fake_portal, relay):
    head, behind = OutboxMessage.objects.filter(key=dead.code).order_by("id")
    assert head.dead_at is not None and head.attempts == 3 and head.last_error_code == "dvcqg:http_500"
    assert behind.attempts == 0 and behind.processed_at is None  # waits behind the dead one, in order
    assert fake_portal.state.accepted == []


def test_retry_now_from_the_page(dead, fake_portal, relay, client, world):
    admin = StaffRoleFactory(role=Role.PROVINCE_ADMIN, agency=world.centre).user
    client.force_login(admin)
    page = client.get(reverse("jobs:operations"))
    assert page.status_code == 200
    head = OutboxMessage.objects.filter(key=dead.code).order_by("id").first()
    assert dead.code in page.content.decode() and "dvcqg:http_500" in page.content.decode()

    assert client.get(reverse("jobs:retry", args=[head.pk])).status_code == 405  # POST only
    response = client.post(reverse("jobs:retry", args=[head.pk]))
    assert response.status_code == 302
    audit = RelayRetry.objects.get()
    assert (audit.by, audit.via, audit.attempts_before, audit.last_error_code) == (
        admin,
        "page",
        3,
        "dvcqg:http_500",
    )
    drain_until_empty(relay)
    assert fake_portal.events(dead.code) == [f"{dead.code}:2"]
    assert client.post(reverse("jobs:retry", args=[head.pk])).status_code == 302  # no longer dead: a message
    assert RelayRetry.objects.count() == 1


def test_the_page_needs_the_role_and_csrf(dead, world, client):
    client.force_login(world.officer)
    assert client.get(reverse("jobs:operations")).status_code == 403
    admin = StaffRoleFactory(role=Role.SUPERVISOR, agency=world.centre).user
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(admin)
    head = OutboxMessage.objects.filter(dead_at__isnull=False).get()
    assert strict.post(reverse("jobs:retry", args=[head.pk])).status_code == 403
    assert OutboxMessage.objects.get(pk=head.pk).dead_at is not None


def test_retry_from_the_command(dead, fake_portal, relay):
    out = StringIO()
    call_command("dead_letters", stdout=out)
    assert dead.code in out.getvalue() and "1 bản ghi" in out.getvalue()
    head = OutboxMessage.objects.filter(dead_at__isnull=False).get()
    call_command("dead_letters", "--retry", str(head.pk), "--by", "ops", stdout=StringIO())
    assert RelayRetry.objects.get().via == "command"
    with pytest.raises(CommandError):
        call_command("dead_letters", "--retry", str(head.pk), stdout=StringIO())
    drain_until_empty(relay)
    assert not OutboxMessage.objects.filter(processed_at__isnull=True).exists()
