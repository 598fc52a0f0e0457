"""Keeping the statistics current: the lifecycle hook, the delta upsert, and the rebuild.

`on_dossier_changed` runs inside the lifecycle's transaction after each action's event
(`dossiers.hooks`): it re-derives the dossier's fact (one query), and when it changed, writes it and
adds the difference of its contributions to the daily rollups (one INSERT … ON CONFLICT DO UPDATE
statement, the same SQL on SQLite and PostgreSQL). Both commit or roll back with the action: a count
is never lost nor counted twice. `rebuild()` recomputes everything from the dossiers and their event
log (`manage.py rebuild_rollups`); a property test checks that both give the same rows.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from django.db import connection, transaction
from django.db.models import F

from motcua.core.compiled import CompiledQuery
from motcua.dossiers.models import Dossier, DossierEvent, DossierPause

from .cache import invalidate
from .facts import FACT_FIELDS, contributions, difference, fact_for, fact_rows, local_day
from .models import COUNTERS, DailyRollup, DossierStat, MonthlyRollup, StepRollup

_FACT_UPDATE = [f for f in FACT_FIELDS if f != "dossier_id"]


def on_dossier_changed(dossier, event=None) -> None:
    """The hook (`dossiers.hooks`): bring the dossier's fact and its rollup rows up to date, and
    count the step the action left (if any)."""
    refresh_one(dossier.pk, created=bool(event is not None and event.seq == 1))
    if event is not None and event.step_outcome and event.from_step:
        apply_steps({step_key(event, dossier.competent_agency_id): step_counts(event)})


def step_key(event, fallback_agency_id: int) -> tuple:
    """(agency id, step key, local day) of an event that left a step: the agency of whoever left it."""
    return (event.agency_id or fallback_agency_id, event.from_step, local_day(event.at))


def step_counts(event) -> dict[str, int]:
    late = event.step_outcome == "late"
    overrun = 0
    if late and event.step_due_at is not None:
        overrun = max(0, int((event.at - event.step_due_at).total_seconds()))
    return {"left": 1, "late": int(late), "overrun_seconds": overrun}


STEP_COUNTERS = ("left", "late", "overrun_seconds")


def apply_steps(delta: dict[tuple, dict[str, int]]) -> None:
    """Add to the step rollups ({(agency_id, step, day): counters}) in one upsert statement."""
    if not delta:
        return
    table = connection.ops.quote_name(StepRollup._meta.db_table)
    columns = ["agency_id", "step", "day", *STEP_COUNTERS]
    placeholders = "(" + ", ".join(["%s"] * len(columns)) + ")"
    params: list = []
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


def _one_row(pk):
    return fact_rows(
        Dossier.objects.filter(pk=pk).annotate(**{f"old_{f}": F(f"stat__{f}") for f in FACT_FIELDS})
    )


# The hook's read, compiled once per process (core/compiled.py): building this queryset costs more
# Python than the database takes to answer it.
_ONE = CompiledQuery(_one_row, pk="int")
_ONE_NAMES: list[str] = []


def _one(pk: int) -> dict | None:
    if not _ONE_NAMES:  # the columns in the compiled SELECT's order (each has its alias in values())
        compiler = _one_row(0).query.get_compiler(using="default")
        compiler.setup_query()
        _ONE_NAMES.extend(alias for _expression, _sql, alias in compiler.select)
    rows = _ONE.rows(pk=pk)
    return dict(zip(_ONE_NAMES, rows[0], strict=True)) if rows else None


def refresh_one(dossier_id: int, *, created: bool = False) -> bool:
    """`refresh` of one dossier with precompiled SQL (the lifecycle hook): one read, and when the fact
    changed one upsert of the fact and one of the rollups. Returns whether it changed."""
    row = _one(dossier_id)
    if row is None:
        return False
    before = None
    if not created and row.get("old_dossier_id") is not None:
        before = {f: row[f"old_{f}"] for f in FACT_FIELDS}
    new = fact_for(row)
    if before == new:
        return False
    _upsert_facts([new])
    apply(difference(new, before))
    return True


def _upsert_facts(facts: list[dict]) -> None:
    """INSERT … ON CONFLICT (dossier_id) DO UPDATE: the facts, whatever was there."""
    table = connection.ops.quote_name(DossierStat._meta.db_table)
    fields = [DossierStat._meta.get_field(name.removesuffix("_id")) for name in FACT_FIELDS]
    columns = [f.column for f in fields]
    placeholders = "(" + ", ".join(["%s"] * len(columns)) + ")"
    params = []
    for fact in facts:
        params += [f.get_db_prep_save(fact[f.attname], connection) for f in fields]
    q = connection.ops.quote_name
    sets = ", ".join(f"{q(c)} = excluded.{q(c)}" for c in columns if c != "dossier_id")
    sql = (
        f"INSERT INTO {table} ({', '.join(q(c) for c in columns)}) "
        f"VALUES {', '.join([placeholders] * len(facts))} "
        f"ON CONFLICT (dossier_id) DO UPDATE SET {sets}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def refresh(dossier_ids: Iterable[int], *, created: bool = False) -> int:
    """Re-derive the facts of these dossiers and apply the differences to the rollups; returns how
    many facts changed. `created`: the dossiers are new (no fact to read). Call it inside the
    transaction that changed them (an importer writing dossiers outside `lifecycle.perform` calls it
    for what it wrote)."""
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
    for (agency_id, procedure_id, day, channel), counters in delta.items():
        for name, n in counters.items():
            months[(agency_id, procedure_id, day.replace(day=1), channel)][name] += n
    return months


def apply(delta: dict[tuple, dict[str, int]]) -> None:
    """Add `delta` ({(agency_id, procedure_id, day, channel): {counter: n}}) to the daily and the
    monthly rollups: one INSERT … ON CONFLICT (the key) DO UPDATE SET counter = counter + excluded
    for each."""
    _apply(DailyRollup, "day", delta)
    _apply(MonthlyRollup, "month", by_month(delta))


def _apply(model, period_column: str, delta: dict[tuple, dict[str, int]]) -> None:
    rows = [(key, counters) for key, counters in delta.items() if any(counters.values())]
    if not rows:
        return
    table = connection.ops.quote_name(model._meta.db_table)
    columns = ["agency_id", "procedure_id", period_column, "channel", *COUNTERS]
    placeholders = "(" + ", ".join(["%s"] * len(columns)) + ")"
    params: list = []
    for (agency_id, procedure_id, day, channel), counters in rows:
        params += [agency_id, procedure_id, connection.ops.adapt_datefield_value(day), channel]
        params += [counters.get(name, 0) for name in COUNTERS]
    q = connection.ops.quote_name
    sets = ", ".join(f"{q(c)} = {table}.{q(c)} + excluded.{q(c)}" for c in COUNTERS)
    sql = (
        f"INSERT INTO {table} ({', '.join(q(c) for c in columns)}) "
        f"VALUES {', '.join([placeholders] * len(rows))} "
        f"ON CONFLICT (agency_id, {period_column}, procedure_id, channel) DO UPDATE SET {sets}"
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


def rebuild(*, chunk: int = 2000, stdout=None) -> dict[str, int]:
    """Recompute every fact and every rollup row from the dossiers and their records, in one
    transaction (readers see the old numbers until it commits). Returns {"dossiers", "rows"}."""
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
            ["agency_id", "procedure_id", "month", "channel", *COUNTERS],
            [
                [a, p, m, c, *(counters.get(name, 0) for name in COUNTERS)]
                for (a, p, m, c), counters in monthly.items()
            ],
        )
        _insert_many(
            DailyRollup,
            ["agency_id", "procedure_id", "day", "channel", *COUNTERS],
            [
                [a, p, d, c, *(counters.get(name, 0) for name in COUNTERS)]
                for (a, p, d, c), counters in totals.items()
            ],
        )
        StepRollup.objects.all().delete()
        steps: dict[tuple, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        events = (
            DossierEvent.objects.exclude(step_outcome="")
            .exclude(from_step="")
            .values_list(
                "agency_id", "from_step", "at", "step_outcome", "step_due_at", "dossier__competent_agency_id"
            )
        )
        for agency_id, step, at, outcome, due, competent in events.iterator(chunk_size=5000):
            key = (agency_id or competent, step, local_day(at))
            late = outcome == "late"
            c = steps[key]
            c["left"] += 1
            c["late"] += int(late)
            if late and due is not None:
                c["overrun_seconds"] += max(0, int((at - due).total_seconds()))
        StepRollup.objects.bulk_create(
            [StepRollup(agency_id=a, step=st, day=d, **c) for (a, st, d), c in steps.items()], batch_size=1000
        )
    invalidate()  # the numbers kept for the day (cache.daily) were read from the old rows
    return {"dossiers": count, "rows": len(totals), "steps": len(steps)}
