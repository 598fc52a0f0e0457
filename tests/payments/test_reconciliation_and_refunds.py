"""Reconciliation compares the gateway's records (querydr on the fake gateway) with ours: a payment the
gateway took whose IPN never came is listed, and settled with --apply; money taken twice is listed for
refund; an officer records a refund with a reason. The command and the back-office page show the same."""

import pytest
from django.core.management import call_command
from django.test import Client

from motcua.dossiers.errors import DossierForbidden, InvalidParams, InvalidState
from motcua.dossiers.states import State
from motcua.payments import services
from motcua.payments.models import AttemptStatus, PaymentCallback
from motcua.payments.reconciliation import reconcile
from tests.payments.helpers import attempt, pay_events, reloaded, start
from tests.payments.world import awaiting_payment

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_payment_without_ipn_is_found_and_applied(fee_world, gateway, payer, live_server):
    dossier = awaiting_payment(fee_world)
    started = start(fee_world, dossier, live_server)
    gateway.state.ipn_mode = "none"
    payer.choose(started.payment_url, "approve")
    assert reloaded(dossier).state == State.PAYMENT_REQUESTED

    found = reconcile()
    assert [(d.attempt.txn_ref, d.kind) for d in found] == [(started.attempt.txn_ref, "paid_at_gateway_only")]

    with pytest.raises(SystemExit):
        call_command("reconcile_payments", "--apply")
    assert reloaded(dossier).state == State.RECEIVED and pay_events(dossier) == 1
    assert attempt(started).status == AttemptStatus.PAID
    assert PaymentCallback.objects.filter(kind="query", attempt_id=started.attempt.pk).exists()
    assert reconcile() == []
    call_command("reconcile_payments")  # nothing left: exits 0


def test_declined_and_unknown_attempts_are_no_difference(fee_world, gateway, payer, live_server):
    dossier = awaiting_payment(fee_world)
    payer.choose(start(fee_world, dossier, live_server).payment_url, "decline")
    start(fee_world, dossier, live_server)  # opened nowhere: the gateway has no record
    assert reconcile() == []


def test_paid_twice_is_listed_and_refunded_with_a_reason(fee_world, gateway, payer, live_server):
    dossier = awaiting_payment(fee_world)
    first, second = start(fee_world, dossier, live_server), start(fee_world, dossier, live_server)
    payer.choose(first.payment_url, "approve")
    payer.choose(second.payment_url, "approve")
    assert [d.kind for d in reconcile()] == ["not_applied"]

    desk = Client()
    desk.force_login(fee_world.desk)
    page = desk.get("/thanh-toan/doi-soat/").content.decode()
    assert second.attempt.txn_ref in page and "not_applied" in page

    with pytest.raises(InvalidParams):
        services.refund(second.attempt.pk, fee_world.desk, reason="")
    with pytest.raises(DossierForbidden):
        services.refund(second.attempt.pk, fee_world.citizen, reason="Nộp hai lần")
    response = desk.post(
        f"/thanh-toan/hoan-tien/{second.attempt.pk}/", {"reason": "Nộp hai lần cho một hồ sơ"}
    )
    assert response.status_code == 302

    a = attempt(second)
    assert a.status == AttemptStatus.REFUNDED and a.refund.reason == "Nộp hai lần cho một hồ sơ"
    assert a.refund.by == fee_world.desk and a.refund.amount == a.amount
    with pytest.raises(InvalidState):
        services.refund(second.attempt.pk, fee_world.desk, reason="Lần nữa")
    assert reconcile() == []


def test_reconciliation_page_is_for_officers(fee_world, gateway):
    citizen = Client()
    citizen.force_login(fee_world.citizen)
    assert citizen.get("/thanh-toan/doi-soat/").status_code == 403
