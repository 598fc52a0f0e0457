"""Fees as data: a procedure version's fee lines, computed for one dossier.

A line (`catalog.models.Fee`, kept in memory as `FeeRule`) is a fee (phí) or a charge (lệ phí) of
`amount` đồng, for one channel or all, charged once per dossier or per copy/quantity (the quantity read
from an e-form field), and 0 đồng when the dossier meets one of its exemptions: a condition the
applicant declares by ticking a yes/no e-form field, or that the officer confirms when requesting
payment. Legal frame: the Law on Fees and Charges 2015 (97/2015/QH13) and the fee circulars (e.g.
Circular 85/2019/TT-BTC for the provinces' civil-status charges, whose exemptions — on-time birth
registration, families of people with meritorious services, poor households, people with
disabilities — are what `exemptions` lists).

`compute_fee_lines(rules, channel, answers, confirmed)` → `[FeeLine]`, all integer đồng. The lines
are stored on the dossier (`dossiers.DossierFee`) when it is submitted and recomputed, for the lines
not yet paid, when an officer requests the financial obligation.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .models import FeeBasis, FeeKind

# The largest quantity one line multiplies (an e-form's copies are bounded far below this).
MAX_QUANTITY = 1000
KIND_LABELS = {FeeKind.FEE: "Phí", FeeKind.CHARGE: "Lệ phí"}


@dataclass(frozen=True, slots=True)
class Exemption:
    code: str
    label: str
    field: str = ""


@dataclass(frozen=True, slots=True)
class FeeRule:
    """One catalogue fee line, immutable (cached with the version's rules)."""

    pk: int | None
    channel: str  # "" = every channel
    kind: str
    name: str
    amount: int  # đồng, per dossier or per unit
    basis: str
    quantity_field: str
    exemptions: tuple[Exemption, ...]
    description: str  # the catalogue's note, never printed as an amount

    @classmethod
    def of(cls, fee) -> FeeRule:
        return cls(
            pk=fee.pk,
            channel=fee.channel or "",
            kind=fee.kind,
            name=fee.name,
            amount=int(fee.amount),
            basis=fee.basis,
            quantity_field=fee.quantity_field,
            exemptions=tuple(
                Exemption(str(e.get("code", "")), str(e.get("label", "")), str(e.get("field", "") or ""))
                for e in (fee.exemptions or ())
                if isinstance(e, Mapping)
            ),
            description=fee.description,
        )

    @property
    def label(self) -> str:
        """What is printed: the line's name, else its kind ("Lệ phí", "Phí")."""
        return self.name or KIND_LABELS.get(self.kind, "Phí, lệ phí")


@dataclass(frozen=True, slots=True)
class FeeLine:
    """A fee line computed for one dossier: `amount` = `unit_amount` × `quantity`, or 0 when
    `exemption` (the condition's label) applies."""

    kind: str
    name: str
    unit_amount: int
    quantity: int
    amount: int
    exemption: str = ""
    description: str = ""
    rule_id: int | None = None


def _quantity(rule: FeeRule, answers: Mapping) -> int:
    if rule.basis != FeeBasis.PER_UNIT:
        return 1
    if not rule.quantity_field:
        return 1
    raw = answers.get(rule.quantity_field)
    if isinstance(raw, bool):
        return 0
    try:
        value = int(raw)
    except (TypeError, ValueError):
        return 0
    return max(0, min(value, MAX_QUANTITY))


def exemption_for(rule: FeeRule, answers: Mapping, confirmed: Iterable[str] = ()) -> Exemption | None:
    """The first exemption of `rule` the dossier meets: its e-form field is ticked (True), or its code
    is among `confirmed` (the officer's confirmation)."""
    confirmed = set(confirmed)
    for e in rule.exemptions:
        if e.code in confirmed or (e.field and answers.get(e.field) is True):
            return e
    return None


def compute_fee_lines(
    rules: Iterable[FeeRule], answers: Mapping | None = None, confirmed: Iterable[str] = ()
) -> list[FeeLine]:
    """The fee lines of one dossier from the catalogue lines that apply to its channel
    (`VersionRules.fees_for(channel)`), its e-form answers and the exemptions an officer confirmed.
    A per-copy line with 0 copies asked is left out (nothing is charged nor printed for it)."""
    answers = answers or {}
    confirmed = tuple(confirmed)
    lines = []
    for rule in rules:
        quantity = _quantity(rule, answers)
        if rule.basis == FeeBasis.PER_UNIT and quantity == 0:
            continue
        exempt = exemption_for(rule, answers, confirmed)
        lines.append(
            FeeLine(
                kind=rule.kind,
                name=rule.label,
                unit_amount=rule.amount,
                quantity=quantity,
                amount=0 if exempt else rule.amount * quantity,
                exemption=exempt.label if exempt else "",
                description=rule.description,
                rule_id=rule.pk,
            )
        )
    return lines


def total(lines: Iterable) -> int:
    """The sum of the lines' `amount` (đồng)."""
    return sum(int(line.amount) for line in lines)


def exemption_codes(rules: Iterable[FeeRule]) -> dict[str, str]:
    """Every exemption an officer may confirm for these lines: code → label."""
    return {e.code: e.label for r in rules for e in r.exemptions}
