"""The leaders' numbers read the way that does not grow with the history (rollups, the open dossiers,
those ended since an instant; one grouped read for the ranking; the trend's closed months kept for
the day) equal the same numbers counted straight from the per-dossier facts, the way they were read
before (`_unfinished_at` over every fact), whatever lives the dossiers lead."""

import random
from datetime import timedelta

from django.core.cache import cache
from django.db import transaction
from django.db.models import Count, Q, Sum
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from motcua.core import clock as core_clock
from motcua.organizations.models import Role
from motcua.portal.services import rating_create
from motcua.reports import index766
from motcua.reports import selectors as sel
from motcua.reports import summary as summary_mod
from motcua.reports.dashboard import dashboard
from motcua.reports.facts import VN
from motcua.reports.models import COUNTERS, DailyRollup, DossierStat
from motcua.reports.rollups import rebuild
from tests.dossiers.world import FixedClock, act, make_world, vn
from tests.projection import project
from tests.reports.cases import received_on, to_result
from tests.reports.test_rebuild_equals_incremental import _live

# ----- the facts-only way (what the selectors read before), as the oracle ------------------------------


def facts_unfinished(instant, scope, extra=None):
    qs = DossierStat.objects.filter(scope.q(), sel._unfinished_at(instant))
    return qs.filter(extra) if extra is not None else qs


def facts_in_progress(instant, scope):
    r = facts_unfinished(instant, scope).aggregate(
        total=Count("pk"), overdue=Count("pk", filter=sel._late_at(instant))
    )
    return {"total": r["total"], "overdue": r["overdue"], "on_time": r["total"] - r["overdue"]}


def facts_progress(period, scope):
    at = period.judged_at
    base = sel.rollup_totals(period, scope)
    in_period = Q(received_day__gte=period.start, received_day__lte=period.end)
    fix = facts_unfinished(at, scope, in_period).aggregate(
        n=Count("pk"),
        late=Count("pk", filter=sel._late_at(at)),
        was_on=Count("pk", filter=Q(judgement__in=["early", "on_time"])),
        was_late=Count("pk", filter=Q(judgement="late")),
    )
    return {
        "received": base["received"],
        "on_time": base["cohort_on_time"] - fix["was_on"] + fix["n"] - fix["late"],
        "late": base["cohort_late"] - fix["was_late"] + fix["late"],
    }


def daily_only(period, scope):
    """The period's counters summed from the daily rows alone."""
    rows = DailyRollup.objects.filter(scope.q(), day__gte=period.start, day__lte=period.end)
    sums = rows.aggregate(**{c: Sum(c) for c in COUNTERS})
    return {c: int(sums[c] or 0) for c in COUNTERS}


def per_unit_ranking(period):
    """The ranking as it was computed: one index per unit, each read on its own."""
    out = {}
    for agency_id, (agency, subtree) in sel.ranking_units().items():
        doc = index766.score(index766.counts(period, sel.Scope(agency_ids=subtree, label=agency.name)))
        out[agency_id] = doc["total"]
    return out


# ----- the property --------------------------------------------------------------------------------------


@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
    phases=[Phase.explicit, Phase.reuse, Phase.generate],  # a failure is reported as found (no shrinking)
)
@given(seed=st.integers(0, 10_000), n_dossiers=st.integers(2, 7), steps=st.integers(10, 50))
def test_reads_equal_the_facts(db, media_root, seed, n_dossiers, steps):
    cache.clear()  # what one example kept must not answer for the next one's rows (same ids)
    with transaction.atomic():  # each example in its own savepoint, rolled back at the end
        world = make_world()
        world.other_leader = world.staff(Role.LEADER, world.other)
        clock = FixedClock(vn(2026, 1, 26, 8, 30))
        # gaps of up to ~3 days: the lives span one to four months, across month ends
        _live(world, clock, random.Random(seed), n_dossiers, steps, max_gap_minutes=4000)
        clock.set(clock.at + timedelta(days=random.Random(seed).randint(0, 40)))
        today = core_clock.now().astimezone(VN).date()
        first = sel._first_month()
        scopes = [
            sel.Scope(),
            sel.Scope.of_agency(world.department),
            sel.Scope.of_agency(world.other),
            sel.Scope(procedure_id=world.procedure.pk),
        ]
        day = vn(2026, 1, 20).date()
        while day <= today + timedelta(days=2):
            period = sel.Period(day, min(today, day + timedelta(days=17)))
            for scope in scopes:
                expected = facts_unfinished(period.start_at, scope).count()
                assert sel._open_forward(day, scope, first) == expected, (day, scope)
                assert sel._open_backward(day, scope) == expected, (day, scope)
                assert sel.carried_over(period, scope) == expected
                totals = sel.rollup_totals(period, scope)
                assert totals == daily_only(period, scope)  # months minus days = the days
                assert sel.carried_over(period, scope, totals) == expected
                assert sel.in_progress(period.start_at, scope) == facts_in_progress(period.start_at, scope)
                if period.start <= period.end:
                    assert sel.progress(period, scope) == facts_progress(period, scope), (period, scope)
            day += timedelta(days=3)
        for month in sel.Period(vn(2026, 1, 1).date(), today).months():
            for scope in scopes:
                assert sel.progress(month, scope) == facts_progress(month, scope)
                judged = month.judged_at
                assert sel.in_progress(judged, scope) == facts_in_progress(judged, scope)
        year = sel.Period(vn(2026, 1, 1).date(), today)
        for scope in scopes[:3]:  # the dashboard shares its reads: the same numbers as each alone
            page = dashboard(scope, year)
            alone = index766.compute(year, scope)
            assert page["index"]["indicators"] == alone["indicators"]
            assert page["in_progress"] == facts_in_progress(core_clock.now(), scope)
            assert page["overdue_count"] == page["in_progress"]["overdue"]
        ranked = {r["agency_id"]: r["total"] for r in index766.ranking(year)}
        assert ranked == per_unit_ranking(year)
        closed_months = [m for m in year.months() if m.end < today]
        expected = [fresh_total(m) for m in closed_months]
        for _ in range(2):  # computed, then read from the cache: the same
            points = index766.trend(year, sel.Scope())[: len(closed_months)]
            assert [p["total"] for p in points] == expected
        transaction.set_rollback(True)


def fresh_total(month):
    doc = index766.score(index766.counts(month, sel.Scope()))
    on_time = next(r for r in doc["indicators"] if r["code"] == "ON_TIME")
    return doc["total"] if on_time["denominator"] else None


# ----- the trend's closed months: kept for the day, recomputed the next, or at once after a rebuild -----


def test_closed_months_of_the_trend_are_kept_for_the_day(world, fixed_clock):
    clock = fixed_clock
    returned = to_result(world, received_on(world, clock, 2026, 3, 2, 9, 0))
    returned = act(returned, "return_result", world.desk, return_channel="desk")
    received_on(world, clock, 2026, 3, 3, 9, 0)  # still open at the end of March
    clock.set(vn(2026, 4, 10, 10, 0))
    year = sel.Period(vn(2026, 1, 1).date(), vn(2026, 4, 10).date())
    march = sel.Period.month(2026, 3)

    def march_point():
        return next(p for p in index766.trend(year, sel.Scope()) if p["month"] == "2026-03")

    def march_now():
        return index766.score(index766.counts(march, sel.Scope()))["total"]

    before = march_point()
    assert before["total"] == march_now()
    rating_create(returned, user=world.citizen, score=1)  # a dissatisfied rating of a March dossier
    project()  # the worker counts it (jobs/projector.py)
    changed = march_now()
    assert changed != before["total"]
    assert march_point() == before  # the same day: the point kept for the day
    clock.set(vn(2026, 4, 11, 8, 0))
    assert march_point()["total"] == changed  # the next day: recomputed
    received_on(world, clock, 2026, 4, 11, 9, 0)
    clock.set(vn(2026, 4, 11, 10, 0))
    DossierStat.objects.filter(received_day=vn(2026, 3, 3).date()).delete()  # history rewritten …
    rebuild()  # … and rebuilt: what was kept is forgotten at once
    assert march_point()["total"] == march_now() == changed


def test_summary_carried_over_equals_the_facts_across_months(world, fixed_clock):
    """A dossier received in March and finished in May is carried into April and May; one refused at
    the desk without receipt never is (the rollups tell the two endings apart)."""
    clock = fixed_clock
    long_one = received_on(world, clock, 2026, 3, 2, 9, 0)
    from tests.dossiers.world import submit

    online = submit(world)
    act(online, "refuse", world.desk, reason="Không đủ điều kiện")
    clock.set(vn(2026, 5, 12, 9, 0))
    to_result(world, long_one)
    clock.set(vn(2026, 6, 20, 9, 0))
    for start in [(2026, 3, 1), (2026, 3, 3), (2026, 4, 1), (2026, 5, 12), (2026, 5, 13), (2026, 6, 1)]:
        period = sel.Period(vn(*start).date(), vn(2026, 6, 20).date())
        expected = facts_unfinished(period.start_at, sel.Scope()).count()
        assert summary_mod.summary(period, sel.Scope())["received"]["carried_over"] == expected
    assert sel.carried_over(sel.Period(vn(2026, 4, 1).date(), vn(2026, 4, 30).date()), sel.Scope()) == 1
    assert sel.carried_over(sel.Period(vn(2026, 5, 13).date(), vn(2026, 5, 30).date()), sel.Scope()) == 0
