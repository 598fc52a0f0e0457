"""The SMS gateway and Zalo down for a while, then up: each message is delivered exactly once, after
retries spaced by the relay's backoff; while waiting for its backoff a message is not re-sent."""

from motcua.notifications.kinds import Status
from motcua.notifications.models import Notification

from .people import received


def test_gateway_down_then_up(world, fixed_clock, channels, fake_sms, fake_zalo, dispatcher):
    fake_sms.down = True
    fake_zalo.fail_next(2, http_status=502)
    dossier = received(world)
    sms = Notification.objects.get(dossier=dossier, channel="sms", recipient_role="applicant")

    result = dispatcher.drain()
    assert result.failed == 4 and result.sent == 0  # two SMS (down) and two Zalo (502) failed
    sms.refresh_from_db()
    assert (sms.status, sms.attempts, sms.error_code) == (Status.FAILED, 1, "sms:http_503")
    assert sms.next_attempt_at == dispatcher.now() + __import__("datetime").timedelta(seconds=5)  # 10·2⁰/2
    assert dispatcher.drain().claimed == 0  # waiting for its backoff: not sent again yet

    dispatcher.tick.advance(6)
    dispatcher.drain()  # SMS still down, the second Zalo failure used up
    sms.refresh_from_db()
    assert sms.attempts == 2 and sms.status == Status.FAILED

    fake_sms.down = False
    dispatcher.tick.advance(600)
    dispatcher.drain()
    dispatcher.tick.advance(600)
    assert dispatcher.drain().claimed == 0
    rows = Notification.objects.filter(dossier=dossier)
    assert {r.status for r in rows} == {Status.SENT}
    sms.refresh_from_db()
    assert sms.attempts == 3 and sms.error_code == "" and sms.partner_message_id.startswith("sms-")
    # delivered once each, although tried several times
    for row in rows.filter(channel="sms"):
        assert [d["ref"] for d in fake_sms.delivered].count(str(row.pk)) == 1
    for row in rows.filter(channel="zalo"):
        assert [d["tracking_id"] for d in fake_zalo.delivered].count(str(row.pk)) == 1
    assert len(fake_sms.calls) == 6  # 2 messages × 3 tries
