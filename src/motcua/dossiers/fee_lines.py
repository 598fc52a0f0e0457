"""The dossier's fee lines: what the lifecycle stores when a dossier is created and when an officer
requests the financial obligation (`request_payment`, national status 6). The computation is the
catalogue's (`catalog.fees.compute_fee_lines`); this module only writes its result as `DossierFee`
rows (integer đồng), so the amount owed is fixed at the time it was computed even if the catalogue
changes later.
"""

from __future__ import annotations

from collections.abc import Iterable

from motcua.catalog.fees import compute_fee_lines, exemption_codes
from motcua.core import compiled_insert

from .errors import InvalidParams
from .models import DossierFee
from .states import catalogue_channel

OBLIGATION = "obligation"  # a line an officer sets by hand (request_payment's `amount`)


def _rows(dossier, lines) -> list[DossierFee]:
    return [
        DossierFee(
            dossier=dossier,
            kind=line.kind,
            name=line.name[:255],
            description=line.description[:500],
            unit_amount=line.unit_amount,
            quantity=line.quantity,
            amount=line.amount,
            exemption=line.exemption[:255],
            rule_id=line.rule_id,
        )
        for line in lines
    ]


def store_initial(dossier, rules) -> list[DossierFee]:
    """Write the lines computed from the catalogue when the dossier is created (its row exists);
    returns the rows written (with their ids); one INSERT when there are any (core/compiled_insert.py)."""
    rule_list = rules.fees_for(catalogue_channel(dossier.channel))
    return compiled_insert.insert_many(_rows(dossier, compute_fee_lines(rule_list, dossier.eform_data or {})))


def _confirmed(value, allowed: dict[str, str]) -> list[str]:
    if value in (None, "", []):
        return []
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list | tuple) or not all(isinstance(i, str) for i in items):
        raise InvalidParams(
            "Trường hợp miễn phải là danh sách mã.",
            "exemptions must be a list of codes.",
            code="invalid_exemptions",
        )
    unknown = [i for i in items if i not in allowed]
    if unknown:
        raise InvalidParams(
            f"Trường hợp miễn không có trong danh mục của thủ tục: {', '.join(unknown)}.",
            f"Exemptions not listed for this procedure: {', '.join(unknown)}.",
            code="invalid_exemptions",
        )
    return list(items)


def recompute_for_request(dossier, rules, confirmed: Iterable[str] | str | None = None) -> list[str]:
    """Before a payment request: recompute the catalogue lines not yet paid from the dossier's
    current e-form answers and the exemptions the officer confirms (codes of the version's lines;
    InvalidParams `invalid_exemptions` otherwise). Lines set by hand and paid lines are kept.
    Returns the confirmed codes (for the event)."""
    rule_list = rules.fees_for(catalogue_channel(dossier.channel))
    codes = _confirmed(confirmed, exemption_codes(rule_list))
    unpaid = dossier.fees.filter(paid_at__isnull=True).exclude(kind=OBLIGATION)
    if not unpaid.exists() and not rule_list:
        return codes
    paid_rules = set(
        dossier.fees.filter(paid_at__isnull=False, rule_id__isnull=False).values_list("rule_id", flat=True)
    )
    unpaid.delete()
    fresh = [
        line
        for line in compute_fee_lines(rule_list, dossier.eform_data or {}, codes)
        if line.rule_id not in paid_rules
    ]
    compiled_insert.insert_many(_rows(dossier, fresh))
    return codes
