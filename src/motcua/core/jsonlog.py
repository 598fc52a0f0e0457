"""Structured logs: one JSON object per line (MOTCUA_LOG_FORMAT=json, the default in production mode),
so a log collector (journald, Loki, Elasticsearch) can filter by level, logger or request without
parsing prose. Fields: `ts` (UTC, ISO 8601 with milliseconds), `level`, `logger`, `message`, `pid`, and
`exc` (the traceback) when there is one; gunicorn's access log adds `method`, `path`, `status`,
`duration_ms`, `bytes`, `client` (motcua/gunicorn_conf.py)."""

from __future__ import annotations

import json
import logging
import os
from datetime import UTC, datetime

# Attributes every LogRecord has: anything else passed through `extra=` is added to the line.
_STANDARD = set(vars(logging.makeLogRecord({}))) | {"message", "asctime", "taskName"}

_TRUE = {"1", "true", "yes", "on"}


def log_format(environ=os.environ) -> str:
    """ "json" or "text" for every logger of the process (settings' LOGGING and gunicorn's own lines):
    `MOTCUA_LOG_FORMAT` when set; else `MOTCUA_JSON_LOGS` (1/0, the relay's switch of old) when set;
    else "json" in production mode (`MOTCUA_PRODUCTION`), "text" otherwise."""
    chosen = environ.get("MOTCUA_LOG_FORMAT", "").strip().lower()
    if chosen:
        return "json" if chosen == "json" else "text"
    legacy = environ.get("MOTCUA_JSON_LOGS", "").strip().lower()
    if legacy:
        return "json" if legacy in _TRUE else "text"
    return "json" if environ.get("MOTCUA_PRODUCTION", "").strip().lower() in _TRUE else "text"


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "pid": os.getpid(),
        }
        for key, value in vars(record).items():
            if key not in _STANDARD and not key.startswith("_"):
                line[key] = value if isinstance(value, str | int | float | bool | None) else str(value)
        if record.exc_info:
            line["exc"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False)
