"""Reconciliation: the gateway's record of each attempt compared with ours (`manage.py
reconcile_payments`, and the back-office page). A difference is one of

- `paid_at_gateway_only`: the gateway took the money, we have no confirmation (the IPN never came);
  `apply=True` takes it as the IPN would (same checks, same path: `services.handle_confirmed`);
- `paid_here_only`: we marked it paid, the gateway has no payment;
- `amount_differs`: both paid, different amounts;
- `not_applied`: paid, but the dossier no longer owed it (paid twice, or after it moved on): to refund.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from motcua.core import clock

from . import registry
from .models import AttemptStatus, CallbackKind, PaymentAttempt


@dataclass(frozen=True)
class Difference:
    attempt: PaymentAttempt
    kind: str
    ours: str
    theirs: str


def reconcile(since: datetime | None = None, *, apply: bool = False) -> list[Difference]:
    """Compare attempts created since `since` (default: 2 days ago) with their gateways' records."""
    from .services import _store, handle_confirmed

    since = since or clock.now() - timedelta(days=2)
    found = []
    gateways = registry.enabled()
    attempts = (
        PaymentAttempt.objects.filter(created_at__gte=since).select_related("dossier").order_by("created_at")
    )
    for attempt in attempts:
        if attempt.status == AttemptStatus.PAID and not attempt.applied:
            found.append(Difference(attempt, "not_applied", "paid", "paid"))
        gw = gateways.get(attempt.gateway)
        if gw is None:
            continue
        try:
            record = gw.query(attempt)
        except Exception as exc:  # an unreachable gateway is reported, not fatal
            found.append(Difference(attempt, "gateway_error", attempt.status, str(exc)[:100]))
            continue
        ours_paid = attempt.status in (AttemptStatus.PAID, AttemptStatus.REFUNDED)
        theirs_paid = record is not None and record.paid
        theirs = "paid" if theirs_paid else ("none" if record is None else f"status {record.status_code}")
        if theirs_paid and not ours_paid:
            found.append(Difference(attempt, "paid_at_gateway_only", attempt.status, theirs))
            if apply:
                handle_confirmed(attempt.pk, record)
                _store(
                    gw.name,
                    CallbackKind.QUERY,
                    {"txn_ref": attempt.txn_ref},
                    "",
                    "",
                    "applied by reconciliation",
                    attempt,
                )
        elif ours_paid and not theirs_paid:
            found.append(Difference(attempt, "paid_here_only", attempt.status, theirs))
        elif ours_paid and theirs_paid and record.amount != attempt.amount:
            found.append(Difference(attempt, "amount_differs", str(attempt.amount), str(record.amount)))
    return found
