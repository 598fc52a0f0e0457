"""The lease the background queues take work under (the outbox relay, jobs/relay.py; the outbox
projector, jobs/projector.py; the notification dispatcher, notifications/dispatch.py): rows due now are
locked with SKIP LOCKED, so two workers never take the same row, and marked with the worker's id and an
end of lease, so a killed worker's rows come back when the lease ends."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.db.models import QuerySet


def lease(
    claimable: QuerySet,
    worker_id: str,
    until: datetime,
    limit: int,
    *,
    by_field: str = "claimed_by",
    until_field: str = "claimed_until",
) -> list[int]:
    """Ids of up to `limit` rows of `claimable` (in its order), now leased to `worker_id` until `until`
    (aware datetime, UTC in storage). The model must have the `by_field` (text) and `until_field`
    (datetime) fields; two queues over one table use two pairs (the outbox's relay and projector).
    Returns [] when nothing is due. Works on PostgreSQL (row locks) and SQLite (the write lock)."""
    with transaction.atomic():
        ids = list(
            claimable.select_for_update(skip_locked=True, of=("self",)).values_list("id", flat=True)[:limit]
        )
        if ids:
            claimable.model.objects.filter(id__in=ids).update(**{by_field: worker_id, until_field: until})
    return ids
