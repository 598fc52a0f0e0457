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
