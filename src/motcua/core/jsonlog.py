"""Structured logs: one JSON object per line (`ts` UTC ISO 8601, `level`, `logger`, `message`, and the
fields a caller passed as `extra=`, e.g. `event`, `dossier_code`, `outbox_id`, `code`), for the relay
and the national portal link (settings.LOGGING; `MOTCUA_JSON_LOGS=0` for plain text)."""

import json
import logging
from datetime import UTC, datetime

# What every LogRecord has: anything else on a record came from `extra=`.
_STANDARD = set(vars(logging.makeLogRecord({}))) | {"message", "asctime"}


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        out = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key, value in vars(record).items():
            if key not in _STANDARD and not key.startswith("_"):
                out[key] = value if isinstance(value, str | int | float | bool | None) else str(value)
        if record.exc_info:
            out["exc"] = self.formatException(record.exc_info)
        return json.dumps(out, ensure_ascii=False)
