"""Reads for pages and the API: a dossier's attempts, its receipts, the fee lines owed and why."""

from __future__ import annotations

from django.db.models import Count, Sum

from motcua.dossiers.models import DossierFee

from .models import AttemptStatus, PaymentAttempt


def attempts_of(dossier) -> list[PaymentAttempt]:
    return list(
        PaymentAttempt.objects.filter(dossier=dossier).select_related("refund").order_by("-created_at")
    )


def paid_attempts(dossier) -> list[PaymentAttempt]:
    return [a for a in attempts_of(dossier) if a.receipt_number]


def fee_lines(dossier) -> list[DossierFee]:
    return list(DossierFee.objects.filter(dossier=dossier).order_by("pk"))


def receipts_count(start, end) -> dict:
    """Reports: e-receipts issued in [start, end): their number and total (đồng), per gateway."""
    rows = (
        PaymentAttempt.objects.filter(receipt_number__isnull=False, paid_at__gte=start, paid_at__lt=end)
        .exclude(status=AttemptStatus.PENDING)
        .values("gateway")
        .annotate(count=Count("pk"), total=Sum("amount"))
        .order_by("gateway")
    )
    return {r["gateway"]: {"count": r["count"], "total": int(r["total"] or 0)} for r in rows}


def backoffice_context(dossier, *, with_exemptions: bool = False) -> dict:
    """The back-office dossier page's payment part: fee lines, attempts, and (when the officer may
    request payment) the exemptions they may confirm."""
    from motcua.catalog.fees import exemption_codes
    from motcua.catalog.selectors import version_rules
    from motcua.dossiers.states import catalogue_channel

    exemptions = {}
    if with_exemptions:
        rules = version_rules(dossier.procedure_version_id)
        exemptions = exemption_codes(rules.fees_for(catalogue_channel(dossier.channel)))
    return {
        "fee_lines": fee_lines(dossier),
        "payment_attempts": attempts_of(dossier),
        "fee_exemptions": exemptions,
    }


def portal_context(dossier) -> dict:
    """The citizen's dossier page: the fee lines and why (exemptions), the amount owed now, whether it
    can be paid online, and the receipts of payments made."""
    from . import registry
    from .services import owed_amount

    lines = fee_lines(dossier)
    owed = owed_amount(dossier) if dossier.state == "payment_requested" else 0
    return {
        "fee_lines": lines,
        "fees_total": sum(f.amount for f in lines),
        "owed": owed,
        "can_pay_online": owed > 0 and bool(registry.enabled()),
        "receipts": paid_attempts(dossier),
    }
