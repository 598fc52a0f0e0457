"""gunicorn's configuration for production serving (`make serve`; docs/operations.md "Production serving").

Environment: `MOTCUA_BIND` (default 127.0.0.1:8000), `MOTCUA_WEB_WORKERS` (default: the cores this
process may run on), `MOTCUA_WEB_TIMEOUT` (seconds, default 30), `MOTCUA_WEB_MAX_REQUESTS` (recycle a
worker after this many requests, default 0 = never: memory per worker is flat, docs/performance.md),
`MOTCUA_LOG_FORMAT` (`json`, the default in production mode, or `text`).

Sync workers, one per core: a request is short and mostly waits on PostgreSQL, which runs on the same
cores; measured in docs/performance.md ("Production serving"). Run behind a buffering reverse proxy."""

from __future__ import annotations

import os

from gunicorn.glogging import Logger

from motcua.core.jsonlog import log_format


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


bind = os.environ.get("MOTCUA_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("MOTCUA_WEB_WORKERS") or _cores())
worker_class = "sync"
timeout = int(os.environ.get("MOTCUA_WEB_TIMEOUT", "30"))
graceful_timeout = timeout
max_requests = int(os.environ.get("MOTCUA_WEB_MAX_REQUESTS", "0"))
max_requests_jitter = max_requests // 10
# Settings, URLconf and templates load once in the arbiter and are shared copy-on-write by the workers.
preload_app = True
accesslog = "-"
errorlog = "-"
_json = log_format() == "json"


class JsonLogger(Logger):
    """gunicorn's own lines and its access log as JSON lines (motcua.core.jsonlog.JsonFormatter)."""

    def setup(self, cfg):
        super().setup(cfg)
        from motcua.core.jsonlog import JsonFormatter

        for log in (self.error_log, self.access_log):
            for handler in log.handlers:
                handler.setFormatter(JsonFormatter())

    def access(self, resp, req, environ, request_time):
        if not self.access_log_enabled:
            return
        status = resp.status.split(None, 1)[0] if isinstance(resp.status, str) else resp.status
        self.access_log.info(
            "request",
            extra={
                "method": environ.get("REQUEST_METHOD"),
                "path": environ.get("PATH_INFO"),
                "status": int(status),
                "duration_ms": round(request_time.total_seconds() * 1000, 1),
                "bytes": getattr(resp, "sent", None),
                "client": environ.get("HTTP_X_FORWARDED_FOR") or environ.get("REMOTE_ADDR"),
            },
        )


if _json:
    logger_class = JsonLogger


def post_fork(server, worker):
    # Connections opened while preloading (none are, but a future import might) must not be shared.
    from django.db import connections

    connections.close_all()
