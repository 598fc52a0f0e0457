# ruff: noqa: E501 - SQL text
"""Statistics at scale (issue 12): the leaders' numbers for a year from the rollups vs the same numbers
by GROUP BY over the dossier table, in one run (what keeping the rollups costs a receipt, now that the
worker's outbox projector keeps them: bench/bench_projector.py).

Run: `.venv/bin/python bench/generate_dossiers.py 1000000`, then `.venv/bin/python bench/bench_reports.py`
(database `BENCH_DATABASE_URL`, PostgreSQL `motcua_bench` by default). The generator writes dossiers and
events without the lifecycle, so the statistics are first rebuilt from them (`rollups.rebuild`, timed)
when any dossier has none. `BENCH_REPORTS_REPEATS` (default 30) timings per variant, after warm-up.

Variants, each for the last 365 days, province-wide:
- index (rollups): `index766.compute` — every indicator, ON_TIME with the open dossiers judged now;
- summary (rollups): `summary.summary` — the one-stop-shop counts;
- dashboard core (rollups): index + summary + overdue list + at-risk list + trend (12 months) — the
  dashboard without the per-unit ranking (reported apart: one index per unit);
- GROUP BY over dossiers_dossier: the same core numbers (received by channel, on time / late with the
  pause-pushed due date and the two-supplements rule, processed early / on time / late, in progress /
  overdue) in one SQL statement with conditional aggregates over the year's dossier rows.
"""

from __future__ import annotations

import os
import time
from datetime import timedelta

from _common import (
    bench_url,
    django_setup,
    ensure_database,
    load_note,
    migrate_and_load_province,
    summary,
    timed_ms,
)

REPEATS = int(os.environ.get("BENCH_REPORTS_REPEATS", "30"))
# On a loaded machine the Python rebuild of a million facts takes hours: BENCH_REPORTS_SQL_FILL=1 fills
# the same tables with an SQL approximation of `facts.fact_for` (same columns and judgement rules,
# without calendar-based processing time and the rarer flags), good for timing the reads only.
SQL_FILL = os.environ.get("BENCH_REPORTS_SQL_FILL") == "1"
SQL_FILL_STATEMENTS = [
    """
INSERT INTO reports_dossierstat (dossier_id, agency_id, receiving_agency_id, procedure_id, channel, received_at, received_day,
  due_at, supplement_count, waiting_since, end_kind, ended_at, ended_day, judgement, returned_day,
  processed_seconds, fee_bearing, paid_online, digitised, reused, has_result, e_result, rating)
SELECT d.id, d.competent_agency_id, d.receiving_agency_id, v.procedure_id, d.channel, d.received_at,
  (d.received_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, COALESCE(d.original_due_at, d.due_at),
  d.supplement_requests, CASE WHEN d.state = 'supplement_requested' AND d.received_at IS NOT NULL
    THEN (SELECT max(p.started_at) FROM dossiers_dossierpause p WHERE p.dossier_id = d.id AND p.ended_at IS NULL)
  END,
  CASE WHEN d.state IN ('result_ready', 'returned') THEN 'processed'
       WHEN d.state IN ('refused', 'withdrawn', 'stopped') THEN d.state ELSE '' END,
  CASE WHEN d.state IN ('result_ready', 'returned', 'refused', 'withdrawn', 'stopped') THEN d.finished_at END,
  CASE WHEN d.state IN ('result_ready', 'returned', 'refused', 'withdrawn', 'stopped')
    THEN (d.finished_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date END,
  CASE WHEN d.received_at IS NULL OR d.finished_at IS NULL
         OR d.state NOT IN ('result_ready', 'returned', 'refused', 'withdrawn', 'stopped') THEN ''
       WHEN d.supplement_requests > 1 OR d.finished_at > COALESCE(d.original_due_at, d.due_at) THEN 'late'
       WHEN (d.finished_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date
            < (COALESCE(d.original_due_at, d.due_at) AT TIME ZONE 'Asia/Ho_Chi_Minh')::date THEN 'early'
       ELSE 'on_time' END,
  (d.returned_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date,
  CASE WHEN d.state IN ('result_ready', 'returned') AND d.received_at IS NOT NULL
    THEN extract(epoch FROM d.finished_at - d.received_at)::bigint / 3 END,
  true, false, d.channel = 'in_person', false, d.state IN ('result_ready', 'returned'),
  d.channel IN ('online', 'national_portal') AND d.state IN ('result_ready', 'returned'), NULL
FROM dossiers_dossier d JOIN catalog_procedureversion v ON v.id = d.procedure_version_id
""",
    "DELETE FROM reports_dailyrollup",
    "DELETE FROM reports_steprollup",
    """
INSERT INTO reports_steprollup (agency_id, step, day, "left", late, overrun_seconds, spent_seconds,
  allotted_seconds)
SELECT COALESCE(e.agency_id, d.competent_agency_id), e.from_step, (e.at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date,
  count(*), count(*) FILTER (WHERE e.step_outcome = 'late'),
  COALESCE(sum(GREATEST(0, extract(epoch FROM e.at - e.step_due_at)))
           FILTER (WHERE e.step_outcome = 'late' AND e.step_due_at IS NOT NULL), 0)::bigint,
  0, 0  -- time in step: calendar work (rollups.step_time), not approximated here
FROM dossiers_dossierevent e JOIN dossiers_dossier d ON d.id = e.dossier_id
WHERE e.step_outcome <> '' AND e.from_step <> ''
GROUP BY 1, 2, 3
""",
    """
INSERT INTO reports_dailyrollup (agency_id, receiving_agency_id, procedure_id, day, channel, received, supplement_requests,
  multi_supplement, cohort_on_time, cohort_late, fee_bearing, paid_online, digitised, reused, online_counted,
  has_result, e_result, rated, rating_sum, rating_satisfied, rating_dissatisfied, refused, withdrawn, stopped,
  finished_early, finished_on_time, finished_late, processed_seconds, ended_unreceived, returned)
SELECT agency_id, receiving_agency_id, procedure_id, day, channel, sum(received), sum(supplement_requests), sum(multi_supplement),
  sum(cohort_on_time), sum(cohort_late), sum(fee_bearing), sum(paid_online), sum(digitised), sum(reused),
  sum(online_counted), sum(has_result), sum(e_result), 0, 0, 0, 0, sum(refused), sum(withdrawn), sum(stopped),
  sum(finished_early), sum(finished_on_time), sum(finished_late), sum(processed_seconds), sum(ended_unreceived),
  sum(returned)
FROM (
  SELECT agency_id, receiving_agency_id, procedure_id, received_day AS day, channel, 1 AS received, supplement_count AS supplement_requests,
    (supplement_count > 1)::int AS multi_supplement, (judgement IN ('early', 'on_time'))::int AS cohort_on_time,
    (judgement = 'late')::int AS cohort_late, fee_bearing::int AS fee_bearing, paid_online::int AS paid_online,
    digitised::int AS digitised, reused::int AS reused,
    (channel IN ('online', 'national_portal') AND NOT (has_result AND NOT e_result))::int AS online_counted,
    has_result::int AS has_result, e_result::int AS e_result, 0 AS refused, 0 AS withdrawn, 0 AS stopped,
    0 AS finished_early, 0 AS finished_on_time, 0 AS finished_late, 0::bigint AS processed_seconds,
    0 AS ended_unreceived, 0 AS returned
  FROM reports_dossierstat WHERE received_day IS NOT NULL
  UNION ALL
  SELECT agency_id, receiving_agency_id, procedure_id, ended_day, channel, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    (end_kind = 'refused')::int, (end_kind = 'withdrawn')::int, (end_kind = 'stopped')::int,
    (end_kind = 'processed' AND judgement = 'early')::int, (end_kind = 'processed' AND judgement = 'on_time')::int,
    (end_kind = 'processed' AND judgement = 'late')::int,
    CASE WHEN end_kind = 'processed' THEN COALESCE(processed_seconds, 0) ELSE 0 END,
    (received_day IS NULL)::int, 0
  FROM reports_dossierstat WHERE ended_day IS NOT NULL
  UNION ALL
  SELECT agency_id, receiving_agency_id, procedure_id, returned_day, channel, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1
  FROM reports_dossierstat WHERE returned_day IS NOT NULL
) c GROUP BY agency_id, receiving_agency_id, procedure_id, day, channel
ORDER BY day  -- as production writes them, day after day (reads by day range stay local)
""",
    "DELETE FROM reports_monthlyrollup",
    """
INSERT INTO reports_monthlyrollup (agency_id, receiving_agency_id, procedure_id, month, channel, received, supplement_requests, multi_supplement, cohort_on_time, cohort_late, fee_bearing, paid_online, digitised, reused, online_counted, has_result, e_result, rated, rating_sum, rating_satisfied, rating_dissatisfied, refused, withdrawn, stopped, finished_early, finished_on_time, finished_late, processed_seconds, ended_unreceived, returned)
SELECT agency_id, receiving_agency_id, procedure_id, date_trunc('month', day)::date, channel, sum(received), sum(supplement_requests), sum(multi_supplement), sum(cohort_on_time), sum(cohort_late), sum(fee_bearing), sum(paid_online), sum(digitised), sum(reused), sum(online_counted), sum(has_result), sum(e_result), sum(rated), sum(rating_sum), sum(rating_satisfied), sum(rating_dissatisfied), sum(refused), sum(withdrawn), sum(stopped), sum(finished_early), sum(finished_on_time), sum(finished_late), sum(processed_seconds), sum(ended_unreceived), sum(returned)
FROM reports_dailyrollup GROUP BY 1, 2, 3, 4, 5 ORDER BY 4
""",
]

GROUP_BY_SQL = """
SELECT
  COUNT(*) FILTER (WHERE received_at >= %(start)s AND received_at < %(end)s) AS received,
  COUNT(*) FILTER (WHERE received_at >= %(start)s AND received_at < %(end)s
                   AND channel IN ('online', 'national_portal')) AS received_online,
  COUNT(*) FILTER (WHERE received_at >= %(start)s AND received_at < %(end)s AND (
      supplement_requests > 1
      OR (finished_at IS NOT NULL AND finished_at < %(now)s
          AND finished_at > COALESCE(original_due_at, due_at))
      OR ((finished_at IS NULL OR finished_at >= %(now)s) AND COALESCE(original_due_at, due_at) < %(now)s)
  )) AS late,
  COUNT(*) FILTER (WHERE finished_at >= %(start)s AND finished_at < %(end)s
                   AND state IN ('result_ready', 'returned')) AS processed,
  COUNT(*) FILTER (WHERE finished_at >= %(start)s AND finished_at < %(end)s
                   AND state IN ('result_ready', 'returned')
                   AND (supplement_requests > 1 OR finished_at > COALESCE(original_due_at, due_at)))
    AS processed_late,
  COUNT(*) FILTER (WHERE received_at IS NOT NULL AND finished_at IS NULL) AS in_progress,
  COUNT(*) FILTER (WHERE received_at IS NOT NULL AND finished_at IS NULL AND due_at < %(now)s) AS overdue,
  COUNT(*) FILTER (WHERE state = 'withdrawn' AND finished_at >= %(start)s AND finished_at < %(end)s)
    AS withdrawn,
  COUNT(*) FILTER (WHERE state = 'stopped' AND finished_at >= %(start)s AND finished_at < %(end)s)
    AS stopped
FROM dossiers_dossier
WHERE (received_at >= %(start)s AND received_at < %(end)s)
   OR (finished_at >= %(start)s AND finished_at < %(end)s)
   OR (received_at IS NOT NULL AND finished_at IS NULL)
"""


def ranking_agrees(period) -> bool:
    """The one-pass ranking gives every unit the index it gets when read alone."""
    from motcua.reports import index766
    from motcua.reports import selectors as sel

    alone = {
        agency_id: index766.score(index766.counts(period, sel.Scope(agency_ids=subtree)))["total"]
        for agency_id, (_agency, subtree) in sel.ranking_units().items()
    }
    return {r["agency_id"]: r["total"] for r in index766.ranking(period)} == alone


def main() -> None:
    url = bench_url()
    ensure_database(url)
    django_setup(url)
    migrate_and_load_province()
    from django.core.cache import cache
    from django.db import connection

    from motcua.core import clock
    from motcua.dossiers.models import Dossier
    from motcua.reports import index766
    from motcua.reports import selectors as sel
    from motcua.reports import summary as summary_mod
    from motcua.reports.dashboard import dashboard, overdue_dossiers, slowest_steps
    from motcua.reports.facts import VN
    from motcua.reports.models import DossierStat
    from motcua.reports.rollups import rebuild
    from motcua.reports.selectors import Period, Scope
    from motcua.reports.warnings import at_risk

    n = Dossier.objects.count()
    print(f"{connection.vendor}; {n:,} dossiers; {load_note()}")
    if SQL_FILL and connection.vendor == "postgresql" and Dossier.objects.filter(stat__isnull=True).exists():
        t0 = time.perf_counter()
        sample = list(Dossier.objects.order_by("-pk").values_list("pk", flat=True)[:2000])
        from motcua.reports.rollups import refresh

        t1 = time.perf_counter()
        refresh(sample)
        rate = len(sample) / (time.perf_counter() - t1)
        with connection.cursor() as cur:
            cur.execute("DELETE FROM reports_dossierstat")
            # the facts' secondary indexes built once after the load, not row by row
            cur.execute(
                "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'reports_dossierstat' "
                "AND indexname NOT LIKE '%%pkey'"
            )
            indexes = cur.fetchall()
            for name, _definition in indexes:
                cur.execute(f'DROP INDEX "{name}"')
            cur.execute("SET maintenance_work_mem = '512MB'")
            for i, statement in enumerate(SQL_FILL_STATEMENTS):
                ts = time.perf_counter()
                cur.execute(statement)
                print(
                    f"  fill statement {i + 1}/{len(SQL_FILL_STATEMENTS)}: {time.perf_counter() - ts:.0f} s"
                )
                if i == 0:
                    for _name, definition in indexes:
                        cur.execute(definition)
                    print(f"  facts' indexes: {time.perf_counter() - ts:.0f} s")
            cur.execute("VACUUM ANALYZE reports_dossierstat")
            cur.execute("VACUUM ANALYZE reports_dailyrollup")
            cur.execute("VACUUM ANALYZE reports_monthlyrollup")
            cur.execute("VACUUM ANALYZE reports_steprollup")
        print(
            f"facts and rollups filled by SQL (BENCH_REPORTS_SQL_FILL=1) in {time.perf_counter() - t0:.0f} s; "
            f"the Python derivation (rollups.refresh) ran at {rate:,.0f} dossiers/s on a 2,000 sample"
        )
    if Dossier.objects.filter(stat__isnull=True).exists():
        t0 = time.perf_counter()
        result = rebuild(chunk=5000)
        elapsed = time.perf_counter() - t0
        print(
            f"rebuild_rollups: {result['dossiers']:,} dossiers, {result['rows']:,} rollup rows, "
            f"{result['steps']:,} step rows in {elapsed:.0f} s "
            f"({result['dossiers'] / elapsed:,.0f} dossiers/s)"
        )
        with connection.cursor() as cur:
            if connection.vendor == "postgresql":
                cur.execute("VACUUM ANALYZE reports_dossierstat")
                cur.execute("VACUUM ANALYZE reports_dailyrollup")
                cur.execute("VACUUM ANALYZE reports_steprollup")

    today = clock.now().astimezone(VN).date()
    year = Period(today - timedelta(days=364), today)
    province = Scope()
    with connection.cursor() as cur:
        sizes = {}
        for table in (
            "reports_dossierstat",
            "reports_dailyrollup",
            "reports_monthlyrollup",
            "reports_steprollup",
        ):
            cur.execute(f"SELECT count(*) FROM {table}")
            sizes[table] = cur.fetchone()[0]
        cur.execute(
            "SELECT count(*) FROM reports_dossierstat WHERE end_kind = '' AND received_at IS NOT NULL"
        )
        sizes["open facts"] = cur.fetchone()[0]
    print("rows: " + "; ".join(f"{k} {v:,}" for k, v in sizes.items()))
    units = sel.ranking_units()
    commune = next(a for a, _ in units.values() if a.kind == "commune_committee")
    department = next(a for a, _ in units.values() if a.kind == "department")
    one_commune, one_department = Scope.of_agency(commune), Scope.of_agency(department)

    def core_from_rollups():
        index766.compute(year, province)
        summary_mod.summary(year, province)
        overdue_dossiers(province)
        at_risk(province, limit=10)
        index766.trend(year, province)

    def cold(func):
        def run():
            cache.clear()  # the trend's closed months computed again, as on the first visit of a day
            return func()

        return run

    def group_by():
        params = {"start": year.start_at, "end": year.end_at, "now": clock.now()}
        with connection.cursor() as cur:
            cur.execute(GROUP_BY_SQL, params)
            return cur.fetchone()

    def carried_over_by_facts():  # the way it was read before: every fact received before the period
        return DossierStat.objects.filter(sel._unfinished_at(year.start_at)).count()

    variants = [
        ("index (rollups)", lambda: index766.compute(year, province)),
        ("summary (rollups)", lambda: summary_mod.summary(year, province)),
        ("dashboard core (rollups)", core_from_rollups),
        ("dashboard core, first visit of the day", cold(core_from_rollups)),
        ("ranking (an index per unit, one pass)", lambda: index766.ranking(year)),
        ("dashboard page data, province", lambda: dashboard(province, year)),
        (f"dashboard page data, {commune.name}", lambda: dashboard(one_commune, year)),
        (f"dashboard page data, {department.name}", lambda: dashboard(one_department, year)),
        ("dashboard page data, province, first visit", cold(lambda: dashboard(province, year))),
        ("  part: in progress now (open dossiers)", lambda: sel.in_progress(clock.now(), province)),
        ("  part: overdue list (20)", lambda: overdue_dossiers(province)),
        ("  part: at risk (10)", lambda: at_risk(province, limit=10)),
        ("  part: trend (12 months)", lambda: index766.trend(year, province)),
        ("  part: slowest steps", lambda: slowest_steps(year, province)),
        ("  part: progress by procedure", lambda: sel.progress(year, province, by="procedure_id")),
        ("carried over (rollups)", lambda: sel.carried_over(year, province)),
        ("carried over (facts, as before)", carried_over_by_facts),
        ("GROUP BY over dossiers_dossier", group_by),
    ]
    print(f"\nA year ({year.label()}), {REPEATS} timings each (ms):")
    print(f"{'variant':<52} {'p50':>9} {'p95':>9}")
    for label, func in variants:
        p50, p95 = summary(timed_ms(func, REPEATS, warmup=3))
        print(f"{label:<52} {p50:>9.1f} {p95:>9.1f}")
    row = group_by()
    s = summary_mod.summary(year, province)
    idx = next(r for r in index766.compute(year, province)["indicators"] if r["code"] == "ON_TIME")
    print(
        f"\nsame numbers? received {s['received']['new']:,} (rollups) vs {row[0]:,} (GROUP BY); "
        f"late {idx['denominator'] - idx['numerator']:,} vs {row[2]:,}; "
        f"processed {s['processed']['total']:,} vs {row[3]:,}; processed late {s['processed']['late']:,} vs "
        f"{row[4]:,}; in progress {s['in_progress']['total']:,} vs {row[5]:,}; overdue "
        f"{s['in_progress']['overdue']:,} vs {row[6]:,}; withdrawn {s['withdrawn']:,} vs {row[7]:,}; "
        f"stopped {s['stopped']:,} vs {row[8]:,}"
    )
    print(
        f"carried over {s['received']['carried_over']:,} (rollups) vs {carried_over_by_facts():,} (facts); "
        f"ranking one pass = one index per unit: {ranking_agrees(year)}"
    )
    print("\nthe receive path's cost of keeping the statistics: bench/bench_projector.py")


if __name__ == "__main__":
    main()
