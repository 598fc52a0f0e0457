"""The notification dispatcher: every pending `Notification` is sent through its channel plugin at
least once, with backoff, until sent or dead — the outbox relay's approach (jobs/relay.py), sharing
its backoff (`jobs.backoff`) and lease/SKIP LOCKED claim:

1. **claim** (one short transaction): the oldest due messages (pending, or failed and past their
   backoff), `FOR UPDATE SKIP LOCKED` on PostgreSQL; a claim is a lease (`claimed_by`,
   `claimed_until`): a worker killed mid-batch loses nothing, its messages come back when it ends;
2. **render** a message the first time it is claimed (its template then; kept for retries);
3. **send** outside any transaction (no lock held during a gateway's HTTP call);
4. **settle** each message right after its send, with the rendered text (one UPDATE): sent → `sent`,
   the partner's message id; failed → `attempts + 1`, the channel's error
   *code* (never its message text), `next_attempt_at` = now + backoff with jitter; dead after
   MOTCUA_NOTIFY_MAX_ATTEMPTS tries, or at once for a permanent error (invalid number, no template).

At-least-once: a message sent whose settle never committed (a kill between 3 and 4) is sent again
when its lease ends. Messages are independent: no per-dossier order is kept.
"""

from __future__ import annotations

import logging
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q

from motcua.core import clock
from motcua.core.public_url import public_base_url
from motcua.dossiers.models import Dossier
from motcua.jobs.backoff import backoff_seconds
from motcua.jobs.lease import lease
from motcua.jobs.relay import default_worker_id

from . import rendering
from .channels import registry
from .channels.registry import ChannelError
from .kinds import RecipientRole, Status
from .models import Notification, NotificationRetry

logger = logging.getLogger("motcua.notifications")
OPEN = (Status.PENDING, Status.FAILED)


def notify_backoff(attempts: int, rand: Callable[[], float] = random.random) -> float:
    return backoff_seconds(
        attempts, base=settings.MOTCUA_NOTIFY_BACKOFF_BASE, cap=settings.MOTCUA_NOTIFY_BACKOFF_CAP, rand=rand
    )


def _claimable(now: datetime):
    return (
        Notification.objects.filter(status__in=OPEN)
        .filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
        .filter(Q(claimed_until__isnull=True) | Q(claimed_until__lt=now))
        .order_by("id")
    )


def full_context(message: Notification, dossier: Dossier | None) -> dict:
    """The message's stored context plus what is read at send time: names, code, link."""
    base = public_base_url()  # MOTCUA_PUBLIC_URL; in development the dev address, never empty
    context = {k: "" for k in rendering.SAMPLE}
    context.update(message.context or {})
    context["ten"] = message.recipient_name
    if dossier is not None:
        context["ma_ho_so"] = dossier.code
        context["thu_tuc"] = dossier.procedure_version.name
        context["co_quan"] = dossier.receiving_agency.name
        if message.recipient_role in (RecipientRole.OFFICER, RecipientRole.LEADER):
            context["duong_dan"] = f"{base}/can-bo/ho-so/{dossier.code}/"
        elif message.recipient_role == RecipientRole.APPLICANT and message.recipient_user_id:
            context["duong_dan"] = f"{base}/ho-so/{dossier.code}/"
        else:
            context["duong_dan"] = f"{base}/tra-cuu/"
    return context


@dataclass
class Result:
    claimed: int = 0
    sent: int = 0
    failed: int = 0
    dead: int = 0

    def add(self, other: Result) -> None:
        self.claimed += other.claimed
        self.sent += other.sent
        self.failed += other.failed
        self.dead += other.dead


@dataclass
class Dispatcher:
    """One worker's dispatcher. `now` and `rand` are injectable (tests fix time and jitter)."""

    worker_id: str = field(default_factory=default_worker_id)
    now: Callable[[], datetime] = clock.now
    rand: Callable[[], float] = random.random
    batch: int | None = None
    channels: dict | None = None  # None: the enabled channels of the registry

    def claim(self) -> list[Notification]:
        now = self.now()
        limit = self.batch or settings.MOTCUA_NOTIFY_BATCH
        until = now + timedelta(seconds=settings.MOTCUA_NOTIFY_LEASE_SECONDS)
        ids = lease(_claimable(now), self.worker_id, until, limit)
        if not ids:
            return []
        return list(Notification.objects.filter(id__in=ids).select_related("template").order_by("id"))

    def render(self, messages: list[Notification]) -> None:
        """Fill subject/text (and the full context Zalo's template data needs) of never-rendered ones, in
        memory: they are written with the settle."""
        fresh = [m for m in messages if not m.text]
        if not fresh:
            return
        dossiers = Dossier.objects.select_related("procedure_version", "receiving_agency").in_bulk(
            {m.dossier_id for m in fresh if m.dossier_id}
        )
        for m in fresh:
            m.context = full_context(m, dossiers.get(m.dossier_id))
            m.subject, m.text = rendering.compose(m.kind, m.channel, m.template, m.context)

    def run_once(self) -> Result:
        """Claim, render, send and settle one batch; returns what happened to it."""
        result = Result()
        messages = self.claim()
        result.claimed = len(messages)
        if not messages:
            return result
        self.render(messages)
        channels = registry.enabled() if self.channels is None else self.channels
        for message in messages:
            plugin = channels.get(message.channel)
            try:
                if plugin is None:
                    raise ChannelError(f"{message.channel}:disabled", "channel not configured")
                partner_id = plugin.send(message)
            except ChannelError as exc:
                error = exc
            except Exception as exc:  # a plugin's bug is a failure of its message, not of the loop
                logger.exception("channel %s failed on notification %s", message.channel, message.pk)
                error = ChannelError(f"{message.channel}:exception", f"{type(exc).__name__}: {exc}")
            else:
                self._settle_sent(message, partner_id)  # at once: a kill re-sends at most this one
                result.sent += 1
                continue
            if self._settle_failed(message, error):
                result.dead += 1
            else:
                result.failed += 1
        return result

    def drain(self, *, max_rounds: int | None = None) -> Result:
        """Rounds until nothing is due (messages waiting for their backoff stay for later)."""
        total, rounds = Result(), 0
        while max_rounds is None or rounds < max_rounds:
            one = self.run_once()
            rounds += 1
            total.add(one)
            if not one.claimed:
                break
        return total

    @staticmethod
    def _rendered(message: Notification) -> dict:
        return {"subject": message.subject, "text": message.text, "context": message.context}

    def _settle_sent(self, message: Notification, partner_id: str) -> None:
        Notification.objects.filter(pk=message.pk, claimed_by=self.worker_id).update(
            **self._rendered(message),
            status=Status.SENT,
            sent_at=self.now(),
            attempts=message.attempts + 1,
            partner_message_id=str(partner_id or "")[:128],
            error_code="",
            error_detail="",
            next_attempt_at=None,
            claimed_by="",
            claimed_until=None,
        )

    def _settle_failed(self, message: Notification, error: ChannelError) -> bool:
        now = self.now()
        attempts = message.attempts + 1
        dead = bool(getattr(error, "permanent", False)) or attempts >= settings.MOTCUA_NOTIFY_MAX_ATTEMPTS
        Notification.objects.filter(pk=message.pk, claimed_by=self.worker_id).update(
            **self._rendered(message),
            status=Status.DEAD if dead else Status.FAILED,
            attempts=attempts,
            error_code=str(error.code)[:64],
            error_detail=str(error.detail)[:2000],
            next_attempt_at=None if dead else now + timedelta(seconds=notify_backoff(attempts, self.rand)),
            dead_at=now if dead else None,
            claimed_by="",
            claimed_until=None,
        )
        (logger.error if dead else logger.warning)(
            "notification %s (%s %s) failed: attempt=%s code=%s dead=%s",
            message.pk,
            message.kind,
            message.channel,
            attempts,
            error.code,
            dead,
        )
        return dead


def retry_now(notification_id: int, *, by=None, by_name: str = "", via: str = "page") -> Notification:
    """Make a dead (or failed) message due again now, with a fresh series of attempts, and audit who
    did it. Raises Notification.DoesNotExist when no dead/failed message has that id."""
    now = clock.now()
    with transaction.atomic():
        message = (
            Notification.objects.select_for_update()
            .filter(pk=notification_id, status__in=(Status.DEAD, Status.FAILED))
            .get()
        )
        NotificationRetry.objects.create(
            notification=message,
            at=now,
            by=by,
            by_name=(by_name or str(by or ""))[:255],
            via=via,
            attempts_before=message.attempts,
            error_code=message.error_code,
        )
        message.status = Status.PENDING
        message.attempts = 0
        message.dead_at = None
        message.next_attempt_at = now
        message.save(update_fields=["status", "attempts", "dead_at", "next_attempt_at"])
    logger.info("notification %s retried by %s via %s", notification_id, by_name or by, via)
    return message
