"""The Decision 766 index (DOMAIN.md §8) computed from the statistics, per scope and period.

`compute(period, scope)` returns the shape of `GET /api/v1/reports/index-766`:
{"total": points, "max": 100, "max_known": points the system can compute, "groups": [...],
 "indicators": [{"code", "group", "name", "numerator", "denominator", "rate", "points", "max_points",
 "threshold", "formula", "source", "no_data"}]}.
Points are rounded to two decimals; a rate is numerator ÷ denominator (None when the denominator is 0
or the system has no data); an indicator without data has points None and is left out of the total.
Group points are capped at the group's maximum (the online-payment parts add to 10.5 for 10 points).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from motcua.core import clock

from . import cache
from . import selectors as sel
from .cache import scope_key
from .facts import VN
from .indicators import GROUPS, Indicator, configured
from .models import Formula

TWO = Decimal("0.01")


def _points(ind: Indicator, rate: Decimal | None) -> Decimal | None:
    if ind.formula == Formula.NO_DATA:
        return None
    if rate is None:
        return ind.max_points if ind.formula == Formula.RATE_OR_FULL else None
    if ind.formula == Formula.RATE_THRESHOLD:
        return min(ind.max_points, ind.max_points * rate / ind.threshold)
    return ind.max_points * rate


def _rate(num, den) -> Decimal | None:
    if num is None or not den:
        return None
    return Decimal(num) / Decimal(den)


def counts(
    period: sel.Period, scope: sel.Scope, grouped: dict | None = None, progress: dict | None = None
) -> dict[str, tuple | None]:
    """{indicator code: (numerator, denominator) or None (no data)} for the computable indicators.
    `grouped`: the period's `rollup_totals` by `sel.BY_PROCEDURE_CHANNEL` when the caller has them
    (the rollups are read once, grouped, and give both the totals and the online procedures used);
    `progress`: the period's `sel.progress`, likewise."""
    if grouped is None:
        grouped = sel.rollup_totals(period, scope, sel.BY_PROCEDURE_CHANNEL)
    totals = sel.summed(grouped)
    return counts_from(
        totals,
        progress if progress is not None else sel.progress(period, scope, totals=totals),
        sel.sync_counts(period, scope),
        sel.procedures_in_scope(scope),
        sel.online_used(grouped),
    )


def counts_from(
    totals: dict, progress: dict, sync: tuple | None, procedures: dict[int, str], used: set[int]
) -> dict[str, tuple | None]:
    """The indicators' (numerator, denominator) from what the selectors read for a scope and period:
    `rollup_totals`, `progress`, `sync_counts`, `procedures_in_scope`, `online_used` (the one home of
    these formulas, for one scope or for every ranked unit at once)."""
    received = totals["received"]
    online = {p for p, kind in procedures.items() if sel.is_online_kind(kind)}
    used = used & online
    online_num = totals["online_counted"]
    if sync is not None and sync[1]:
        # C × the sync rate: only what the portal has counts (rounded down to whole dossiers)
        online_num = int(Decimal(online_num) * Decimal(sync[0]) / Decimal(sync[1]))
    unhappy = progress["late"] + totals["rating_dissatisfied"]
    return {
        "DOSSIER_SYNC": sync,
        "ON_TIME": (progress["on_time"], progress["received"]),
        "ONLINE_PROCEDURE_RATE": (len(online), len(procedures)),
        "ONLINE_SERVICE_USED": (len(used), len(online)),
        "ONLINE_DOSSIER_RATE": (online_num, received),
        "ONLINE_PAYMENT_RATE": (totals["paid_online"], totals["fee_bearing"]),
        "DOSSIER_RECEIVING_SATISFACTION": (max(0, received - unhappy), received),
        "ORIGINAL_RESULT_AVAILABLE": (totals["e_result"], totals["has_result"]),
        "SO_HOA_GIAY_TO_GIAI_QUYET": (totals["digitised"], received),
        "REUSED_DIGITIZED_DATA": (totals["reused"], received),
    }


def score(found: dict[str, tuple | None], indicators: list[Indicator] | None = None) -> dict:
    """The index document from the counts of `counts` (see the module docstring)."""
    indicators = indicators if indicators is not None else configured()
    rows = []
    for ind in indicators:
        pair = found.get(ind.code) if ind.formula != Formula.NO_DATA else None
        no_data = pair is None
        num, den = (None, None) if no_data else pair
        rate = _rate(num, den)
        points = None if no_data else _points(ind, rate)
        rows.append(
            {
                "code": ind.code,
                "group": ind.group,
                "name": ind.name,
                "numerator": num,
                "denominator": den,
                "rate": float(rate.quantize(Decimal("0.0001"), ROUND_HALF_UP)) if rate is not None else None,
                "points": float(points.quantize(TWO, ROUND_HALF_UP)) if points is not None else None,
                "max_points": float(ind.max_points),
                "threshold": float(ind.threshold),
                "formula": ind.formula,
                "source": ind.source,
                "no_data": no_data,
            }
        )
    groups = []
    total = Decimal(0)
    max_known = Decimal(0)
    for key, (name_vi, name_en, maximum) in GROUPS.items():
        mine = [r for r in rows if r["group"] == key]
        known = [r for r in mine if r["points"] is not None]
        points = min(Decimal(maximum), sum((Decimal(str(r["points"])) for r in known), Decimal(0)))
        known_max = min(Decimal(maximum), sum((Decimal(str(r["max_points"])) for r in known), Decimal(0)))
        total += points
        max_known += known_max
        groups.append(
            {
                "key": key,
                "name": name_vi,
                "name_en": name_en,
                "points": float(points.quantize(TWO)) if known else None,
                "max_points": maximum,
                "max_known": float(known_max),
            }
        )
    return {
        "total": float(total.quantize(TWO, ROUND_HALF_UP)),
        "max": 100,
        "max_known": float(max_known),
        "groups": groups,
        "indicators": rows,
    }


def compute(
    period: sel.Period, scope: sel.Scope, grouped: dict | None = None, progress: dict | None = None
) -> dict:
    """The index of `scope` for `period` (see the module docstring for the shape); `grouped` and
    `progress` as for `counts`."""
    result = score(counts(period, scope, grouped, progress))
    result.update({"from": period.start.isoformat(), "to": period.end.isoformat(), "scope": scope.label})
    return result


def ranking(period: sel.Period, within: sel.Scope | None = None) -> list[dict]:
    """Departments and communes ranked by their index for the period (best first):
    [{"rank", "agency", "identifier", "kind", "total", "max_known", "on_time_rate", "received"}].
    Every unit's counts come from one grouped read per source (`sel.unit_counts`), not one index
    per unit."""
    indicators = configured()
    out = []
    for agency, found in sel.unit_counts(period, within, counts_from):
        doc = score(found, indicators)
        on_time = next(r for r in doc["indicators"] if r["code"] == "ON_TIME")
        out.append(
            {
                "agency": agency.name,
                "agency_id": agency.pk,
                "identifier": agency.identifier,
                "kind": agency.kind,
                "total": doc["total"],
                "max_known": doc["max_known"],
                "on_time_rate": on_time["rate"],
                "received": on_time["denominator"] or 0,
            }
        )
    out.sort(key=lambda r: (-r["total"], -(r["received"]), r["agency"]))
    for i, row in enumerate(out, 1):
        row["rank"] = i
    return out


def trend(period: sel.Period, scope: sel.Scope) -> list[dict]:
    """The index month by month: [{"month": "YYYY-MM", "total", "on_time_rate", "received"}]
    (total None for a month that received nothing). The months already over are kept until the
    end of the day (`cache.daily`: they change little, and a leader's dashboard reads them on every
    visit); the current month is computed each time."""
    indicators = configured()
    today = clock.now().astimezone(VN).date()
    out = []
    for month in period.months():

        def point(month=month):
            doc = score(counts(month, scope), indicators)
            on_time = next(r for r in doc["indicators"] if r["code"] == "ON_TIME")
            received = on_time["denominator"] or 0
            return {
                "month": f"{month.start:%Y-%m}",
                "total": doc["total"] if received else None,  # a month without dossiers is no score
                "on_time_rate": on_time["rate"],
                "received": on_time["denominator"] or 0,
            }

        if month.end < today:
            out.append(cache.daily(("trend", scope_key(scope), month, indicators), point))
        else:
            out.append(point())
    return out
