"""The outbox relay: every `OutboxMessage` the lifecycle wrote is handed to the enabled partner plugins
(`motcua.integrations.registry`) at least once, in order per dossier, with backoff, until a dead letter.

How a round goes (`Relay.run_once`):

1. **claim** (one short transaction): the oldest due records whose dossier (`key`) has no earlier record
   still pending, at most one per dossier, `FOR UPDATE SKIP LOCKED` on PostgreSQL (two workers never
   take the same rows), SQLite's single writer elsewhere. A claim is a lease (`claimed_by`,
   `claimed_until`): a worker killed mid-batch loses nothing, its records come back when the lease ends;
2. **deliver** outside any transaction (no database lock is held during a partner's HTTP call);
3. **settle** each record: delivered → `processed_at`; failed → `attempts + 1`, the partner's error
   *code* (never its message text) and `next_attempt_at` = now + exponential backoff with jitter;
   after `MOTCUA_RELAY_MAX_ATTEMPTS` failures → `dead_at` (a dead letter: the dossier's later records
   wait behind it until an operator retries it, `retry_dead_letter`).

At-least-once: a record delivered whose settle never committed (a kill between 2 and 3) is delivered
again; partners are keyed by (dossier code, event seq) so a repeat changes nothing there.
"""

from __future__ import annotations

import logging
import os
import random
import socket
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Exists, F, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce

from motcua.core import clock
from motcua.dossiers.models import OutboxMessage
from motcua.integrations.registry import DeliveryError, outbox_plugins

from .backoff import backoff_seconds as _backoff
from .lease import lease
from .models import RelayRetry

logger = logging.getLogger("motcua.relay")


def default_worker_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"[:64]


def backoff_seconds(attempts: int, rand: Callable[[], float] = random.random) -> float:
    """The relay's backoff (`jobs.backoff.backoff_seconds` with MOTCUA_RELAY_BACKOFF_BASE/CAP)."""
    return _backoff(
        attempts, base=settings.MOTCUA_RELAY_BACKOFF_BASE, cap=settings.MOTCUA_RELAY_BACKOFF_CAP, rand=rand
    )


def _claimable(now: datetime):
    earlier_pending = OutboxMessage.objects.filter(
        key=OuterRef("key"), processed_at__isnull=True, id__lt=OuterRef("id")
    )
    return (
        OutboxMessage.objects.filter(processed_at__isnull=True, dead_at__isnull=True)
        .filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
        .filter(Q(claimed_until__isnull=True) | Q(claimed_until__lt=now))
        .exclude(Exists(earlier_pending))
        .order_by("id")
    )


def _deliver(plugin, messages: list[OutboxMessage]) -> dict[int, DeliveryError]:
    """Hand `messages` to one plugin: all at once when it has `deliver_many` (returns the failures by
    id), else one by one. A plugin's bug is a failure of its records, not the end of the relay."""
    try:
        if hasattr(plugin, "deliver_many"):
            return plugin.deliver_many(messages)
    except Exception as exc:
        logger.exception("plugin %s failed on a batch", plugin.name)
        error = DeliveryError(f"{plugin.name}:exception", f"{type(exc).__name__}: {exc}")
        return {m.pk: error for m in messages}
    errors = {}
    for message in messages:
        try:
            plugin.deliver(message)
        except DeliveryError as exc:
            errors[message.pk] = exc
        except Exception as exc:
            logger.exception("plugin %s failed on outbox %s", plugin.name, message.pk)
            errors[message.pk] = DeliveryError(f"{plugin.name}:exception", f"{type(exc).__name__}: {exc}")
    return errors


@dataclass
class RoundResult:
    claimed: int = 0
    delivered: int = 0
    failed: int = 0
    dead: int = 0

    def add(self, other: RoundResult) -> None:
        self.claimed += other.claimed
        self.delivered += other.delivered
        self.failed += other.failed
        self.dead += other.dead


@dataclass
class Relay:
    """One worker's relay. `now` and `rand` are injectable (tests fix time and jitter)."""

    worker_id: str = field(default_factory=default_worker_id)
    now: Callable[[], datetime] = clock.now
    rand: Callable[[], float] = random.random
    batch: int | None = None
    plugins: list | None = None  # None: the enabled plugins of the registry

    def claim(self) -> list[OutboxMessage]:
        """Take up to `batch` due records (one per dossier, oldest first) under a lease."""
        now = self.now()
        limit = self.batch or settings.MOTCUA_RELAY_BATCH
        until = now + timedelta(seconds=settings.MOTCUA_RELAY_LEASE_SECONDS)
        ids = lease(_claimable(now), self.worker_id, until, limit)
        if not ids:
            return []
        return list(OutboxMessage.objects.filter(id__in=ids).order_by("id"))

    def run_once(self) -> RoundResult:
        """Claim, deliver and settle one batch; returns what happened to it."""
        result = RoundResult()
        messages = self.claim()
        result.claimed = len(messages)
        plugins = outbox_plugins() if self.plugins is None else self.plugins
        errors: dict[int, DeliveryError] = {}
        for plugin in plugins:
            wanted = [m for m in messages if m.pk not in errors and plugin.handles(m.topic)]
            if wanted:
                errors.update(_deliver(plugin, wanted))
        delivered = [m.pk for m in messages if m.pk not in errors]
        if delivered:
            OutboxMessage.objects.filter(pk__in=delivered, claimed_by=self.worker_id).update(
                processed_at=self.now(), claimed_by="", claimed_until=None, last_error="", last_error_code=""
            )
        result.delivered = len(delivered)
        if messages:
            logger.info(
                "relay round: claimed=%s delivered=%s failed=%s",
                len(messages),
                len(delivered),
                len(errors),
                extra={
                    "event": "relay.round",
                    "worker": self.worker_id,
                    "claimed": len(messages),
                    "delivered": len(delivered),
                    "failed": len(errors),
                },
            )
        for message in messages:
            if message.pk in errors:
                if self._settle_failed(message, errors[message.pk]):
                    result.dead += 1
                else:
                    result.failed += 1
        return result

    def drain(self, *, max_rounds: int | None = None) -> RoundResult:
        """Rounds until nothing is due (records waiting for their backoff stay for later)."""
        total = RoundResult()
        rounds = 0
        while max_rounds is None or rounds < max_rounds:
            one = self.run_once()
            rounds += 1
            total.add(one)
            if not one.claimed:
                break
        return total

    def _settle_failed(self, message: OutboxMessage, error: DeliveryError) -> bool:
        """Record the failure; True when it made the record a dead letter."""
        now = self.now()
        attempts = message.attempts + 1
        dead = attempts >= settings.MOTCUA_RELAY_MAX_ATTEMPTS
        OutboxMessage.objects.filter(pk=message.pk, claimed_by=self.worker_id).update(
            attempts=F("attempts") + 1,
            last_error=str(error.detail)[:2000],
            last_error_code=str(error.code)[:64],
            next_attempt_at=None if dead else now + timedelta(seconds=backoff_seconds(attempts, self.rand)),
            dead_at=now if dead else None,
            claimed_by="",
            claimed_until=None,
        )
        log = logger.error if dead else logger.warning
        log(
            "outbox %s (%s %s) failed: attempt=%s code=%s dead=%s",
            message.pk,
            message.topic,
            message.key,
            attempts,
            error.code,
            dead,
            extra={
                "event": "relay.dead" if dead else "relay.failed",
                "outbox_id": message.pk,
                "topic": message.topic,
                "dossier_code": message.key,
                "attempt": attempts,
                "error_code": error.code,
            },
        )
        return dead


# ----- dead letters ------------------------------------------------------------------------------


def dead_letters():
    """Dead records, oldest first, each annotated with `waiting`: how many later records of the same
    dossier wait behind it."""
    behind = (
        OutboxMessage.objects.filter(key=OuterRef("key"), processed_at__isnull=True, id__gt=OuterRef("id"))
        .order_by()
        .values("key")
        .annotate(n=Count("id"))
        .values("n")
    )
    return (
        OutboxMessage.objects.filter(processed_at__isnull=True, dead_at__isnull=False)
        .annotate(waiting=Coalesce(Subquery(behind, output_field=IntegerField()), 0))
        .order_by("id")
    )


def retry_dead_letter(message_id: int, *, by=None, by_name: str = "", via: str = "page") -> OutboxMessage:
    """Make a dead record due again now (a fresh series of attempts) and audit who did it.

    Raises `OutboxMessage.DoesNotExist` when no dead record has that id (already retried or delivered).
    """
    now = clock.now()
    with transaction.atomic():
        message = (
            OutboxMessage.objects.select_for_update()
            .filter(pk=message_id, processed_at__isnull=True, dead_at__isnull=False)
            .get()
        )
        RelayRetry.objects.create(
            message=message,
            at=now,
            by=by,
            by_name=(by_name or str(by or ""))[:255],
            via=via,
            attempts_before=message.attempts,
            last_error_code=message.last_error_code,
            last_error=message.last_error,
        )
        message.dead_at = None
        message.attempts = 0
        message.next_attempt_at = now
        message.save(update_fields=["dead_at", "attempts", "next_attempt_at"])
    logger.info(
        "outbox %s retried by %s via %s",
        message_id,
        by_name or by,
        via,
        extra={"event": "relay.retried", "outbox_id": message_id, "dossier_code": message.key, "via": via},
    )
    return message
