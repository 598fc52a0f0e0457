"""The day's statistics computed once after midnight, for every reader, by the worker.

What `cache.daily` keeps until midnight — the trend's closed months, the province's ranking, the past
days' step counts — is otherwise computed by the day's first dashboard of each scope, which pays 3–5×
a warm one (at 10M dossiers: 389 ms against 76 ms, docs/performance.md). `warm()` opens, for the
default period (the year to date), the dashboard of the province and of every scope someone may read
statistics in (`access.stats_scope` of each holder of a statistics role or of a delegation), so the
first visits of the day read what is kept.

Only worth it when the web processes share the cache (`MOTCUA_CACHE_URL`, Redis): with each process's
own memory (the default), the worker would warm only itself — `shared_cache()` tells, and the
scheduled job (jobs/tasks.py `warm_statistics`, 00:05 Vietnam time) does nothing without it.
"""

from __future__ import annotations

import time
from datetime import date

from django.conf import settings
from django.db.models import Q

from motcua.core import clock
from motcua.organizations.models import User

from .access import STATS_ROLES, stats_scope
from .cache import scope_key
from .dashboard import dashboard
from .facts import VN
from .selectors import Period, Scope


def shared_cache() -> bool:
    """Whether Django's cache is one store for every process (`MOTCUA_CACHE_URL` set)."""
    return bool(getattr(settings, "MOTCUA_CACHE_URL", ""))


def reader_scopes(day: date | None = None) -> list[Scope]:
    """The distinct scopes statistics are read in on `day` (Vietnam time; default today): the province
    and each reader's own (`stats_scope`: their agencies with the units below), once per set of
    agencies."""
    day = day or clock.now().astimezone(VN).date()
    readers = (
        User.objects.filter(is_active=True)
        .filter(
            Q(staff_roles__role__in=STATS_ROLES, staff_roles__agency__isnull=False)
            | Q(delegations_received__isnull=False)
        )
        .distinct()
    )
    scopes = {scope_key(Scope()): Scope()}
    for user in readers:
        scope = stats_scope(user)
        if scope is not None:
            scopes.setdefault(scope_key(scope), scope)
    return list(scopes.values())


def warm(day: date | None = None) -> dict:
    """Compute each reader scope's dashboard for the year to `day` (default today), which keeps its
    day caches: {"scopes": how many, "seconds": wall time}."""
    t0 = time.perf_counter()
    day = day or clock.now().astimezone(VN).date()
    period = Period.year_to_date(day)
    scopes = reader_scopes(day)
    for scope in scopes:
        dashboard(scope, period)
    return {"scopes": len(scopes), "seconds": round(time.perf_counter() - t0, 1)}
