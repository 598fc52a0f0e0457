"""Holiday notices that move due dates: which open dossiers' due dates a notice would move (the
admin's preview), and applying it — the notice saved, then each of those dossiers recomputed
THROUGH the lifecycle (`recompute_due`: an event on each dossier, on its public timeline, and the
outbox message every action writes, which the notification port reads).

The action is registered here (not in lifecycle.py) with the lifecycle's own `action` table; its
arithmetic is the lifecycle's `_push_deadlines` (the same recomputation as after a pause).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.db import transaction

from motcua.calendar import notice_changes
from motcua.calendar.notice_changes import NoticeDraft
from motcua.calendar.selectors import work_calendar

from . import deadlines, lifecycle
from .errors import DossierForbidden
from .models import Dossier
from .states import CLOCK_STATES

ACTION = "recompute_due"
CALENDAR_PERMISSION = "calendar.change_notice"


@dataclass(frozen=True)
class DueMove:
    dossier_id: int
    code: str
    procedure: str
    old_due: datetime
    new_due: datetime
    version: int  # the dossier's version when read (the apply's optimistic lock)


def _auth_calendar_admin(ctx) -> None:
    if not ctx.actor.has_perm(CALENDAR_PERMISSION):
        raise DossierForbidden(
            "Chỉ người quản trị lịch làm việc được tính lại hạn theo thông báo nghỉ lễ.",
            "Only a working-calendar administrator may recompute due dates after a holiday notice.",
        )


@lifecycle.action(
    ACTION,
    authorize=_auth_calendar_admin,
    from_states=tuple(CLOCK_STATES),
    public_text="Ngày hẹn trả kết quả được tính lại theo thông báo nghỉ lễ, Tết.",
)
def _recompute_due(ctx) -> None:
    """Every deadline recomputed from its start on the calendar as it now stands (`notice`: the
    notice's number, kept on the event)."""
    lifecycle._push_deadlines(ctx)
    ctx.data["notice"] = str(ctx.param("notice") or "")[:64]
    ctx.comment = f"Tính lại hạn theo thông báo {ctx.data['notice']}".strip()


def _local_midnight(day, tz) -> datetime:
    return datetime.combine(day, time(0), tzinfo=tz)


def due_moves(draft: NoticeDraft | None, changed_days, *, without_id: int | None = None) -> list[DueMove]:
    """Open dossiers (clock running) whose statutory due date moves if `draft` is saved (or the
    notice `without_id` is deleted); `changed_days` are the dates whose kind changes. Read-only."""
    if not changed_days:
        return []
    base = work_calendar(None)
    first, last = min(changed_days), max(changed_days)
    candidates = (
        Dossier.objects.filter(
            state__in=CLOCK_STATES,
            received_at__isnull=False,
            original_due_at__isnull=False,
            received_at__lt=_local_midnight(last + timedelta(days=1), base.tz),
            original_due_at__gte=_local_midnight(first, base.tz),
        )
        .select_related("procedure_version")
        .prefetch_related("pauses")
        .order_by("received_at", "pk")
    )
    calendars: dict = {}
    moves = []
    for d in candidates:
        cal = calendars.get(d.receiving_agency_id)
        if cal is None:
            cal = notice_changes.calendar_with(
                work_calendar(d.receiving_agency_id), draft, without_id=without_id
            )
            calendars[d.receiving_agency_id] = cal
        term = deadlines.term_of(d)
        if term is None:
            continue
        pauses = [(p.started_at, p.ended_at) for p in d.pauses.all() if p.ended_at is not None]
        new_due = cal.due(d.received_at, term, pauses)
        if new_due != d.original_due_at:
            moves.append(
                DueMove(d.pk, d.code, d.procedure_version.name, d.original_due_at, new_due, d.version)
            )
    return moves


@dataclass(frozen=True)
class NoticePreview:
    diff: notice_changes.CalendarDiff
    moves: tuple[DueMove, ...]


def notice_preview(draft: NoticeDraft) -> NoticePreview:
    """What saving `draft` would change (checked first: NoticeDraftError). Writes nothing."""
    notice_changes.check_draft(draft)
    diff = notice_changes.calendar_diff(draft)
    return NoticePreview(diff, tuple(due_moves(draft, diff.changed_days)))


@transaction.atomic
def notice_apply(draft: NoticeDraft, actor):
    """Save the notice, then recompute each moved dossier through the lifecycle (one event each).
    Returns (notice, moves). All or nothing. Raises NoticeDraftError, DossierForbidden."""
    if not actor.has_perm(CALENDAR_PERMISSION):
        raise DossierForbidden(
            "Bạn không có quyền sửa thông báo nghỉ lễ.", "You may not change holiday notices."
        )
    preview = notice_preview(draft)
    notice = notice_changes.notice_save(draft)
    for move in preview.moves:
        lifecycle.perform(move.code, ACTION, actor, move.version, notice=notice.number)
    return notice, preview.moves
