"""After MOTCUA_NOTIFY_MAX_ATTEMPTS failures a message is dead: listed on the message log with its
error code; "retry now" (POST, operations roles only, audited) sends it again. A permanent error
(an invalid number) is dead at once; the partner's message text decides nothing."""

import pytest
from django.urls import reverse

from motcua.notifications.kinds import Status
from motcua.notifications.models import Notification, NotificationRetry
from motcua.organizations.models import Role
from tests.factories.organizations import StaffRoleFactory

from .people import received


@pytest.fixture
def dead(world, fixed_clock, settings, fake_sms, dispatcher):
    settings.MOTCUA_NOTIFY_CHANNELS = "sms"
    settings.MOTCUA_NOTIFY_MAX_ATTEMPTS = 3
    fake_sms.down = True
    dossier = received(world)
    for _ in range(6):
        dispatcher.drain()
        dispatcher.tick.advance(3600)
    return Notification.objects.get(dossier=dossier, recipient_role="applicant")


def test_dead_after_n_failures(dead, fake_sms):
    assert (dead.status, dead.attempts, dead.error_code) == (Status.DEAD, 3, "sms:http_503")
    assert dead.dead_at is not None and dead.next_attempt_at is None
    assert len([c for c in fake_sms.calls if c["ref"] == str(dead.pk)]) == 3
    assert fake_sms.delivered == []


def test_retry_now_from_the_log_page(dead, fake_sms, dispatcher, client, world):
    client.force_login(world.desk)
    assert client.get(reverse("notifications:log")).status_code == 403  # not an operations role
    admin = StaffRoleFactory(role=Role.PROVINCE_ADMIN, agency=world.centre).user
    client.force_login(admin)
    page = client.get(reverse("notifications:log"), {"trang_thai": "dead"})
    html = page.content.decode()
    assert page.status_code == 200 and "sms:http_503" in html and dead.address in html

    assert client.get(reverse("notifications:retry", args=[dead.pk])).status_code == 405
    fake_sms.down = False
    assert client.post(reverse("notifications:retry", args=[dead.pk])).status_code == 302
    audit = NotificationRetry.objects.get()
    assert (audit.by, audit.via, audit.attempts_before, audit.error_code) == (
        admin,
        "page",
        3,
        "sms:http_503",
    )
    dispatcher.drain()
    dead.refresh_from_db()
    assert dead.status == Status.SENT and dead.attempts == 1
    assert [d["ref"] for d in fake_sms.delivered] == [str(dead.pk)]  # only the one retried
    assert Notification.objects.exclude(pk=dead.pk).get().status == Status.DEAD  # the representative's
    client.post(reverse("notifications:retry", args=[dead.pk]))  # no longer dead: a message, no audit
    assert NotificationRetry.objects.count() == 1


def test_a_permanent_error_is_dead_at_once(world, fixed_clock, settings, fake_sms, dispatcher):
    settings.MOTCUA_NOTIFY_CHANNELS = "sms"
    fake_sms.fail_next(1, error_code="21")  # listed in MOTCUA_SMS_PERMANENT_CODES: an invalid number
    fake_sms.fail_next(1, error_code="99")  # any other code: retried
    dossier = received(world)
    dispatcher.drain()
    first, second = Notification.objects.filter(dossier=dossier).order_by("id")
    assert (first.status, first.error_code) == (Status.DEAD, "sms:error_code:21")
    assert (second.status, second.error_code) == (Status.FAILED, "sms:error_code:99")


def test_the_command_lists_and_retries(dead, fake_sms, dispatcher):
    from io import StringIO

    from django.core.management import call_command
    from django.core.management.base import CommandError

    out = StringIO()
    call_command("notifications_dead", stdout=out)
    assert f"{dead.pk}\t" in out.getvalue() and "sms:http_503" in out.getvalue()
    fake_sms.down = False
    call_command("notifications_dead", "--retry", str(dead.pk), "--by", "ops", stdout=StringIO())
    assert NotificationRetry.objects.get().via == "command"
    dispatcher.drain()
    dead.refresh_from_db()
    assert dead.status == Status.SENT
    with pytest.raises(CommandError):
        call_command("notifications_dead", "--retry", str(dead.pk), stdout=StringIO())
