"""The "due soon" warning (DOMAIN.md §7: production systems warn hours before the appointment when no
result is ready): to the officer holding the dossier (its assigned officer, else whoever holds the
current step's role at the current agency) and to the leaders of that agency, when the dossier's due
date is within MOTCUA_NOTIFY_DUE_SOON_HOURS working hours (the receiving agency's calendar, the same
one that computed the due date) and it has no result yet.

Once per (dossier, threshold, due date): the `DueWarning` row is written in the same transaction as
the messages, under a unique constraint, so two workers running the job at once warn once. An
apology's new due date may earn a new warning. A dossier already late is not warned (the worklist's
"late" bucket shows it).
"""

from __future__ import annotations

import logging
import math
from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q

from motcua.core import clock
from motcua.dossiers import deadlines
from motcua.dossiers.models import Dossier
from motcua.dossiers.states import State
from motcua.organizations.models import Role, StaffRole, User

from .kinds import Kind, RecipientRole
from .models import DueWarning
from .services import Recipient, vn_datetime, write

logger = logging.getLogger("motcua.notifications")

# Clock running and no result yet (a supplement request pauses the clock: its due date will move).
WATCHED = (State.RECEIVED, State.PROCESSING, State.PAYMENT_REQUESTED, State.APPROVED, State.REJECTED)


def thresholds() -> list[int]:
    """The thresholds in working hours, largest first (MOTCUA_NOTIFY_DUE_SOON_HOURS, e.g. "8" or "16,4")."""
    values = {int(v) for v in str(settings.MOTCUA_NOTIFY_DUE_SOON_HOURS or "").split(",") if v.strip()}
    return sorted((v for v in values if v > 0), reverse=True)


def _staff(agency_id: int | None, roles, today) -> list[User]:
    if not agency_id:
        return []
    rows = StaffRole.objects.filter(agency_id=agency_id, role__in=roles, user__is_active=True).filter(
        Q(valid_from__isnull=True) | Q(valid_from__lte=today),
        Q(valid_to__isnull=True) | Q(valid_to__gte=today),
    )
    return [r.user for r in rows.select_related("user").order_by("user_id")]


def responsible(dossier: Dossier, now: datetime) -> list[Recipient]:
    """The holder (assigned officer, else the current role's staff) and the agency's leaders."""
    today = now.astimezone(deadlines.VN_TZ).date()
    agency_id = dossier.current_agency_id or dossier.competent_agency_id
    if dossier.assigned_officer_id:
        holders = [dossier.assigned_officer]
    else:
        holders = _staff(agency_id, [dossier.current_role] if dossier.current_role else [], today)
    leaders = _staff(agency_id, [Role.LEADER], today)
    people, seen = [], set()
    for role, users in ((RecipientRole.OFFICER, holders), (RecipientRole.LEADER, leaders)):
        for u in users:
            if u.pk in seen:
                continue
            seen.add(u.pk)
            people.append(Recipient(role, str(u), u.email, u.phone, u.pk))
    return people


def warn_due_soon(now: datetime | None = None) -> int:
    """Warn for every watched dossier newly within a threshold; returns how many dossiers were warned."""
    now = now or clock.now()
    levels = thresholds()
    if not levels:
        return 0
    # a coarse calendar-time window first (holidays included), then the exact working-time test
    horizon = now + timedelta(days=16 + 2 * math.ceil(levels[0] / 8))
    candidates = list(
        Dossier.objects.filter(state__in=WATCHED, due_at__gt=now, due_at__lte=horizon)
        .select_related("assigned_officer")
        .order_by("due_at")
    )
    if not candidates:
        return 0
    done = set(
        DueWarning.objects.filter(dossier_id__in=[d.pk for d in candidates]).values_list(
            "dossier_id", "threshold_hours", "due_at"
        )
    )
    warned = 0
    for d in candidates:
        left = deadlines.calendar_for(d.receiving_agency_id).remaining(d.due_at, now) / 3600
        new = [t for t in levels if left <= t and (d.pk, t, d.due_at) not in done]
        if not new:
            continue
        try:
            with transaction.atomic():
                DueWarning.objects.bulk_create(
                    DueWarning(dossier=d, threshold_hours=t, due_at=d.due_at, at=now) for t in new
                )
                hours = f"{left:.1f}".rstrip("0").rstrip(".").replace(".", ",")
                context = {"ngay_hen_tra": vn_datetime(d.due_at), "gio_con_lai": hours}
                write(Kind.DUE_SOON, responsible(d, now), context, dossier_id=d.pk, at=now)
        except IntegrityError:  # another worker warned it first
            continue
        warned += 1
    if warned:
        logger.info("due-soon warnings for %s dossiers", warned)
    return warned
