"""Read replicas (docs/operations.md, "Read replicas"): when `DATABASE_REPLICA_URL` is set, reads that
tolerate a little lag go to a streaming replica of the primary and everything else stays on the primary.

What goes to the replica: the reads of GET/HEAD requests whose path matches `MOTCUA_REPLICA_PATHS` (the
public pages: home, catalogue, public lookup, working calendar; the officers' tracking book report; the
API's catalogue), and only reads of the lag-tolerant models (`REPLICA_APPS` less `PRIMARY_ONLY`: never
accounts, sessions, throttling counters, drafts, code counters, the outbox, idempotency keys, tokens).
Every write, and every read inside a transaction, goes to the primary.

Read-your-writes: a response to a POST/PUT/PATCH/DELETE sets the cookie `motcua_fresh` (its value the
UNIX time until which it holds, `MOTCUA_REPLICA_STICKY_SECONDS` ahead); while it holds, every read of
that browser goes to the primary, so a person sees what they just did even if the replica lags. The
cookie only ever moves reads to the primary, so a forged one costs the primary a little, nothing more.

Fallback: before sending a request's reads to the replica the middleware connects to it (psycopg
`connect_timeout` 2 s); if it cannot, or the replica fails in the middle of a view, the replica is marked
down for `MOTCUA_REPLICA_RETRY_SECONDS` and the request (a GET, safe to repeat) is served from the primary.
"""

from __future__ import annotations

import logging
import re
import threading
import time
from contextvars import ContextVar

from django.conf import settings
from django.db import DatabaseError, connections

log = logging.getLogger(__name__)

REPLICA = "replica"
PRIMARY = "default"
FRESH_COOKIE = "motcua_fresh"
SAFE_METHODS = frozenset({"GET", "HEAD"})
REPLICA_APPS = frozenset(
    {"catalog", "workflow", "calendar", "organizations", "dossiers", "documents", "portal", "contenttypes"}
)
PRIMARY_ONLY = frozenset(
    {
        "organizations.User",
        "portal.Draft",
        "portal.DraftFile",
        "portal.LookupAttempt",
        "dossiers.DossierCodeCounter",
        "dossiers.OutboxMessage",
        "dossiers.IdempotencyKey",
        "dossiers.ApiToken",
    }
)

_reads_on_replica: ContextVar[bool] = ContextVar("motcua_reads_on_replica", default=False)
_down_until = 0.0
_lock = threading.Lock()


def configured() -> bool:
    return REPLICA in settings.DATABASES


def replica_down() -> bool:
    return time.monotonic() < _down_until


def mark_down(reason: str) -> None:
    """Send every read to the primary for `MOTCUA_REPLICA_RETRY_SECONDS` (per process)."""
    global _down_until
    with _lock:
        first = not replica_down()
        _down_until = time.monotonic() + settings.MOTCUA_REPLICA_RETRY_SECONDS
    connections[REPLICA].close()
    if first:
        log.warning("read replica unavailable (%s): reads go to the primary", reason)


def replica_reachable() -> bool:
    """True when the replica accepts a connection now; marks it down otherwise."""
    if replica_down():
        return False
    try:
        connections[REPLICA].ensure_connection()
    except DatabaseError as exc:
        mark_down(type(exc).__name__)
        return False
    return True


def fresh_until(request) -> float:
    try:
        return float(request.COOKIES.get(FRESH_COOKIE, "0"))
    except ValueError:
        return 0.0


class ReplicaRouter:
    """Django database router: reads of lag-tolerant models go to the replica while the current request
    allows it (ReplicaMiddleware); writes, migrations and everything else to the primary."""

    def db_for_read(self, model, **hints):
        if not _reads_on_replica.get():
            return PRIMARY
        meta = model._meta
        if meta.app_label not in REPLICA_APPS or meta.label in PRIMARY_ONLY:
            return PRIMARY
        if connections[PRIMARY].in_atomic_block:
            return PRIMARY
        return REPLICA

    def db_for_write(self, model, **hints):
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the replica is a copy of the primary: the same rows

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == PRIMARY


class ReplicaMiddleware:
    """Decides per request whether its reads may go to the replica, and marks the browser fresh after a
    write (see the module's docstring). Installed only when `DATABASE_REPLICA_URL` is set."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.paths = [re.compile(p) for p in settings.MOTCUA_REPLICA_PATHS]

    def eligible(self, request) -> bool:
        return (
            request.method in SAFE_METHODS
            and fresh_until(request) <= time.time()
            and any(p.search(request.path_info) for p in self.paths)
        )

    def __call__(self, request):
        on_replica = self.eligible(request) and replica_reachable()
        request.motcua_db = REPLICA if on_replica else PRIMARY
        token = _reads_on_replica.set(on_replica)
        try:
            response = self.get_response(request)
        finally:
            _reads_on_replica.reset(token)
        if request.method not in SAFE_METHODS:
            seconds = settings.MOTCUA_REPLICA_STICKY_SECONDS
            response.set_cookie(
                FRESH_COOKIE,
                f"{time.time() + seconds:.0f}",
                max_age=seconds,
                httponly=True,
                samesite="Lax",
                secure=settings.SESSION_COOKIE_SECURE,
            )
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        request.motcua_view = (view_func, view_args, view_kwargs)

    def process_exception(self, request, exception):
        """The replica failed mid-view: mark it down and serve the (safe) request from the primary."""
        if not (_reads_on_replica.get() and isinstance(exception, DatabaseError)):
            return None
        connections[REPLICA].close()
        try:
            connections[REPLICA].ensure_connection()
            return None  # the replica is fine: the error was something else
        except DatabaseError as exc:
            mark_down(type(exc).__name__)
        _reads_on_replica.set(False)
        request.motcua_db = PRIMARY
        view_func, args, kwargs = request.motcua_view
        return view_func(request, *args, **kwargs)
