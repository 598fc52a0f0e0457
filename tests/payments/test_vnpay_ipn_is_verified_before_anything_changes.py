"""An IPN is believed only when signed with our secret, for an attempt we know, for its amount: else the
protocol's answer (97, 01, 04), the message stored, and nothing paid."""

import pytest

from motcua.dossiers.states import State
from motcua.payments import vnpay
from motcua.payments.models import AttemptStatus, PaymentCallback
from tests.payments.helpers import attempt, ipn_answers, pay_events, reloaded, start
from tests.payments.world import awaiting_payment

pytestmark = pytest.mark.django_db(transaction=True)


def nothing_paid(dossier, started):
    assert reloaded(dossier).state == State.PAYMENT_REQUESTED
    assert pay_events(dossier) == 0
    assert attempt(started).status == AttemptStatus.PENDING
    assert not reloaded(dossier).fees.filter(paid_at__isnull=False).exists()


def test_bad_signature_is_97(fee_world, gateway, payer, live_server):
    dossier = awaiting_payment(fee_world)
    started = start(fee_world, dossier, live_server)
    gateway.state.ipn_mode = "bad_signature"

    payer.choose(started.payment_url, "approve")

    assert gateway.state.ipn_answers == [{"RspCode": "97", "Message": "Invalid signature"}]
    stored = PaymentCallback.objects.get(kind="ipn")
    assert (stored.answer, stored.attempt_id, stored.params["vnp_TxnRef"]) == (
        "97",
        None,
        started.attempt.txn_ref,
    )
    nothing_paid(dossier, started)


def test_amount_changed_after_signing_is_97(fee_world, gateway, payer, live_server):
    dossier = awaiting_payment(fee_world)
    started = start(fee_world, dossier, live_server)
    gateway.state.ipn_mode = "tampered_amount"

    payer.choose(started.payment_url, "approve")

    assert [a["RspCode"] for a in gateway.state.ipn_answers] == ["97"]
    nothing_paid(dossier, started)


def test_signed_wrong_amount_is_04(fee_world, gateway, payer, live_server):
    dossier = awaiting_payment(fee_world)
    started = start(fee_world, dossier, live_server)
    gateway.state.ipn_mode = "none"
    payer.choose(started.payment_url, "approve")
    result = gateway.result_params(started.attempt.txn_ref, "approve")
    wrong = {k: v for k, v in result.items() if k != "vnp_SecureHash"} | {"vnp_Amount": "100000"}
    wrong["vnp_SecureHash"] = vnpay.sign(wrong, gateway.state.hash_secret)

    assert gateway.send_ipn(wrong) == {"RspCode": "04", "Message": "Invalid amount"}
    assert ipn_answers(started) == ["04"]
    nothing_paid(dossier, started)


def test_unknown_txn_ref_is_01(fee_world, gateway, live_server):
    params = {
        "vnp_Amount": "800000",
        "vnp_ResponseCode": "00",
        "vnp_TransactionStatus": "00",
        "vnp_TmnCode": gateway.state.tmn_code,
        "vnp_TxnRef": "MC20260302090000DEADBEEF",
        "vnp_TransactionNo": "1",
    }
    params["vnp_SecureHash"] = vnpay.sign(params, gateway.state.hash_secret)

    assert gateway.send_ipn(params) == {"RspCode": "01", "Message": "Order not found"}
    assert PaymentCallback.objects.get().answer == "01"
