"""The three endings on the fake VNPay gateway over real HTTP: approved (the IPN pays the dossier through
the lifecycle, a receipt number, processing resumes), declined and timed out (nothing paid, the payer
may try again with a new attempt)."""

import pytest

from motcua.dossiers.states import State
from motcua.payments.models import AttemptStatus
from tests.payments.helpers import attempt, ipn_answers, pay_events, reloaded, start
from tests.payments.world import awaiting_payment

pytestmark = pytest.mark.django_db(transaction=True)


def test_approved(fee_world, gateway, payer, live_server):
    dossier = awaiting_payment(fee_world, copies=2)
    started = start(fee_world, dossier, live_server)
    assert started.attempt.amount == 8000 + 16000
    assert "vnp_Amount=2400000" in started.payment_url  # ×100

    back = payer.choose(started.payment_url, "approve")

    assert gateway.state.ipn_answers == [{"RspCode": "00", "Message": "Confirm Success"}]
    paid = reloaded(dossier)
    assert paid.state == State.RECEIVED and paid.national_status != 6  # processing resumes where it was
    assert all(
        f.paid_at and f.payment_reference == f"vnpay:{started.attempt.txn_ref}" for f in paid.fees.all()
    )
    event = paid.events.get(action="pay")
    assert event.actor_id == fee_world.citizen.pk and event.role == "applicant"
    a = attempt(started)
    assert (a.status, a.applied) == (AttemptStatus.PAID, True)
    assert a.receipt_number.startswith("BL-") and a.gateway_transaction_no
    assert payer.come_back(back).status_code == 302


@pytest.mark.parametrize(("outcome", "code"), [("decline", "51"), ("timeout", "11")])
def test_declined_or_timed_out_pays_nothing(fee_world, gateway, payer, live_server, outcome, code):
    dossier = awaiting_payment(fee_world)
    started = start(fee_world, dossier, live_server)

    payer.choose(started.payment_url, outcome)

    assert ipn_answers(started) == ["00"]  # the gateway's verdict taken
    a = attempt(started)
    assert (a.status, a.response_code, a.receipt_number) == (AttemptStatus.FAILED, code, None)
    still = reloaded(dossier)
    assert still.state == State.PAYMENT_REQUESTED and still.national_status == 6
    assert pay_events(still) == 0
    # a new attempt, with its own reference, can then succeed
    again = start(fee_world, still, live_server)
    assert again.attempt.txn_ref != started.attempt.txn_ref
    payer.choose(again.payment_url, "approve")
    assert reloaded(dossier).state == State.RECEIVED
