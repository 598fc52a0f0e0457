"""Property: whatever lives the dossiers lead (random actions by random people, ratings, transfers
between agencies), the rollups kept by the worker's outbox projector — run at random moments, so its
batches hold several records, some of one dossier — equal a rebuild from the event log; and so do
they when a rebuild ran while records were still unprojected (their steps are the projector's)."""

import random
from datetime import timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from motcua.dossiers import lifecycle
from motcua.dossiers.errors import DossierError
from motcua.dossiers.models import Dossier
from motcua.dossiers.selectors import actions_available
from motcua.organizations.models import Role
from motcua.portal.services import rating_create
from motcua.reports.models import COUNTERS, DailyRollup, DossierStat, MonthlyRollup, StepRollup
from motcua.reports.rollups import rebuild
from tests.dossiers.world import issued, make_world, receive, submit, vn
from tests.projection import project

PARAMS = {
    "request_supplement": {"reason": "Thiếu giấy tờ"},
    "refuse": {"reason": "Không đủ điều kiện"},
    "send_back": {"reason": "Làm rõ"},
    "reject": {"reason": "Không đủ điều kiện"},
    "withdraw": {"reason": "Không còn nhu cầu"},
    "stop": {"reason": "Tranh chấp"},
    "answer_consultation": {"answer": "Đồng ý"},
    "request_payment": {"amount": 50000},
}


KEY = ("agency_id", "receiving_agency_id", "procedure_id")


def _rollups():
    rows = {}
    for row in DailyRollup.objects.values(*KEY, "day", "channel", *COUNTERS):
        counters = {c: row[c] for c in COUNTERS if row[c]}
        if counters:  # a row whose counts all went back to zero is the same as no row
            rows[(*(row[k] for k in KEY), row["day"], row["channel"])] = counters
    return rows


def _monthly():
    rows = {}
    for row in MonthlyRollup.objects.values(*KEY, "month", "channel", *COUNTERS):
        counters = {c: row[c] for c in COUNTERS if row[c]}
        if counters:
            rows[(*(row[k] for k in KEY), row["month"], row["channel"])] = counters
    return rows


def _steps():
    return {
        (r["agency_id"], r["step"], r["day"]): (
            r["left"],
            r["late"],
            r["overrun_seconds"],
            r["spent_seconds"],
            r["allotted_seconds"],
        )
        for r in StepRollup.objects.values()
    }


def _facts():
    return {s["dossier_id"]: s for s in DossierStat.objects.values()}


def _live(world, clock, rng, n_dossiers, steps, max_gap_minutes=900):
    people = [world.citizen, world.desk, world.officer, world.leader, world.clerk, world.other_officer]
    actions = sorted(set(lifecycle.ACTIONS) - {"submit"})
    codes = []
    for _ in range(n_dossiers):
        d = submit(world) if rng.random() < 0.5 else receive(world, channel=rng.choice(["in_person", "post"]))
        codes.append(d.code)
    for _ in range(steps):
        clock.set(clock.at + timedelta(minutes=rng.randint(10, max_gap_minutes)))
        dossier = Dossier.objects.get(code=rng.choice(codes))
        possible = [a for a in actions_available(dossier) if a in actions] or actions
        ending = [a for a in possible if a in ("withdraw", "stop", "refuse")]
        rest = [a for a in possible if a not in ending] or possible
        action = rng.choice(ending if ending and rng.random() < 0.04 else rest)
        params = issued("1/GXN") if action == "issue_result" else dict(PARAMS.get(action, {}))
        if action == "transfer":
            params["competent_agency"] = rng.choice([world.other, world.department]).identifier
        if action == "consult":
            params["agencies"] = [world.other.identifier]
        if action == "apologize":
            params = {"reason": "Trễ", "new_due_at": (clock.at + timedelta(days=5)).isoformat()}
        for actor in rng.sample(people, len(people)):  # whoever may do it does it
            try:
                lifecycle.perform(dossier.code, action, actor, dossier.version, **params)
                break
            except DossierError:
                continue
        dossier.refresh_from_db()
        if dossier.state == "returned" and rng.random() < 0.5 and not hasattr(dossier, "rating"):
            rating_create(dossier, user=world.citizen, score=rng.randint(1, 5))
        if rng.random() < 0.2:
            project(batch=rng.randint(1, 5))


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 10_000), n_dossiers=st.integers(1, 6), steps=st.integers(5, 60))
def test_rebuild_equals_incremental(db, media_root, seed, n_dossiers, steps):
    from tests.dossiers.world import FixedClock

    if True:
        from django.db import transaction

        with transaction.atomic():  # each example in its own savepoint, rolled back at the end
            world = make_world()
            world.other_leader = world.staff(Role.LEADER, world.other)
            clock = FixedClock(vn(2026, 3, 2, 8, 30))
            _live(world, clock, random.Random(seed), n_dossiers, steps)
            if seed % 2:
                rebuild()  # while some records are still unprojected
            project()
            incremental_rollups, incremental_facts, incremental_steps = _rollups(), _facts(), _steps()
            incremental_monthly = _monthly()
            assert len(incremental_facts) == Dossier.objects.count()  # every dossier has its fact
            rebuild()
            assert _rollups() == incremental_rollups
            assert _facts() == incremental_facts
            assert _steps() == incremental_steps
            assert _monthly() == incremental_monthly
            transaction.set_rollback(True)
