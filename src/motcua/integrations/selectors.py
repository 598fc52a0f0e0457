"""Reads of the national portal link: the sync rate of the Decision 766 index (DOSSIER_SYNC, DOMAIN.md
§8), the per-dossier reconciliation of what was sent with what the portal confirmed, and the figures
of the operations page.

For the statistics helper: `sync_rate(agency_ids, start, end)` → {agency id: SyncRate(received,
synced, rate)}; `total(rates)` → the province's SyncRate.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Exists, IntegerField, Max, Min, OuterRef, Q, Subquery
from django.db.models.fields.json import KT
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_noop

from motcua.core import clock
from motcua.dossiers.models import Dossier, OutboxMessage
from motcua.dossiers.states import NationalStatus

from .models import ExternalDossier, ExternalSource, PortalSync


@dataclass(frozen=True)
class SyncRate:
    received: int
    synced: int

    @property
    def rate(self) -> Decimal | None:
        """synced ÷ received (4 decimals, 0–1); None when nothing was received."""
        if not self.received:
            return None
        return (Decimal(self.synced) / Decimal(self.received)).quantize(Decimal("0.0001"), ROUND_HALF_UP)


def _synced():
    """The portal confirmed a record of the dossier as received or later (any status but 1 "new")."""
    return PortalSync.objects.filter(dossier_id=OuterRef("pk")).exclude(confirmed_status=NationalStatus.NEW)


def sync_rate(
    agency_ids: Iterable[int] | None, start: datetime, end: datetime, *, by: str = "competent"
) -> dict[int, SyncRate]:
    """DOSSIER_SYNC per agency: dossiers received in [start, end) (`received_at`, aware datetimes)
    whose receipt the national portal confirmed (`PortalSync`, written on the portal's `error_code` 0,
    or by the history import for records that came from it) ÷ dossiers received.

    `agency_ids`: the agencies wanted (None: every agency with a receipt in the period); `by`:
    "competent" (the agency deciding, DonViXuLy — the index's per-agency view) or "receiving" (the
    desk). Agencies with no receipt are answered with SyncRate(0, 0) (rate None). One GROUP BY query."""
    field = {"competent": "competent_agency_id", "receiving": "receiving_agency_id"}[by]
    qs = Dossier.objects.filter(received_at__gte=start, received_at__lt=end)
    wanted = None if agency_ids is None else list(agency_ids)
    if wanted is not None:
        qs = qs.filter(**{f"{field}__in": wanted})
    rows = (
        qs.order_by()
        .values(field)
        .annotate(received=Count("id"), synced=Count("id", filter=Q(Exists(_synced()))))
        .values_list(field, "received", "synced")
    )
    out = {agency: SyncRate(received, synced) for agency, received, synced in rows}
    for agency in wanted or ():
        out.setdefault(agency, SyncRate(0, 0))
    return out


def total(rates: dict[int, SyncRate]) -> SyncRate:
    return SyncRate(sum(r.received for r in rates.values()), sum(r.synced for r in rates.values()))


# ----- reconciliation ----------------------------------------------------------------------------


class SyncState:
    IN_SYNC = "in_sync"  # the portal confirmed the dossier's current status, nothing waits
    PENDING = "pending"  # records wait to be sent (or retried)
    DEAD = "dead"  # a record gave up: an operator must retry it
    UNCONFIRMED = "unconfirmed"  # nothing waits, yet the portal confirmed nothing (sent while off)
    BEHIND = "behind"  # nothing waits, yet the portal confirmed another status than the current one

    LABELS = {
        IN_SYNC: (gettext_noop("Đã khớp"), "In sync"),
        PENDING: (gettext_noop("Đang chờ gửi"), "Pending"),
        DEAD: (gettext_noop("Gửi lỗi (dừng)"), "Dead letter"),
        UNCONFIRMED: (gettext_noop("Cổng chưa xác nhận"), "Never confirmed"),
        BEHIND: (gettext_noop("Cổng giữ trạng thái cũ"), "Portal behind"),
    }


@dataclass(frozen=True)
class ReconRow:
    code: str
    agency_id: int
    national_status: int
    last_sent_status: int | None
    confirmed_status: int | None
    confirmed_at: datetime | None
    pending: int
    dead: int
    imported: bool

    @property
    def state(self) -> str:
        if self.dead:
            return SyncState.DEAD
        if self.pending:
            return SyncState.PENDING
        if self.confirmed_status is None:
            return SyncState.UNCONFIRMED
        if self.confirmed_status != self.national_status:
            return SyncState.BEHIND
        return SyncState.IN_SYNC

    @property
    def state_label(self) -> str:
        return SyncState.LABELS[self.state][0]


def _count(filter_):
    return Coalesce(
        Subquery(
            OutboxMessage.objects.filter(key=OuterRef("code"), topic__startswith="dossier.", **filter_)
            .order_by()
            .values("key")
            .annotate(n=Count("id"))
            .values("n"),
            output_field=IntegerField(),
        ),
        0,
    )


def reconciliation(
    start: datetime,
    end: datetime,
    *,
    agency_ids: Iterable[int] | None = None,
    problems_only: bool = True,
    limit: int = 500,
) -> tuple[Counter, list[ReconRow]]:
    """Per dossier submitted in [start, end) (of the competent agencies given, or all): its national
    status now, the status of the last record sent (delivered or tried), the status the portal
    confirmed and when, the records pending and dead — and the verdict (`ReconRow.state`).

    Returns (counts by state over every dossier of the scope, up to `limit` rows — only those not in
    sync when `problems_only` — oldest first)."""
    qs = Dossier.objects.filter(submitted_at__gte=start, submitted_at__lt=end)
    if agency_ids is not None:
        qs = qs.filter(competent_agency_id__in=list(agency_ids))
    last_sent = (
        OutboxMessage.objects.filter(key=OuterRef("code"), topic__startswith="dossier.")  # not a rating's
        .filter(Q(processed_at__isnull=False) | Q(attempts__gt=0))
        .order_by("-id")
        .values(status=KT("payload__national_status"))[:1]
    )
    rows = (
        qs.order_by("submitted_at", "id")
        .annotate(
            pending_n=_count({"processed_at__isnull": True, "dead_at__isnull": True}),
            dead_n=_count({"processed_at__isnull": True, "dead_at__isnull": False}),
            last_sent=Subquery(last_sent),
            imported=Exists(
                ExternalDossier.objects.filter(dossier_id=OuterRef("pk"), source=ExternalSource.IMPORT)
            ),
        )
        .values_list(
            "code",
            "competent_agency_id",
            "national_status",
            "last_sent",
            "portal_sync__confirmed_status",
            "portal_sync__confirmed_at",
            "pending_n",
            "dead_n",
            "imported",
        )
    )
    counts: Counter = Counter()
    out: list[ReconRow] = []
    for code, agency, status, sent, confirmed, at, pending, dead, imported in rows.iterator(chunk_size=2000):
        row = ReconRow(
            code,
            agency,
            status,
            int(sent) if sent not in (None, "") else None,
            confirmed,
            at,
            pending,
            dead,
            imported,
        )
        counts[row.state] += 1
        if len(out) < limit and (not problems_only or row.state != SyncState.IN_SYNC):
            out.append(row)
    return counts, out


# ----- the operations page -----------------------------------------------------------------------


@dataclass(frozen=True)
class Overview:
    pending: int
    oldest_pending: datetime | None
    failing: int
    failures_by_partner: dict[str, int]
    failure_codes: list[tuple[str, int]]
    dead: int
    last_confirmed: datetime | None
    inbound_last: datetime | None
    inbound_today: int
    imported: int
    unprojected: int = 0
    oldest_unprojected: datetime | None = None

    @property
    def oldest_minutes(self) -> int | None:
        if self.oldest_pending is None:
            return None
        return int((clock.now() - self.oldest_pending).total_seconds() // 60)

    @property
    def projection_lag_seconds(self) -> int | None:
        """How long the oldest record not yet derived into statistics and notifications has waited
        (seconds; None when the worker's projector is up to date)."""
        if self.oldest_unprojected is None:
            return None
        return max(0, int((clock.now() - self.oldest_unprojected).total_seconds()))


def operations_overview() -> Overview:
    """The operations page's figures: the queue (records pending, oldest, failing with backoff), the
    failures of pending records by partner (the prefix of the error code, "dvcqg:timeout" → dvcqg) and
    by code, dead letters, the last confirmation from the portal, forwarded dossiers received (last,
    today) and imported ones. A fixed number of queries."""
    pending = OutboxMessage.objects.filter(processed_at__isnull=True)
    live = pending.filter(dead_at__isnull=True)
    figures = live.aggregate(
        n=Count("id"), oldest=Min("created_at"), failing=Count("id", filter=Q(attempts__gt=0))
    )
    codes = (
        pending.exclude(last_error_code="").order_by().values_list("last_error_code").annotate(n=Count("id"))
    )
    by_code = sorted(((code, n) for code, n in codes), key=lambda x: -x[1])
    partners: Counter = Counter()
    for code, n in by_code:
        partners[code.split(":", 1)[0]] += n
    backlog = OutboxMessage.objects.filter(projected_at__isnull=True).aggregate(
        n=Count("id"), oldest=Min("created_at")
    )
    today = timezone.localtime(clock.now()).replace(hour=0, minute=0, second=0, microsecond=0)
    inbound = ExternalDossier.objects.filter(source=ExternalSource.PORTAL).aggregate(
        last=Max("received_at"), today=Count("id", filter=Q(received_at__gte=today))
    )
    return Overview(
        pending=figures["n"],
        oldest_pending=figures["oldest"],
        failing=figures["failing"],
        failures_by_partner=dict(partners),
        failure_codes=by_code[:20],
        dead=pending.filter(dead_at__isnull=False).count(),
        last_confirmed=PortalSync.objects.aggregate(at=Max("confirmed_at"))["at"],
        inbound_last=inbound["last"],
        inbound_today=inbound["today"],
        imported=ExternalDossier.objects.filter(source=ExternalSource.IMPORT).count(),
        unprojected=backlog["n"],
        oldest_unprojected=backlog["oldest"],
    )
