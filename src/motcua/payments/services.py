"""Online payment of a dossier's open payment request: start an attempt, take the gateway's IPN, read
its return, refunds. The ONLY way a payment marks a dossier paid is `lifecycle.perform(…, "pay")`, called
from `handle_ipn` (the gateway's server-to-server message) — never from the browser's return.

Correctness (issue 13): the IPN's signature, then its order, then its amount are checked before
anything changes; the attempt row is locked (SELECT … FOR UPDATE; SQLite's write lock) so concurrent
IPNs for one attempt pay once, and a repeated or late IPN is answered "02" and changes nothing; every
message received is stored (`PaymentCallback`) with our answer.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Sum

from motcua.core import clock
from motcua.dossiers import lifecycle
from motcua.dossiers.errors import DossierForbidden, DossierNotFound, InvalidParams, InvalidState
from motcua.dossiers.models import Dossier, DossierFee
from motcua.dossiers.states import State

from . import registry
from .models import AttemptStatus, CallbackKind, PaymentAttempt, PaymentCallback, ReceiptCounter, Refund
from .vnpay import VN, new_txn_ref

logger = logging.getLogger("motcua.payments")

CONFIRMED, NOT_FOUND, ALREADY, BAD_AMOUNT, BAD_SIGNATURE, OTHER = "00", "01", "02", "04", "97", "99"
# The payment reference written on the dossier's fee lines: "<gateway>:<txn_ref>".
REFERENCE_SEP = ":"


def owed_fees(dossier):
    """The fee lines of the open payment request: requested, not paid, more than 0 đồng."""
    return DossierFee.objects.filter(
        dossier=dossier, paid_at__isnull=True, requested_at__isnull=False, amount__gt=0
    ).order_by("pk")


def owed_amount(dossier) -> int:
    return int(owed_fees(dossier).aggregate(s=Sum("amount"))["s"] or 0)


def online_flag(reference: str) -> str:
    """DuocThanhToanTrucTuyen for a fee line's payment reference: the gateway's flag ("1" national
    platform, "2" the province's gateway) when a gateway paid it, else "0" (paid at the desk)."""
    name, sep, _ = str(reference or "").partition(REFERENCE_SEP)
    if not sep:
        return "0"
    return {"vnpay": "2", "national": "1"}.get(name, "0")


def _owner_dossier(code: str, user) -> Dossier:
    applicant = lifecycle.applicant_of(user) if user is not None and user.is_authenticated else None
    if applicant is None:
        raise DossierForbidden(
            "Chỉ chủ hồ sơ được thanh toán trực tuyến.", "Only the dossier's applicant may pay online."
        )
    dossier = Dossier.objects.filter(code=str(code), applicant=applicant).first()
    if dossier is None:
        raise DossierNotFound("Không tìm thấy hồ sơ.", "Dossier not found.", code="dossier_not_found")
    return dossier


@dataclass(frozen=True)
class Started:
    attempt: PaymentAttempt
    payment_url: str


def start_payment(code: str, user, *, client_ip: str, return_url: str, gateway: str | None = None) -> Started:
    """A new attempt for the dossier's open payment request, and the gateway URL to send the payer to.

    `user` must be the dossier's applicant (DossierForbidden / DossierNotFound); the dossier must await
    payment (InvalidState `not_awaiting_payment`) and owe more than 0 đồng (InvalidParams
    `nothing_to_pay`); the gateway must be configured (InvalidState `payment_unavailable`). Each call is
    a new attempt with its own `txn_ref`: the amount is what is owed now."""
    dossier = _owner_dossier(code, user)
    if dossier.state != State.PAYMENT_REQUESTED:
        raise InvalidState(
            "Hồ sơ không ở trạng thái chờ nộp phí, lệ phí.",
            "The dossier is not awaiting payment.",
            code="not_awaiting_payment",
        )
    fees = list(owed_fees(dossier))
    amount = sum(f.amount for f in fees)
    if amount <= 0:
        raise InvalidParams(
            "Hồ sơ không có khoản phải nộp.", "Nothing to pay on this dossier.", code="nothing_to_pay"
        )
    try:
        gw = registry.gateway(gateway) if gateway else registry.default_gateway()
    except registry.GatewayUnavailable as exc:
        raise InvalidState(
            "Chưa có cổng thanh toán trực tuyến; hãy nộp tại nơi tiếp nhận hồ sơ.",
            "No online payment gateway is configured; pay at the receiving desk.",
            code="payment_unavailable",
        ) from exc
    now = clock.now()
    attempt = PaymentAttempt.objects.create(
        dossier=dossier,
        gateway=gw.name,
        txn_ref=new_txn_ref(now),
        amount=amount,
        lines=[
            {
                "name": f.name or f.description[:100] or f.kind,
                "kind": f.kind,
                "quantity": f.quantity,
                "unit_amount": f.unit_amount or f.amount,
                "amount": f.amount,
            }
            for f in fees
        ],
        created_by=user,
        created_at=now,
        expires_at=gw.expires_at(now) if hasattr(gw, "expires_at") else now,
        client_ip=str(client_ip or "")[:45],
    )
    attempt.dossier = dossier
    return Started(attempt, gw.start(attempt, return_url=return_url))


def _store(gateway: str, kind: str, params: Mapping, remote_addr: str, answer: str, note: str, attempt=None):
    PaymentCallback.objects.create(
        attempt=attempt,
        gateway=gateway,
        kind=kind,
        received_at=clock.now(),
        params={str(k)[:64]: str(v)[:1000] for k, v in list(params.items())[:100]},
        remote_addr=str(remote_addr or "")[:45],
        answer=answer,
        note=note[:255],
    )


def next_receipt_number(at) -> str:
    """BL-<year>-<6 digits>, from a per-year counter locked until commit."""
    year = at.astimezone(VN).year
    ReceiptCounter.objects.bulk_create([ReceiptCounter(year=year)], ignore_conflicts=True)
    counter = ReceiptCounter.objects.select_for_update().get(year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return f"BL-{year}-{counter.last:06d}"


def _apply(attempt: PaymentAttempt, gw) -> bool:
    """Mark the dossier paid through the lifecycle when it still owes exactly this amount."""
    dossier = Dossier.objects.select_for_update().get(pk=attempt.dossier_id)
    if dossier.state != State.PAYMENT_REQUESTED or owed_amount(dossier) != attempt.amount:
        return False
    lifecycle.perform(
        dossier.code,
        "pay",
        attempt.created_by,
        dossier.version,
        reference=f"{gw.name}{REFERENCE_SEP}{attempt.txn_ref}",
        comment=f"Thanh toán trực tuyến qua {gw.name}, mã giao dịch {attempt.txn_ref}",
    )
    return True


def _settle(attempt: PaymentAttempt, gw, callback) -> str:
    """Record the gateway's verdict on a pending attempt (locked by the caller): paid (the dossier marked
    paid through the lifecycle when it still owes this amount; a receipt number) or failed."""
    now = clock.now()
    attempt.response_code = callback.response_code
    attempt.gateway_transaction_no = callback.transaction_no
    attempt.bank_code = callback.bank_code
    if callback.success:
        attempt.status, attempt.paid_at = AttemptStatus.PAID, now
        attempt.applied = _apply(attempt, gw)
        attempt.receipt_number = next_receipt_number(now)
        note = "paid" if attempt.applied else "paid, not applied: dossier no longer owed it (refund)"
    else:
        attempt.status = AttemptStatus.FAILED
        note = f"failed ({callback.response_code})"
    attempt.save()
    return note


def handle_confirmed(attempt_id: int, record) -> bool:
    """Reconciliation found the gateway paid an attempt we never heard of (a `GatewayRecord`): settle it
    as the IPN would, when it is still pending and the amount matches. Returns whether it was settled."""
    from .registry import Callback

    with transaction.atomic():
        attempt = PaymentAttempt.objects.select_for_update().filter(pk=attempt_id).first()
        if attempt is None or attempt.status != AttemptStatus.PENDING or record.amount != attempt.amount:
            return False
        gw = registry.gateway(attempt.gateway)
        callback = Callback(
            True, attempt.txn_ref, record.amount, record.paid, record.status_code, record.transaction_no
        )
        _settle(attempt, gw, callback)
    return True


def handle_ipn(gateway: str, params: Mapping[str, str], remote_addr: str = "") -> tuple[str, str]:
    """The gateway's IPN → (RspCode, message) as its protocol expects (VNPay 2.1.0): 97 bad signature,
    01 unknown order, 04 amount differs from the attempt's, 02 attempt already settled (a duplicate or
    late IPN: nothing changes), 00 taken (paid, or failed as the gateway says), 99 anything else.
    Each IPN is stored with its answer; nothing changes before signature, order and amount pass."""
    from .vnpay import IPN_MESSAGES

    try:
        gw = registry.gateway(gateway)
    except registry.GatewayUnavailable:
        _store(gateway, CallbackKind.IPN, params, remote_addr, OTHER, "gateway not configured")
        return OTHER, IPN_MESSAGES[OTHER]
    callback = gw.read_callback(params)
    if not callback.signature_ok:
        logger.warning("payment IPN with an invalid signature (txn_ref %r)", callback.txn_ref)
        _store(gw.name, CallbackKind.IPN, params, remote_addr, BAD_SIGNATURE, "invalid signature")
        return BAD_SIGNATURE, IPN_MESSAGES[BAD_SIGNATURE]
    answer, note, attempt = OTHER, "", None
    try:
        with transaction.atomic():
            attempt = (
                PaymentAttempt.objects.select_for_update()
                .filter(gateway=gw.name, txn_ref=callback.txn_ref)
                .first()
            )
            if attempt is None:
                answer, note = NOT_FOUND, "unknown txn_ref"
            elif callback.amount != attempt.amount:
                answer, note = BAD_AMOUNT, f"amount {callback.amount} ≠ {attempt.amount}"
                logger.warning(
                    "payment IPN %s: amount %s, expected %s", attempt.txn_ref, callback.amount, attempt.amount
                )
            elif attempt.status != AttemptStatus.PENDING:
                answer, note = ALREADY, f"already {attempt.status}"
            else:
                note = _settle(attempt, gw, callback)
                answer = CONFIRMED
            _store(gw.name, CallbackKind.IPN, params, remote_addr, answer, note, attempt)
    except Exception:
        logger.exception("payment IPN %r failed", callback.txn_ref)
        _store(gw.name, CallbackKind.IPN, params, remote_addr, OTHER, "error")
        return OTHER, IPN_MESSAGES[OTHER]
    return answer, IPN_MESSAGES[answer]


@dataclass(frozen=True)
class ReturnView:
    """What the payer's browser is told on return: it marks nothing (the IPN does)."""

    signature_ok: bool
    attempt: PaymentAttempt | None
    gateway_says_success: bool


def read_return(gateway: str, params: Mapping[str, str], remote_addr: str = "") -> ReturnView:
    """The browser's return from the gateway: checked and stored, never marks anything paid."""
    try:
        gw = registry.gateway(gateway)
    except registry.GatewayUnavailable:
        return ReturnView(False, None, False)
    callback = gw.read_callback(params)
    attempt = None
    if callback.signature_ok:
        attempt = (
            PaymentAttempt.objects.select_related("dossier")
            .filter(gateway=gw.name, txn_ref=callback.txn_ref)
            .first()
        )
    _store(
        gw.name,
        CallbackKind.RETURN,
        params,
        remote_addr,
        "",
        "ok" if callback.signature_ok else "invalid signature",
        attempt,
    )
    return ReturnView(callback.signature_ok, attempt, callback.signature_ok and callback.success)


def refund(attempt_id: int, officer, *, reason: str) -> Refund:
    """Record that a paid attempt's money was given back (by the officer, outside the system), with a
    reason. Only a desk officer of the dossier's receiving agency (DossierForbidden); the attempt must
    be paid and not refunded yet (InvalidState `not_refundable`); the reason is required (InvalidParams
    `reason_required`). An attempt that was applied to the dossier keeps the dossier paid: the refund of
    a fee the dossier owed is a decision outside this record (e.g. the dossier was refused)."""
    from motcua.organizations.models import Role
    from motcua.organizations.selectors import user_role_grants

    reason = str(reason or "").strip()
    if len(reason) < 5:
        raise InvalidParams(
            "Cần nêu lý do hoàn tiền.", "A reason for the refund is required.", code="reason_required"
        )
    with transaction.atomic():
        attempt = (
            PaymentAttempt.objects.select_for_update().select_related("dossier").filter(pk=attempt_id).first()
        )
        if attempt is None:
            raise DossierNotFound("Không tìm thấy giao dịch.", "Payment not found.", code="payment_not_found")
        grants = user_role_grants(officer, clock.now())
        if not any(
            g.role in (Role.DESK_OFFICER, Role.PROVINCE_ADMIN)
            and g.agency_id == attempt.dossier.receiving_agency_id
            for g in grants
        ):
            raise DossierForbidden(
                "Bạn không có quyền hoàn tiền giao dịch này.", "You may not refund this payment."
            )
        if attempt.status != AttemptStatus.PAID:
            raise InvalidState(
                "Chỉ hoàn tiền giao dịch đã thanh toán và chưa hoàn.",
                "Only a paid, not yet refunded payment can be refunded.",
                code="not_refundable",
            )
        attempt.status = AttemptStatus.REFUNDED
        attempt.save(update_fields=["status"])
        record = Refund.objects.create(
            attempt=attempt, amount=attempt.amount, reason=reason[:2000], by=officer, at=clock.now()
        )
        _store(
            attempt.gateway,
            "refund",
            {"txn_ref": attempt.txn_ref},
            "",
            "",
            f"refunded by {officer}: {reason[:150]}",
            attempt,
        )
    return record
