"""One dossier's statistics (`DossierStat`), derived from its row and its records, and what it adds to
the daily rollups. Pure functions of what is read in one query (`fact_rows`), so that the fact kept
current by the lifecycle hook and the one rebuilt from the event log are the same by construction.

The on-time judgement follows the national index as DOMAIN.md §8 states it (Decision 766/QĐ-TTg, as
the national portal computes it in 2026):
- the end is the first terminal event: the result ready (processed, national status 9) or returned
  (10), processing stopped (8), refused (3), withdrawn (7);
- only received dossiers are judged; supplement time (request → supplement received) is not counted:
  the due instant is pushed by the pauses (`Dossier.original_due_at`, recomputed by the lifecycle
  from the legal time after each pause); an apology's new appointment does not make it on time;
- a dossier that ended (withdrawn, stopped) while waiting for a supplement ends at the request;
- more than one supplement request: late;
- no due date: the legal time (`processing_hours`) from receipt, pushed by the pauses, is the due;
  no legal time either: on time (nothing to be late against);
- early: ended on a day before the due day (as `dossiers.deadlines.outcome` judges steps).
Unfinished dossiers are judged at the end of a period by the selectors (`judge_open`).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime
from types import SimpleNamespace
from zoneinfo import ZoneInfo

from django.db.models import Exists, F, OuterRef, QuerySet, Subquery

from motcua.calendar.worktime import WorkTimeError
from motcua.dossiers import deadlines
from motcua.dossiers.models import (
    DossierComponent,
    DossierEvent,
    DossierFee,
    DossierPause,
    DossierResult,
)
from motcua.dossiers.states import ONLINE_CHANNELS, State
from motcua.portal.models import Rating

from .models import DossierStat

VN = ZoneInfo("Asia/Ho_Chi_Minh")

END_KIND = {
    State.RESULT_READY: "processed",
    State.RETURNED: "processed",
    State.REFUSED: "refused",
    State.WITHDRAWN: "withdrawn",
    State.STOPPED: "stopped",
}
FACT_FIELDS = tuple(f.attname for f in DossierStat._meta.concrete_fields)


def local_day(instant: datetime | None) -> date | None:
    return instant.astimezone(VN).date() if instant is not None else None


def fact_rows(dossiers: QuerySet) -> QuerySet:
    """The one query a fact needs per dossier: its fields, its records' flags and its last pause.
    Rows are dicts (`values()`)."""
    pk = OuterRef("pk")
    last_pause = DossierPause.objects.filter(dossier=pk).order_by("-started_at", "-pk")
    extra = [name for name in dossiers.query.annotations if name.startswith("old_")]
    return dossiers.values(
        *extra,
        "pk",
        "competent_agency_id",
        "receiving_agency_id",
        "channel",
        "state",
        "received_at",
        "finished_at",
        "returned_at",
        "due_at",
        "original_due_at",
        "processing_hours",
        "same_day",
        "deadline_value",
        "deadline_unit",
        "same_day_cutoff",
        "supplement_requests",
        procedure=F("procedure_version__procedure_id"),
        pause_start=Subquery(last_pause.values("started_at")[:1]),
        pause_end=Subquery(last_pause.values("ended_at")[:1]),
        x_fee=Exists(DossierFee.objects.filter(dossier=pk, amount__gt=0)),
        x_paid_online=Exists(DossierEvent.objects.filter(dossier=pk, action="pay", role="applicant")),
        x_digitised=Exists(DossierComponent.objects.filter(dossier=pk, digitised=True)),
        x_reused=Exists(DossierComponent.objects.filter(dossier=pk, reused_from_store=True)),
        x_result=Exists(DossierResult.objects.filter(dossier=pk)),
        x_e_result=Exists(DossierResult.objects.filter(dossier=pk, is_electronic=True)),
        x_rating=Subquery(Rating.objects.filter(dossier=pk).values("score")[:1]),
    )


def _pauses(dossier_id: int) -> list[tuple[datetime, datetime]]:
    return [
        (start, end)
        for start, end in DossierPause.objects.filter(dossier_id=dossier_id, ended_at__isnull=False)
        .order_by("started_at")
        .values_list("started_at", "ended_at")
    ]


def judge(end: datetime, due: datetime | None, supplements: int) -> str:
    """early / on_time / late of a dossier whose (effective) end is `end`."""
    if supplements > 1:
        return "late"
    if due is None:
        return "on_time"
    if end > due:
        return "late"
    if local_day(end) < local_day(due):
        return "early"
    return "on_time"


def fact_for(row: dict, pauses_of=None) -> dict:
    """The `DossierStat` field values (by attname) of one dossier from its `fact_rows` row.
    Reads the dossier's closed pauses (`pauses_of(dossier id)`, default one query) only when its due
    date must be computed or its processing time is counted (once, when its result is ready)."""
    pauses_of = pauses_of or _pauses
    received_at = row["received_at"]
    state = row["state"]
    end_kind = END_KIND.get(state, "")
    ended_at = row["finished_at"] if end_kind else None
    if end_kind and ended_at is None:  # pragma: no cover - every ending action sets finished_at
        ended_at = row["returned_at"]
    supplements = row["supplement_requests"] or 0
    waiting_since = None
    if received_at is not None and state == State.SUPPLEMENT_REQUESTED and row["pause_end"] is None:
        waiting_since = row["pause_start"]
    pauses = None
    due = row["original_due_at"] or row["due_at"]
    if due is None and received_at is not None and row["processing_hours"] is not None:
        pauses = pauses_of(row["pk"])
        try:
            cal = deadlines.calendar_for(row["receiving_agency_id"])
            term = deadlines.term_of(SimpleNamespace(**row))  # the term in its own unit (calendar engine)
            due = deadlines.due_at_receipt(cal, received_at, term, pauses)
        except WorkTimeError:
            due = None
    judgement = ""
    processed_seconds = None
    if received_at is not None and end_kind:
        end = ended_at
        if (
            end_kind in ("withdrawn", "stopped")
            and row["pause_start"] is not None
            and row["pause_end"] == ended_at
        ):
            end = row["pause_start"]  # ended while waiting for a supplement: ends at the request
        judgement = judge(end, due, supplements)
        if end_kind == "processed":
            if pauses is None:
                pauses = pauses_of(row["pk"])
            try:
                cal = deadlines.calendar_for(row["receiving_agency_id"])
                processed_seconds = cal.elapsed(received_at, ended_at, pauses)
            except WorkTimeError:
                processed_seconds = None
    return {
        "dossier_id": row["pk"],
        "agency_id": row["competent_agency_id"],
        "receiving_agency_id": row["receiving_agency_id"],
        "procedure_id": row["procedure"],
        "channel": row["channel"],
        "received_at": received_at,
        "received_day": local_day(received_at),
        "due_at": due,
        "supplement_count": supplements,
        "waiting_since": waiting_since,
        "end_kind": end_kind,
        "ended_at": ended_at,
        "ended_day": local_day(ended_at),
        "judgement": judgement,
        "returned_day": local_day(row["returned_at"]),
        "processed_seconds": processed_seconds,
        "fee_bearing": bool(row["x_fee"]),
        "paid_online": bool(row["x_paid_online"]),
        "digitised": bool(row["x_digitised"]),
        "reused": bool(row["x_reused"]),
        "has_result": bool(row["x_result"]),
        "e_result": bool(row["x_e_result"]),
        "rating": row["x_rating"],
    }


def is_online_counted(fact: dict) -> bool:
    """An online dossier for the index: filed online (our portal or the national one) and, when its
    result was issued on paper only, not counted (DOMAIN.md §8: an electronic result must exist)."""
    if fact["channel"] not in ONLINE_CHANNELS:
        return False
    return not (fact["has_result"] and not fact["e_result"])


def contributions(fact: dict | None) -> dict[tuple, dict[str, int]]:
    """What one dossier adds to the daily rollups: {(agency_id, receiving_agency_id, procedure_id, day,
    channel): {counter: n}}. Nothing for a dossier neither received nor ended (a submission waiting at
    the desk)."""
    out: dict[tuple, dict[str, int]] = defaultdict(dict)
    if fact is None:
        return out
    base = (fact["agency_id"], fact["receiving_agency_id"], fact["procedure_id"])
    channel = fact["channel"]
    if fact["received_day"] is not None:
        c = out[(*base, fact["received_day"], channel)]
        c["received"] = 1
        flags = {
            "supplement_requests": fact["supplement_count"],
            "multi_supplement": int(fact["supplement_count"] > 1),
            "fee_bearing": int(fact["fee_bearing"]),
            "paid_online": int(fact["paid_online"] and fact["fee_bearing"]),
            "digitised": int(fact["digitised"]),
            "reused": int(fact["reused"]),
            "online_counted": int(is_online_counted(fact)),
            "has_result": int(fact["has_result"]),
            "e_result": int(fact["e_result"]),
            "cohort_on_time": int(fact["judgement"] in ("early", "on_time")),
            "cohort_late": int(fact["judgement"] == "late"),
        }
        if fact["rating"] is not None:
            flags.update(
                rated=1,
                rating_sum=fact["rating"],
                rating_satisfied=int(fact["rating"] >= 4),
                rating_dissatisfied=int(fact["rating"] <= 2),
            )
        c.update({k: v for k, v in flags.items() if v})
    if fact["ended_day"] is not None:
        c = out[(*base, fact["ended_day"], channel)]
        kind = fact["end_kind"]
        if kind == "processed":
            judged = fact["judgement"] or "on_time"
            c[f"finished_{judged}"] = 1
            if fact["processed_seconds"]:
                c["processed_seconds"] = fact["processed_seconds"]
        else:
            c[kind] = 1
        if fact["received_day"] is None:
            c["ended_unreceived"] = 1
    if fact["returned_day"] is not None:
        c = out[(*base, fact["returned_day"], channel)]
        c["returned"] = c.get("returned", 0) + 1
    return {k: v for k, v in out.items() if v}


def difference(new: dict | None, old: dict | None) -> dict[tuple, dict[str, int]]:
    """contributions(new) − contributions(old), without the zeros."""
    delta: dict[tuple, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for key, counters in contributions(new).items():
        for name, n in counters.items():
            delta[key][name] += n
    for key, counters in contributions(old).items():
        for name, n in counters.items():
            delta[key][name] -= n
    return {k: {n: v for n, v in c.items() if v} for k, c in delta.items() if any(c.values())}
