"""Probes for load balancers and orchestrators (docs/operations.md, "Production serving").

`/healthz`: the process is up and answers (no database, no storage: a load balancer must not take every
web process out of rotation because the database blinked; it restarts only a process that stops
answering). `/readyz`: this process can serve: the primary database answers `SELECT 1` and the file
storage is reachable; 503 with the failing part named otherwise, so the load balancer sends traffic
elsewhere. Both answer JSON, never a redirect (they are exempt from the HTTPS redirect by default) and
are never cached."""

from __future__ import annotations

import logging
import os

from django.core.files.storage import FileSystemStorage, default_storage
from django.db import DatabaseError, connections
from django.http import JsonResponse
from django.views.decorators.http import require_GET

log = logging.getLogger(__name__)


def _no_store(response: JsonResponse) -> JsonResponse:
    response["Cache-Control"] = "no-store"
    return response


@require_GET
def healthz(request):
    """200 `{"status": "ok"}` while the process answers requests."""
    return _no_store(JsonResponse({"status": "ok"}))


def check_database(alias: str = "default") -> str | None:
    """None when the database `alias` answers `SELECT 1`, else a short reason (the exception's class)."""
    try:
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as exc:
        # A broken connection must not be reused by the next request of this worker.
        connections[alias].close_if_unusable_or_obsolete()
        return type(exc).__name__
    return None


def check_storage(storage=None) -> str | None:
    """None when the file storage can be used, else a short reason. On disk: the folder exists (or can be
    made) and is writable. On S3-compatible storage: the bucket answers a HEAD request."""
    storage = storage or default_storage
    try:
        if isinstance(storage, FileSystemStorage):
            location = storage.location
            os.makedirs(location, exist_ok=True)
            if not os.access(location, os.W_OK | os.X_OK):
                return "not writable"
            return None
        bucket = getattr(storage, "bucket", None)
        if bucket is not None:  # django-storages' S3Storage
            bucket.meta.client.head_bucket(Bucket=bucket.name)
            return None
        storage.exists(".readyz")
    except Exception as exc:  # any failure of a storage backend means "not ready"
        return type(exc).__name__
    return None


@require_GET
def readyz(request):
    """200 `{"status": "ok", "database": "ok", "storage": "ok"}` when both answer; 503 with the failing
    part's reason (`"database": "OperationalError"`) otherwise."""
    checks = {"database": check_database(), "storage": check_storage()}
    body = {name: problem or "ok" for name, problem in checks.items()}
    failed = [name for name, problem in checks.items() if problem]
    body["status"] = "unavailable" if failed else "ok"
    if failed:
        log.warning("readiness failed: %s", ", ".join(f"{n}={checks[n]}" for n in failed))
    return _no_store(JsonResponse(body, status=503 if failed else 200))
