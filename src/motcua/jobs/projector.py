"""The outbox projector: the statistics and the notifications are derived from each `OutboxMessage`
after its action committed, in the worker, by the projections registered in `dossiers.projections`
(reports: the dossier's fact and the rollups; notifications: the messages an action causes). The
request's transaction only writes the dossier, its event and the outbox record.

How a round goes (`Projector.run_once`):

1. **claim** (one short transaction, `jobs/lease.py`): the oldest unprojected records whose dossier
   (`key`) has no earlier record still unprojected (one record per dossier at a time: two workers never
   derive the same dossier's statistics concurrently), `FOR UPDATE SKIP LOCKED` on PostgreSQL, under a
   lease of its own (`projection_claimed_by` / `_until`, not the relay's): a worker killed after its
   claim loses nothing, the records come back when the lease ends;
2. **project and settle** (one transaction): the records still claimed by this worker and unprojected
   are locked again, every projection runs once over the whole batch, and the records are marked
   `projected_at`. The derived rows commit with the mark or not at all.

Independent of the national-portal relay (`jobs/relay.py`, `processed_at`): a portal outage or a dead
letter there stops neither the statistics nor the notifications. A batch that meets a database error
(a lock timeout on SQLite, a lost connection) is released for the next round; one that fails otherwise
is retried record by record, and a record that fails alone stays claimed until its lease ends (then it
is tried again): only its own dossier's later records wait behind it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.db import OperationalError, transaction
from django.db.models import Exists, OuterRef, Q

from motcua.core import clock
from motcua.dossiers import projections
from motcua.dossiers.models import Dossier, DossierEvent, OutboxMessage

from .lease import lease
from .relay import default_worker_id

logger = logging.getLogger("motcua.projector")


def _claimable(now: datetime, after_id: int | None):
    earlier_unprojected = OutboxMessage.objects.filter(
        key=OuterRef("key"), projected_at__isnull=True, id__lt=OuterRef("id")
    )
    records = OutboxMessage.objects.filter(projected_at__isnull=True)
    if after_id is not None:
        records = records.filter(id__gt=after_id)
    return (
        records.filter(Q(projection_claimed_until__isnull=True) | Q(projection_claimed_until__lt=now))
        .exclude(Exists(earlier_unprojected))
        .order_by("id")
    )


def items_of(records: Iterable[tuple[int, str, str, dict]]) -> list[projections.Item]:
    """The `projections.Item`s of outbox records given as (id, topic, key, payload): their dossiers in
    one query, the events they name (payload `event_seq`) in one more. A record whose dossier is gone
    (a deleted draft) gives no item."""
    records = list(records)
    codes = {key for _id, _topic, key, _payload in records if key}
    dossiers = {
        code: (pk, agency_id)
        for code, pk, agency_id in Dossier.objects.filter(code__in=codes).values_list(
            "code", "pk", "competent_agency_id"
        )
    }
    wanted = set()
    for _id, _topic, key, payload in records:
        seq = (payload or {}).get("event_seq") if isinstance(payload, dict) else None
        if key in dossiers and seq:
            wanted.add((dossiers[key][0], int(seq)))
    events = {}
    if wanted:
        for event in DossierEvent.objects.filter(
            dossier_id__in={d for d, _ in wanted}, seq__in={s for _, s in wanted}
        ):
            if (event.dossier_id, event.seq) in wanted:
                events[(event.dossier_id, event.seq)] = event
    items = []
    for message_id, topic, key, payload in records:
        if key not in dossiers:
            continue
        pk, agency_id = dossiers[key]
        seq = (payload or {}).get("event_seq") if isinstance(payload, dict) else None
        event = events.get((pk, int(seq))) if seq else None
        items.append(projections.Item(message_id, topic, pk, key, agency_id, event))
    return items


@dataclass
class ProjectionRound:
    claimed: int = 0
    projected: int = 0
    failed: int = 0

    def add(self, other: ProjectionRound) -> None:
        self.claimed += other.claimed
        self.projected += other.projected
        self.failed += other.failed


@dataclass
class Projector:
    """One worker's projector. `now` is injectable (tests move time past a lease). `skip`: names of
    projections not run (the demo's replayed history is counted, nobody is notified of it); `after_id`:
    only records after this outbox id."""

    worker_id: str = field(default_factory=default_worker_id)
    now: Callable[[], datetime] = clock.now
    batch: int | None = None
    skip: frozenset[str] = frozenset()
    after_id: int | None = None

    def claim(self) -> list[int]:
        """Ids of up to `batch` records (one per dossier, oldest first), now leased to this worker."""
        now = self.now()
        limit = self.batch or settings.MOTCUA_PROJECTOR_BATCH
        until = now + timedelta(seconds=settings.MOTCUA_PROJECTOR_LEASE_SECONDS)
        return lease(
            _claimable(now, self.after_id),
            self.worker_id,
            until,
            limit,
            by_field="projection_claimed_by",
            until_field="projection_claimed_until",
        )

    def project(self, ids: list[int]) -> int:
        """Run every projection over the records `ids` still claimed by this worker and unprojected,
        and mark them projected, in one transaction; returns how many were projected (0 when the lease
        was lost or they were projected already: running the same ids twice changes nothing)."""
        with transaction.atomic():
            records = list(
                OutboxMessage.objects.select_for_update(of=("self",))
                .filter(id__in=ids, projected_at__isnull=True, projection_claimed_by=self.worker_id)
                .order_by("id")
                .values_list("id", "topic", "key", "payload")
            )
            if not records:
                return 0
            items = items_of(records)
            if items:
                for name, projection in projections.registered().items():
                    if name not in self.skip:
                        projection(items)
            OutboxMessage.objects.filter(id__in=[r[0] for r in records]).update(
                projected_at=self.now(), projection_claimed_by="", projection_claimed_until=None
            )
        return len(records)

    def run_once(self) -> ProjectionRound:
        """Claim one batch and project it (record by record when the batch fails)."""
        ids = self.claim()
        result = ProjectionRound(claimed=len(ids))
        if not ids:
            return result
        try:
            result.projected = self.project(ids)
        except OperationalError:  # a lock timeout, a lost connection: the records are fine, try soon
            logger.warning(
                "projection of a batch of %s hit a database error; released", len(ids), exc_info=True
            )
            OutboxMessage.objects.filter(id__in=ids, projection_claimed_by=self.worker_id).update(
                projection_claimed_by="", projection_claimed_until=None
            )
            result.failed = len(ids)
        except Exception:
            logger.exception("projection of a batch of %s failed; trying its records one by one", len(ids))
            for one in ids:
                try:
                    result.projected += self.project([one])
                except Exception:
                    result.failed += 1
                    logger.exception(
                        "projection of outbox %s failed; tried again when its lease ends",
                        one,
                        extra={"event": "projector.failed", "outbox_id": one},
                    )
        return result

    def drain(self, *, max_rounds: int | None = None) -> ProjectionRound:
        """Rounds until nothing is left to claim, or a round projected nothing (its records failed: they
        stay leased, or were released after a database error, for a later round)."""
        total = ProjectionRound()
        rounds = 0
        while max_rounds is None or rounds < max_rounds:
            one = self.run_once()
            rounds += 1
            total.add(one)
            if not one.claimed or not one.projected:
                break
        return total


def last_outbox_id() -> int:
    """The highest outbox id now (0 when empty): a mark for `Projector(after_id=…)`."""
    return OutboxMessage.objects.order_by("-id").values_list("id", flat=True).first() or 0
