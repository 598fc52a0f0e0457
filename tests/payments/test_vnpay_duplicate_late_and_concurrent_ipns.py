"""A repeated IPN is answered 02 and changes nothing; concurrent copies of one IPN (real threads, each on
its own database connection in the live server) pay once; an IPN that comes late — after the payer gave
up, or with no return at all — still lands; the return URL alone never marks anything paid."""

import pytest

from motcua.dossiers.states import State
from motcua.payments.models import AttemptStatus, PaymentCallback
from tests.payments.helpers import attempt, ipn_answers, pay_events, reloaded, start
from tests.payments.world import awaiting_payment

pytestmark = pytest.mark.django_db(transaction=True)


def test_duplicate_ipn_is_02_and_pays_once(fee_world, gateway, payer, live_server):
    dossier = awaiting_payment(fee_world)
    started = start(fee_world, dossier, live_server)
    gateway.state.ipn_mode = "twice"

    payer.choose(started.payment_url, "approve")

    assert [a["RspCode"] for a in gateway.state.ipn_answers] == ["00", "02"]
    assert pay_events(dossier) == 1
    assert reloaded(dossier).version == dossier.version + 1


def test_concurrent_ipns_pay_once(fee_world, gateway, payer, live_server):
    dossier = awaiting_payment(fee_world)
    started = start(fee_world, dossier, live_server)
    gateway.state.ipn_mode = "concurrent"
    gateway.state.concurrent_ipns = 6

    payer.choose(started.payment_url, "approve")

    answers = sorted(a["RspCode"] for a in gateway.state.ipn_answers)
    assert answers == ["00", "02", "02", "02", "02", "02"]
    assert pay_events(dossier) == 1
    assert attempt(started).receipt_number is not None
    assert reloaded(dossier).state == State.RECEIVED


def test_ipn_before_return(fee_world, gateway, payer, live_server):
    dossier = awaiting_payment(fee_world)
    started = start(fee_world, dossier, live_server)

    back = payer.choose(started.payment_url, "approve")  # the IPN is sent before the redirect
    assert attempt(started).status == AttemptStatus.PAID
    landing = payer.come_back(back)

    assert landing.status_code == 302 and landing.headers["location"].endswith(f"/ho-so/{dossier.code}/")
    kinds = list(
        PaymentCallback.objects.filter(attempt_id=started.attempt.pk)
        .order_by("pk")
        .values_list("kind", flat=True)
    )
    assert kinds == ["ipn", "return"]
    assert pay_events(dossier) == 1


def test_return_without_ipn_marks_nothing_then_the_late_ipn_lands(fee_world, gateway, payer, live_server):
    dossier = awaiting_payment(fee_world)
    started = start(fee_world, dossier, live_server)
    gateway.state.ipn_mode = "late"

    back = payer.choose(started.payment_url, "approve")
    assert "vnp_ResponseCode=00" in back
    payer.come_back(back)  # the gateway says success to the browser …

    assert attempt(started).status == AttemptStatus.PENDING  # … which proves nothing
    assert reloaded(dossier).state == State.PAYMENT_REQUESTED and pay_events(dossier) == 0
    assert PaymentCallback.objects.filter(kind="return").count() == 1

    assert [a["RspCode"] for a in gateway.send_late_ipns()] == ["00"]  # the payer long gone
    assert reloaded(dossier).state == State.RECEIVED and pay_events(dossier) == 1
    assert ipn_answers(started) == ["00"]


def test_a_second_attempt_paid_after_the_first_is_kept_for_refund(fee_world, gateway, payer, live_server):
    dossier = awaiting_payment(fee_world)
    first = start(fee_world, dossier, live_server)
    second = start(fee_world, dossier, live_server)  # two tabs
    payer.choose(first.payment_url, "approve")
    payer.choose(second.payment_url, "approve")

    assert [a["RspCode"] for a in gateway.state.ipn_answers] == ["00", "00"]
    assert pay_events(dossier) == 1
    a = attempt(second)
    assert (a.status, a.applied) == (AttemptStatus.PAID, False)


def test_a_forged_return_is_refused_and_kept(fee_world, gateway, payer, live_server):
    dossier = awaiting_payment(fee_world)
    started = start(fee_world, dossier, live_server)
    gateway.state.ipn_mode = "none"
    back = payer.choose(started.payment_url, "decline")
    forged = back.replace("vnp_ResponseCode=51", "vnp_ResponseCode=00")

    landing = payer.come_back(forged)

    assert landing.status_code == 302 and landing.headers["location"].endswith("/ho-so/")
    stored = PaymentCallback.objects.get(kind="return")
    assert (stored.note, stored.attempt_id) == ("invalid signature", None)
    assert attempt(started).status == AttemptStatus.PENDING and pay_events(dossier) == 0
