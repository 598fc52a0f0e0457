"""Each notifying event (received, supplement, payment, apology, result ready, refused, stopped,
withdrawn, returned) writes one message per person and channel — the applicant on e-mail, SMS and
Zalo, the representative on SMS and Zalo — and the worker delivers each over real loopback HTTP (SMS
gateway, Zalo ZNS) or Django's mail backend, with the kind's Vietnamese text."""

import pytest
from django.core import mail

from motcua.notifications.kinds import Status
from motcua.notifications.models import Notification
from tests.projection import project

from .people import APPLICANT_EMAIL, APPLICANT_PHONE, LIVES, REP, with_email

EXPECTED_PEOPLE = {
    ("applicant", "email", APPLICANT_EMAIL),
    ("applicant", "sms", APPLICANT_PHONE),
    ("applicant", "zalo", APPLICANT_PHONE),
    ("representative", "sms", REP["phone"]),
    ("representative", "zalo", REP["phone"]),
}
# words of each kind's default Vietnamese text
WORDS = {
    "received": "đã được tiếp nhận",
    "supplement_requested": "cần bổ sung",
    "payment_requested": "đề nghị nộp 58.000 đồng",  # the procedure's 8.000 fee and the 50.000 obligation
    "apology": "hẹn lại",
    "result_ready": "đã có kết quả",
    "refused": "không được tiếp nhận",
    "stopped": "dừng xử lý",
    "withdrawn": "đã được rút",
    "returned": "đã trả kết quả",
}


@pytest.mark.parametrize("kind", list(LIVES))
def test_event_notifies_the_right_people(kind, world, fixed_clock, channels, fake_sms, fake_zalo, dispatcher):
    with_email(world)
    dossier = LIVES[kind](world, fixed_clock)

    rows = Notification.objects.filter(dossier=dossier, kind=kind)
    assert {(r.recipient_role, r.channel, r.address) for r in rows} == EXPECTED_PEOPLE
    assert all(r.status == Status.PENDING and r.text == "" for r in rows)  # the worker renders and sends

    dispatcher.drain()
    rows = {(r.recipient_role, r.channel): r for r in Notification.objects.filter(dossier=dossier, kind=kind)}
    assert {r.status for r in rows.values()} == {Status.SENT}
    assert all(r.attempts == 1 and r.partner_message_id for r in rows.values())

    sms = {d["ref"]: d for d in fake_sms.delivered}
    for role, phone in (("applicant", "84912345678"), ("representative", "84987654321")):
        sent = sms[str(rows[(role, "sms")].pk)]
        assert sent["to"] == phone and dossier.code in sent["text"] and WORDS[kind] in sent["text"].lower()
        zns = next(z for z in fake_zalo.delivered if z["tracking_id"] == str(rows[(role, "zalo")].pk))
        assert zns["phone"] == phone
        assert zns["template_id"] == channels["zalo"].options.template_ids[kind]
        assert zns["template_data"]["ma_ho_so"] == dossier.code
    assert rows[("representative", "sms")].recipient_name == REP["name"]

    emails = [m for m in mail.outbox if m.subject == rows[("applicant", "email")].subject]
    assert len(emails) == 1 and emails[0].to == [APPLICANT_EMAIL]
    body = emails[0].body
    assert body.startswith("Kính gửi Trần Thị Bình") and dossier.code in body
    assert dossier.code in emails[0].subject and emails[0].subject.startswith("Hồ sơ")
    assert body.index("Kính gửi") < body.index("— English —") < body.index("Dear")  # Vietnamese first
    assert len(fake_sms.delivered) == Notification.objects.filter(channel="sms").count()  # each once


def test_processing_steps_notify_nobody(world, fixed_clock, channels):
    from tests.dossiers.world import act, receive

    dossier = act(receive(world), "forward", world.officer)
    project()
    assert set(Notification.objects.filter(dossier=dossier).values_list("kind", flat=True)) == {"received"}
