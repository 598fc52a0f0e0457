"""After midnight the worker computes every reader's dashboard once (reports/warmup.py), so the day's
first visit reads the kept trend, ranking and step counts instead of computing them; only when the web
processes share the cache."""

from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings
from django_periodic_tasks import schedule_registry

from motcua.jobs.tasks import warm_statistics
from motcua.reports.access import stats_scope
from motcua.reports.cache import scope_key
from motcua.reports.dashboard import dashboard
from motcua.reports.selectors import Period
from motcua.reports.warmup import reader_scopes, warm

from .cases import at, processed, received_on


def _history(world, clock):
    for day in (2, 9, 16):  # three closed months behind the day of the visit
        for month in (1, 2, 3):
            d = received_on(world, clock, 2026, month, day, 9, 0)
            processed(world, clock, d, 2026, month, day + 1, 9, 0)
    at(clock, 2026, 4, 20, 0, 10)


def _queries(scope, period) -> tuple[int, dict]:
    with CaptureQueriesContext(connection) as captured:
        data = dashboard(scope, period)
    return len(captured), data


def test_a_warmed_first_visit_reads_what_is_kept(world, fixed_clock):
    _history(world, fixed_clock)
    period = Period.year_to_date(fixed_clock.at.date())
    scope = stats_scope(world.leader)
    cache.clear()
    cold, expected = _queries(scope, period)
    cache.clear()
    result = warm()
    warmed, data = _queries(scope, period)
    assert result["scopes"] >= 2  # the province and the department's leader at least
    assert warmed < cold - 6  # three closed months, the ranking and the past days' steps not read
    assert data["trend"] == expected["trend"] and data["ranking"] == expected["ranking"]
    assert data["slowest_steps"] == expected["slowest_steps"]


def test_the_scopes_are_the_readers_own_once_each(world, fixed_clock):
    second = world.staff("leader", world.department)  # a second leader of the same department
    keys = [scope_key(s) for s in reader_scopes()]
    assert len(keys) == len(set(keys))
    assert scope_key(stats_scope(world.leader)) in keys and scope_key(stats_scope(second)) in keys
    assert (None, None, None) in keys  # the province


def test_the_job_runs_only_with_a_shared_cache(world, fixed_clock, settings):
    entry = schedule_registry.get_entries()["warm_statistics"]
    assert (entry.cron_expression, entry.timezone) == ("5 0 * * *", "Asia/Ho_Chi_Minh")
    settings.MOTCUA_CACHE_URL = ""
    assert "skipped" in warm_statistics.call()
    with override_settings(MOTCUA_CACHE_URL="redis://127.0.0.1:6379/9"):  # as if shared; locmem here
        assert warm_statistics.call()["scopes"] >= 2


def test_the_command_says_when_only_this_process_benefits(world, fixed_clock, settings, capsys):
    settings.MOTCUA_CACHE_URL = ""
    call_command("warm_statistics")
    out = capsys.readouterr().out
    assert "phạm vi" in out and "not shared" in out
