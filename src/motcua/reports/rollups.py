"""Keeping the statistics current: the outbox projection, the delta upsert, and the rebuild.

`project` runs in the worker's projector (`jobs/projector.py`, registered in `dossiers.projections`)
for a batch of outbox records, after their actions committed: it re-derives the facts of the batch's
distinct dossiers (one query), writes those that changed and adds the differences of their
contributions to the daily and monthly rollups (one INSERT … ON CONFLICT DO UPDATE each, the same SQL
on SQLite and PostgreSQL), and counts the steps the batch's events left (one more). All of it commits
with the records' `projected_at` or not at all: a count is never lost nor counted twice (the fact's
difference is idempotent by construction; a record is projected once). `rebuild()` recomputes
everything from the dossiers and their event log (`manage.py rebuild_rollups`); a property test checks
that both give the same rows.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from types import SimpleNamespace

from django.db import connection, transaction
from django.db.models import F

from motcua.calendar.worktime import WorkTimeError
from motcua.core.compiled import CompiledQuery
from motcua.dossiers import deadlines
from motcua.dossiers.models import Dossier, DossierEvent, DossierPause, OutboxMessage

from .cache import invalidate
from .facts import FACT_FIELDS, contributions, difference, fact_for, fact_rows, local_day
from .models import COUNTERS, DailyRollup, DossierStat, MonthlyRollup, StepRollup

_FACT_UPDATE = [f for f in FACT_FIELDS if f != "dossier_id"]


def project(items) -> None:
    """The statistics projection (`dossiers.projections`; `items`: `projections.Item`s of one batch):
    the facts of the batch's distinct dossiers refreshed together (`refresh`), and the step each
    item's event left (if any) added to the step rollups in one upsert."""
    refresh(sorted({item.dossier_id for item in items}))
    steps: dict[tuple, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for item in items:
        event = item.event
        if event is not None and event.step_outcome and event.from_step:
            key = step_key(event, item.competent_agency_id)
            for name, n in step_counts(event, key[0]).items():
                steps[key][name] += n
    apply_steps(steps)


def step_key(event, fallback_agency_id: int) -> tuple:
    """(agency id, step key, local day) of an event that left a step: the agency of whoever left it."""
    return (event.agency_id or fallback_agency_id, event.from_step, local_day(event.at))


def _entries(dossier: int, seq: int, step: str):
    return (
        DossierEvent.objects.filter(dossier_id=dossier, seq__lt=seq, to_step=step)
        .exclude(from_step=step)
        .order_by("-seq")
        .values_list("at", "next_step_due_at")[:1]
    )


def _closed(dossier: int, by):
    return (
        DossierPause.objects.filter(dossier_id=dossier, ended_at__isnull=False, ended_at__lte=by)
        .order_by("started_at")
        .values_list("started_at", "ended_at")
    )


# compiled once per process (core/compiled.py): the hook runs them on every step-leaving action
_ENTRY = CompiledQuery(_entries, dossier="int", seq="int", step="str")
_CLOSED = CompiledQuery(_closed, dossier="int", by="datetime")


def step_entry(event) -> tuple | None:
    """(entered at, the step's due at entry) of the step `event` left: the latest earlier event of
    the dossier that entered it (`to_step` the step, `from_step` another), or None."""
    rows = _ENTRY.rows(dossier=event.dossier_id, seq=event.seq, step=event.from_step)
    return tuple(rows[0]) if rows else None


def closed_pauses(dossier_id: int, by) -> list[tuple]:
    """The dossier's pauses closed by the instant `by` ([(start, end)]): what was known when the
    step was left, so that the hook and the rebuild count the same."""
    return [tuple(r) for r in _CLOSED.rows(dossier=dossier_id, by=by)]


def step_time(agency_id: int, entry: tuple | None, left_at, pauses) -> tuple[int, int]:
    """(spent, allotted) working seconds of one passage through a step, in the calendar of the
    agency that worked it: spent = from entry to leaving, pauses excluded; allotted = from entry to
    the step's due at entry (its allotment; 0 when the step had none). (0, 0) without an entry or
    outside the calendar's years."""
    if entry is None:
        return 0, 0
    entered_at, due_at = entry
    try:
        cal = deadlines.calendar_for(agency_id)
        spent = max(0, cal.elapsed(entered_at, left_at, pauses))
        allotted = max(0, cal.elapsed(entered_at, due_at)) if due_at is not None else 0
    except WorkTimeError:
        return 0, 0
    return spent, allotted


def step_counts(event, agency_id: int | None = None, *, entry=..., pauses=None) -> dict[str, int]:
    """What one event that left a step adds to `StepRollup` (`STEP_COUNTERS`). `agency_id`: the
    calendar's agency (the rollup key's; None: the event's). The entry and the pauses are read from
    the event log (two queries) unless given (the rebuild passes them)."""
    late = event.step_outcome == "late"
    overrun = 0
    if late and event.step_due_at is not None:
        overrun = max(0, int((event.at - event.step_due_at).total_seconds()))
    if entry is ...:
        entry = step_entry(event)
    if pauses is None:
        pauses = closed_pauses(event.dossier_id, event.at) if entry is not None else []
    spent, allotted = step_time(agency_id or event.agency_id, entry, event.at, pauses)
    return {
        "left": 1,
        "late": int(late),
        "overrun_seconds": overrun,
        "spent_seconds": spent,
        "allotted_seconds": allotted,
    }


STEP_COUNTERS = ("left", "late", "overrun_seconds", "spent_seconds", "allotted_seconds")


def apply_steps(delta: dict[tuple, dict[str, int]]) -> None:
    """Add to the step rollups ({(agency_id, step, day): counters}) in one upsert statement."""
    if not delta:
        return
    table = connection.ops.quote_name(StepRollup._meta.db_table)
    columns = ["agency_id", "step", "day", *STEP_COUNTERS]
    placeholders = "(" + ", ".join(["%s"] * len(columns)) + ")"
    params: list = []
    delta = dict(sorted(delta.items(), key=lambda kv: str(kv[0])))  # one lock order for every worker
    for (agency_id, step, day), counters in delta.items():
        params += [agency_id, step, connection.ops.adapt_datefield_value(day)]
        params += [counters.get(name, 0) for name in STEP_COUNTERS]
    q = connection.ops.quote_name  # "left" is a reserved word in PostgreSQL
    sets = ", ".join(f"{q(c)} = {table}.{q(c)} + excluded.{q(c)}" for c in STEP_COUNTERS)
    sql = (
        f"INSERT INTO {table} ({', '.join(q(c) for c in columns)}) "
        f"VALUES {', '.join([placeholders] * len(delta))} "
        f"ON CONFLICT (agency_id, day, step) DO UPDATE SET {sets}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def refresh(dossier_ids: Iterable[int], *, created: bool = False) -> int:
    """Re-derive the facts of these dossiers and apply the differences to the rollups; returns how
    many facts changed. `created`: the dossiers are new (no fact to read). Call it inside the
    transaction that changed them (an importer writing dossiers outside `lifecycle.perform` calls it
    for what it wrote); the projector calls it for each batch."""
    ids = list(dossier_ids)
    dossiers = Dossier.objects.filter(pk__in=ids)
    if not created:  # the fact as it stands, read in the same query (LEFT JOIN)
        dossiers = dossiers.annotate(**{f"old_{f}": F(f"stat__{f}") for f in FACT_FIELDS})
    rows = list(fact_rows(dossiers))
    old = {}
    for row in rows:
        if row.get("old_dossier_id") is not None:
            old[row["pk"]] = {f: row[f"old_{f}"] for f in FACT_FIELDS}
    changed = []
    delta: dict[tuple, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for row in rows:
        new = fact_for(row)
        before = old.get(new["dossier_id"])
        if before == new:
            continue
        changed.append(new)
        for key, counters in difference(new, before).items():
            for name, n in counters.items():
                delta[key][name] += n
    if changed:
        DossierStat.objects.bulk_create(
            [DossierStat(**fact) for fact in changed],
            update_conflicts=True,
            unique_fields=["dossier"],
            update_fields=_FACT_UPDATE,
        )
        apply(delta)
    return len(changed)


def by_month(delta: dict[tuple, dict[str, int]]) -> dict[tuple, dict[str, int]]:
    """The same delta keyed by month (the first day of the day's month)."""
    months: dict[tuple, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for (agency_id, receiving_id, procedure_id, day, channel), counters in delta.items():
        for name, n in counters.items():
            months[(agency_id, receiving_id, procedure_id, day.replace(day=1), channel)][name] += n
    return months


def apply(delta: dict[tuple, dict[str, int]]) -> None:
    """Add `delta` ({(agency_id, receiving_agency_id, procedure_id, day, channel): {counter: n}}) to
    the daily and the
    monthly rollups: one INSERT … ON CONFLICT (the key) DO UPDATE SET counter = counter + excluded
    for each."""
    _apply(DailyRollup, "day", delta)
    _apply(MonthlyRollup, "month", by_month(delta))


def _apply(model, period_column: str, delta: dict[tuple, dict[str, int]]) -> None:
    rows = [(key, counters) for key, counters in delta.items() if any(counters.values())]
    rows.sort(key=lambda row: str(row[0]))  # one lock order for every worker (no deadlock)
    if not rows:
        return
    table = connection.ops.quote_name(model._meta.db_table)
    columns = ["agency_id", "receiving_agency_id", "procedure_id", period_column, "channel", *COUNTERS]
    placeholders = "(" + ", ".join(["%s"] * len(columns)) + ")"
    params: list = []
    for (agency_id, receiving_id, procedure_id, day, channel), counters in rows:
        params += [agency_id, receiving_id, procedure_id, connection.ops.adapt_datefield_value(day), channel]
        params += [counters.get(name, 0) for name in COUNTERS]
    q = connection.ops.quote_name
    sets = ", ".join(f"{q(c)} = {table}.{q(c)} + excluded.{q(c)}" for c in COUNTERS)
    sql = (
        f"INSERT INTO {table} ({', '.join(q(c) for c in columns)}) "
        f"VALUES {', '.join([placeholders] * len(rows))} "
        f"ON CONFLICT (agency_id, {period_column}, procedure_id, channel, receiving_agency_id) "
        f"DO UPDATE SET {sets}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def _insert_many(model, attnames, rows: list[list]) -> None:
    """Plain INSERTs of many rows (executemany), values adapted as the ORM would for dates and
    instants: the rebuild writes a million rows, the ORM's per-row compilation would dominate."""
    if not rows:
        return
    ops = connection.ops
    fields = [model._meta.get_field(a.removesuffix("_id") if a.endswith("_id") else a) for a in attnames]
    kinds = [f.get_internal_type() for f in fields]
    adapt = []
    for kind in kinds:
        if kind == "DateTimeField":
            adapt.append(ops.adapt_datetimefield_value)
        elif kind == "DateField":
            adapt.append(ops.adapt_datefield_value)
        else:
            adapt.append(None)
    table = ops.quote_name(model._meta.db_table)
    columns = ", ".join(ops.quote_name(f.column) for f in fields)
    sql = f"INSERT INTO {table} ({columns}) VALUES ({', '.join(['%s'] * len(fields))})"
    prepared = [
        [v if a is None or v is None else a(v) for v, a in zip(row, adapt, strict=True)] for row in rows
    ]
    with connection.cursor() as cursor:
        for start in range(0, len(prepared), 5000):
            cursor.executemany(sql, prepared[start : start + 5000])


def _unprojected_events() -> set[tuple[str, int]]:
    """{(dossier code, event seq)} of the outbox records the projector has not projected yet."""
    pending = set()
    for key, payload in OutboxMessage.objects.filter(projected_at__isnull=True).values_list("key", "payload"):
        seq = payload.get("event_seq") if isinstance(payload, dict) else None
        if seq:
            pending.add((key, int(seq)))
    return pending


def rebuild(*, chunk: int = 2000, stdout=None) -> dict[str, int]:
    """Recompute every fact and every rollup row from the dossiers and their records, in one
    transaction (readers see the old numbers until it commits); the steps of events whose outbox
    record is still unprojected are left to the projector. Returns {"dossiers", "rows", "steps"}."""
    totals: dict[tuple, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    count = 0
    with transaction.atomic():
        DailyRollup.objects.all().delete()
        DossierStat.objects.all().delete()
        ids = Dossier.objects.order_by("pk").values_list("pk", flat=True)
        last = 0
        while True:
            batch = list(ids.filter(pk__gt=last)[:chunk])
            if not batch:
                break
            last = batch[-1]
            pauses = defaultdict(list)
            for dossier_id, start, end in (
                DossierPause.objects.filter(dossier_id__in=batch, ended_at__isnull=False)
                .order_by("started_at")
                .values_list("dossier_id", "started_at", "ended_at")
            ):
                pauses[dossier_id].append((start, end))
            rows = fact_rows(Dossier.objects.filter(pk__in=batch))
            facts = [fact_for(row, pauses_of=lambda pk, p=pauses: p.get(pk, [])) for row in rows]
            _insert_many(DossierStat, FACT_FIELDS, [[fact[f] for f in FACT_FIELDS] for fact in facts])
            for fact in facts:
                for key, counters in contributions(fact).items():
                    for name, n in counters.items():
                        totals[key][name] += n
            count += len(facts)
            if stdout is not None:
                stdout.write(f"… {count}\n")
        MonthlyRollup.objects.all().delete()
        monthly = by_month(totals)
        _insert_many(
            MonthlyRollup,
            ["agency_id", "receiving_agency_id", "procedure_id", "month", "channel", *COUNTERS],
            [
                [a, r, p, m, c, *(counters.get(name, 0) for name in COUNTERS)]
                for (a, r, p, m, c), counters in monthly.items()
            ],
        )
        _insert_many(
            DailyRollup,
            ["agency_id", "receiving_agency_id", "procedure_id", "day", "channel", *COUNTERS],
            [
                [a, r, p, d, c, *(counters.get(name, 0) for name in COUNTERS)]
                for (a, r, p, d, c), counters in totals.items()
            ],
        )
        StepRollup.objects.all().delete()
        # the events whose outbox record is not projected yet: the projector counts their steps later
        steps = _rebuild_steps(skip=_unprojected_events())
        StepRollup.objects.bulk_create(
            [StepRollup(agency_id=a, step=st, day=d, **c) for (a, st, d), c in steps.items()], batch_size=1000
        )
    invalidate()  # the numbers kept for the day (cache.daily) were read from the old rows
    return {"dossiers": count, "rows": len(totals), "steps": len(steps)}


def _rebuild_steps(skip: set[tuple[str, int]] = frozenset()) -> dict[tuple, dict[str, int]]:
    """The step rollups from the event log: every event in dossier order, remembering where each
    step was last entered (as `step_entry` reads it), and the dossiers' closed pauses; the events
    `skip` names ({(dossier code, seq)}) are not counted (the projector has yet to)."""
    steps: dict[tuple, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    pauses: dict[int, list[tuple]] = defaultdict(list)
    for dossier_id, start, end in (
        DossierPause.objects.filter(ended_at__isnull=False)
        .order_by("dossier_id", "started_at")
        .values_list("dossier_id", "started_at", "ended_at")
        .iterator(chunk_size=5000)
    ):
        pauses[dossier_id].append((start, end))
    events = (
        DossierEvent.objects.exclude(from_step="", to_step="")
        .order_by("dossier_id", "seq")
        .values_list(
            "dossier_id",
            "seq",
            "agency_id",
            "from_step",
            "to_step",
            "at",
            "step_outcome",
            "step_due_at",
            "next_step_due_at",
            "dossier__competent_agency_id",
            "dossier__code",
        )
    )
    current, entries = None, {}
    for row in events.iterator(chunk_size=5000):
        dossier_id, seq, agency_id, from_step, to_step, at, outcome, due, next_due, competent, code = row
        if dossier_id != current:
            current, entries = dossier_id, {}
        if outcome and from_step and (code, seq) not in skip:
            event = SimpleNamespace(
                dossier_id=dossier_id, seq=seq, agency_id=agency_id, from_step=from_step, at=at,
                step_outcome=outcome, step_due_at=due,
            )  # fmt: skip
            key = step_key(event, competent)
            entry = entries.get(from_step)
            closed = [p for p in pauses.get(dossier_id, ()) if p[1] <= at] if entry is not None else []
            for name, n in step_counts(event, key[0], entry=entry, pauses=closed).items():
                steps[key][name] += n
        if to_step and to_step != from_step:
            entries[to_step] = (at, next_due)
    return steps
