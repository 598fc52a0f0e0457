"""What the statistics keep between requests: numbers that change about once a day (the index of the
months already over, on every dashboard's trend; the step counts of the days already over) and the
province's ranking (the same for every reader; kept at most an hour), in Django's cache (`CACHES`;
the default is each process's memory).

Expiry and invalidation:
- a key holds the local date (Vietnam time) and expires at the next midnight: a closed month's point
  is recomputed once a day, so a late rating, a second supplement request or a sync confirmation of
  one of its dossiers shows the next day;
- a key holds the indicator configuration (points, thresholds): editing it takes effect at once;
- a key holds a generation that `invalidate()` bumps when history is rewritten (`rebuild_rollups`,
  `import_dossiers`): those show at once in every process that shares the cache (`MOTCUA_CACHE_URL`,
  Redis); with the default per-process memory cache, a command run in another process reaches the web
  processes at the next midnight.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import datetime, time, timedelta
from typing import Any

from django.core.cache import cache as store

from motcua.core import clock

from .facts import VN

GENERATION = "motcua:reports:generation"


def generation() -> int:
    """The current generation of the statistics' history (0 until something rewrote it)."""
    return int(store.get(GENERATION, 0))


def invalidate() -> None:
    """Forget every cached statistic (history was rewritten: a rebuild, an import)."""
    try:
        store.incr(GENERATION)
    except ValueError:  # not set yet
        store.set(GENERATION, 1, timeout=None)


def scope_key(scope) -> tuple:
    """A scope as plain values (its agencies, procedure, sector), for a cache key."""
    agencies = None if scope.agency_ids is None else tuple(sorted(scope.agency_ids))
    return (agencies, scope.procedure_id, scope.sector_id)


def daily(parts: tuple, compute: Callable[[], Any], max_age: int | None = None) -> Any:
    """`compute()`, kept until the next local midnight (or `max_age` seconds if sooner) under a key
    made of `parts` (plain values with a stable repr), today's date and the generation."""
    now = clock.now().astimezone(VN)
    digest = hashlib.sha256(repr((generation(), now.date(), parts)).encode()).hexdigest()
    key = f"motcua:reports:{digest}"
    value = store.get(key)
    if value is None:
        value = compute()
        midnight = datetime.combine(now.date() + timedelta(days=1), time(0), tzinfo=VN)
        timeout = max(60, int((midnight - now).total_seconds()))
        store.set(key, value, timeout=min(timeout, max_age) if max_age else timeout)
    return value
