"""What the national portal confirmed, per dossier (`PortalSync`): written by the connector after every
successful call (`error_code` 0) — never by the relay itself, which also marks records delivered while
the connector is off — so the reconciliation and the sync rate count only what the portal said yes to."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from motcua.dossiers.models import Dossier

from .models import PortalSync


def confirm(entries: Iterable[tuple[str, int, int]], at: datetime) -> int:
    """Record that the portal confirmed, for each (dossier code, event seq, national status), that
    event's record at `at`. One query for the dossiers, one upsert (INSERT … ON CONFLICT on both
    databases); the latest seq per dossier wins within a call. Returns the number of dossiers."""
    latest: dict[str, tuple[int, int]] = {}
    for code, seq, status in entries:
        if seq is None or status is None:
            continue
        if code not in latest or int(seq) > latest[code][0]:
            latest[code] = (int(seq), int(status))
    if not latest:
        return 0
    ids = dict(Dossier.objects.filter(code__in=list(latest)).values_list("code", "id"))
    rows = [
        PortalSync(
            dossier_id=ids[code],
            confirmed_seq=seq,
            confirmed_status=status,
            confirmed_at=at,
            first_confirmed_at=at,
        )
        for code, (seq, status) in latest.items()
        if code in ids
    ]
    PortalSync.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["dossier"],
        update_fields=["confirmed_seq", "confirmed_status", "confirmed_at"],
    )
    return len(rows)


def entry_of(message) -> tuple[str, int | None, int | None]:
    """(code, event seq, national status) of an outbox record of the lifecycle (`dossier.*`)."""
    payload = message.payload or {}
    try:
        seq = int(payload.get("event_seq"))
        status = int(payload.get("national_status"))
    except (TypeError, ValueError):
        return message.key, None, None
    return message.key, seq, status
