"""The one-stop-shop report of a period and scope (the layout provinces send upward) and the counts
of `GET /api/v1/reports/summary`.

Shape of `summary(period, scope)`:
{"from", "to", "scope",
 "received": {"total", "carried_over", "new_online", "new_in_person_or_post", "new_in_person", "new_post"},
 "processed": {"total", "early", "on_time", "late", "on_time_rate"},
 "in_progress": {"total", "on_time", "overdue"},      # at the end of the period (or now)
 "withdrawn", "stopped", "refused", "returned",
 "ended_before_receipt",                               # of the refused and withdrawn: never received
 "supplement_requests", "dossiers_with_several_supplements",
 "paid_online", "fee_bearing", "digitised", "e_result", "online_counted",
 "average_processing_hours",                           # working hours, pauses excluded; None if none
 "ratings": {"count", "average", "satisfied", "dissatisfied"},
 "synced": int | None}                                 # None: the system cannot know
"received.total" = carried over + new; "processed" counts the dossiers whose result became ready in the
period (early / on time / late, DOMAIN.md §8); "in_progress" is judged at the period's end.
"refused" and "withdrawn" count every such ending in the period, also of dossiers submitted online and
refused (or withdrawn) before the desk received them; "ended_before_receipt" says how many of them were
never received, so that received = processed + in progress + withdrawn + stopped + refused −
ended_before_receipt reconciles over a whole life.
"""

from __future__ import annotations

from decimal import Decimal

from . import selectors as sel


def _ratio(a: int, b: int) -> float | None:
    return round(a / b, 4) if b else None


def summary(period: sel.Period, scope: sel.Scope) -> dict:
    by_channel = sel.rollup_totals(period, scope, ["channel"])  # one read: the totals are its sum
    totals = sel.summed(by_channel)
    channels = sel.received_by_channel(by_channel)
    carried = sel.carried_over(period, scope, totals)
    processed = totals["finished_early"] + totals["finished_on_time"] + totals["finished_late"]
    progress = sel.in_progress(period.judged_at, scope)
    sync = sel.sync_counts(period, scope)
    hours = None
    if processed and totals["processed_seconds"]:
        hours = float((Decimal(totals["processed_seconds"]) / processed / 3600).quantize(Decimal("0.1")))
    return {
        "from": period.start.isoformat(),
        "to": period.end.isoformat(),
        "scope": scope.label,
        "received": {
            "total": carried + totals["received"],
            "carried_over": carried,
            "new": totals["received"],
            "new_online": channels["online"],
            "new_in_person_or_post": channels["in_person"] + channels["post"],
            "new_in_person": channels["in_person"],
            "new_post": channels["post"],
        },
        "processed": {
            "total": processed,
            "early": totals["finished_early"],
            "on_time": totals["finished_on_time"],
            "late": totals["finished_late"],
            "on_time_rate": _ratio(totals["finished_early"] + totals["finished_on_time"], processed),
        },
        "in_progress": progress,
        "withdrawn": totals["withdrawn"],
        "stopped": totals["stopped"],
        "refused": totals["refused"],
        "ended_before_receipt": totals["ended_unreceived"],
        "returned": totals["returned"],
        "supplement_requests": totals["supplement_requests"],
        "dossiers_with_several_supplements": totals["multi_supplement"],
        "paid_online": totals["paid_online"],
        "fee_bearing": totals["fee_bearing"],
        "digitised": totals["digitised"],
        "e_result": totals["e_result"],
        "online_counted": totals["online_counted"],
        "average_processing_hours": hours,
        "ratings": {
            "count": totals["rated"],
            "average": round(totals["rating_sum"] / totals["rated"], 2) if totals["rated"] else None,
            "satisfied": totals["rating_satisfied"],
            "dissatisfied": totals["rating_dissatisfied"],
        },
        "synced": sync[0] if sync is not None else None,
    }
