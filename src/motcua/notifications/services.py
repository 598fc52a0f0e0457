"""Writing notifications: the outbox projection (the worker's projector, one call per batch of
committed actions), the recipients and their opt-outs, and the per-user preferences.

Who gets what (DOMAIN.md §1: "notifications go to [the authorised representative] when present"):
the applicant, on e-mail (their address) and SMS/Zalo (their phone), and the representative on
SMS/Zalo (the dossier's representative phone) and e-mail when the representative has an account
here (found by their ID number). Each (channel, address) gets one message per event. A person with
an account who switched a channel off, or an optional kind off (`kinds.OPTIONAL_KINDS`), gets no row.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from django.db import transaction
from django.db.models import Q

from motcua.core import clock
from motcua.core.compiled import CompiledQuery
from motcua.organizations.models import Applicant

from .channels import registry
from .kinds import OPTIONAL_KINDS, Channel, Kind, RecipientRole, kind_for_event
from .models import Notification, NotificationOptOut, NotificationTemplate

logger = logging.getLogger("motcua.notifications")
VN_TZ = ZoneInfo("Asia/Ho_Chi_Minh")


@dataclass(frozen=True)
class Recipient:
    role: str
    name: str
    email: str = ""
    phone: str = ""
    user_id: int | None = None

    def address(self, kind: str) -> str:
        return self.email if kind == "email" else self.phone


def vn_datetime(value) -> str:
    """dd/mm/yyyy HH:MM in Vietnam time (24-hour), "" for None; accepts a datetime or ISO text."""
    if not value:
        return ""
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            return ""
    return value.astimezone(VN_TZ).strftime("%d/%m/%Y %H:%M")


def dong(amount) -> str:
    """50000 → "50.000" (Vietnamese thousands separator)."""
    try:
        return f"{int(amount):,}".replace(",", ".")
    except (TypeError, ValueError):
        return ""


# ----- the outbox projection ------------------------------------------------------------------


def project(items) -> None:
    """The notifications projection (`dossiers.projections`; `items`: `projections.Item`s of one
    batch): the messages each item's EVENT causes — its action and from/to states, its data, its seq —
    never the dossier's current state, which may have moved on since. Most events notify nobody (no
    query then); a change that is not an action (no event) notifies nobody. Messages are unique per
    (dossier, event seq, kind, channel, address): projecting an event again writes nothing more."""
    notifying = []
    for item in items:
        event = item.event
        if event is None:
            continue
        kind = kind_for_event(event.action, event.from_state, event.to_state)
        if kind is not None:
            notifying.append((item, kind))
    if not notifying:
        return
    try:
        channels = registry.enabled()
    except Exception:  # bad channel settings (the system check says so at start): the statistics go on
        logger.exception("notification channels cannot be built; %s events not notified", len(notifying))
        return
    if not channels:
        return
    from motcua.dossiers.models import Dossier

    # the batch's reads once: its dossiers with their applicants, the kinds' templates, the opt-outs
    dossiers = Dossier.objects.select_related("applicant").in_bulk({item.dossier_id for item, _ in notifying})
    templates = {
        kind: (pk, active)
        for kind, pk, active in NotificationTemplate.objects.filter(
            kind__in={kind for _, kind in notifying}
        ).values_list("kind", "id", "active")
    }
    people = {
        item.message_id: applicant_recipients(dossiers[item.dossier_id])
        for item, _ in notifying
        if item.dossier_id in dossiers
    }
    optouts = opted_out(r.user_id for recipients in people.values() for r in recipients)
    rows = []
    for item, kind in notifying:
        if item.message_id not in people:
            continue
        event = item.event
        rows += messages(
            kind,
            people[item.message_id],
            event_context(event),
            template=templates.get(kind),
            optouts=optouts,
            channels=channels,
            dossier_id=item.dossier_id,
            event_seq=event.seq,
            at=event.at,
        )
    Notification.objects.bulk_create(rows, ignore_conflicts=True, batch_size=1000)


def event_context(event) -> dict:
    """The placeholders an event fills from the event itself (the others are read when the message is
    sent): the due date the action set, its reason, missing papers, amount."""
    data = event.data or {}
    return {
        "ngay_hen_tra": vn_datetime(event.due_at),
        "ngay_hen_cu": vn_datetime(data.get("previous_due_at")),
        "ly_do": str(data.get("reason") or "")[:500],
        "giay_to_bo_sung": "; ".join(str(m) for m in data.get("missing") or [])[:500],
        "so_tien": dong(data.get("amount")) if data.get("amount") is not None else "",
    }


def applicant_recipients(dossier) -> list[Recipient]:
    """The applicant and, when present, the authorised representative."""
    a = dossier.applicant
    people = [Recipient(RecipientRole.APPLICANT, a.full_name, a.email, a.phone, a.user_id)]
    if dossier.representative_name and dossier.representative_phone:
        account = None
        if dossier.representative_id_number:
            account = (
                Applicant.objects.filter(id_number=dossier.representative_id_number)
                .values("email", "user_id")
                .first()
            )
        people.append(
            Recipient(
                RecipientRole.REPRESENTATIVE,
                dossier.representative_name,
                (account or {}).get("email") or "",
                dossier.representative_phone,
                (account or {}).get("user_id"),
            )
        )
    return people


# The two reads of the hook, built into SQL once per process (core/compiled.py): on every notifying
# action their ORM compilation cost more than the database's answer.
_TEMPLATE = CompiledQuery(
    lambda kind: NotificationTemplate.objects.filter(kind=kind).values_list("id", "active"), kind="str"
)
_OPT_OUTS = CompiledQuery(
    lambda a, b: NotificationOptOut.objects.filter(Q(user_id=a) | Q(user_id=b)).values_list(
        "user_id", "channel", "kind"
    ),
    a="int",
    b="int",
)


def opted_out(user_ids) -> set[tuple[int, str, str]]:
    """{(user_id, channel or "", kind or "")} of these users."""
    ids = sorted({u for u in user_ids if u})
    if not ids:
        return set()
    if len(ids) <= 2:  # the applicant and the representative: the compiled query
        return set(_OPT_OUTS.rows(a=ids[0], b=ids[-1]))
    return set(NotificationOptOut.objects.filter(user_id__in=ids).values_list("user_id", "channel", "kind"))


def blocks(optouts: set, user_id: int | None, channel: str, kind: str) -> bool:
    """Whether a user's opt-outs stop `kind` on `channel` (kind-level only for optional kinds)."""
    if not user_id:
        return False
    kinds = ("", kind) if kind in OPTIONAL_KINDS else ("",)
    return any((user_id, c, k) in optouts for c in ("", channel) for k in kinds)


def write(
    kind: str,
    recipients: list[Recipient],
    context: dict,
    *,
    dossier_id: int | None,
    event_seq: int | None = None,
    at: datetime | None = None,
    channels: dict | None = None,
) -> list[Notification]:
    """Insert the pending messages of one kind for these recipients on every enabled channel they
    have an address for, minus their opt-outs and duplicates (same channel and address; for an event,
    also a message already written for it: the unique constraint, rows ignored). Nothing when the
    kind's template is switched off. Returns the rows built."""
    channels = registry.enabled() if channels is None else channels
    found = _TEMPLATE.rows(kind=str(kind))
    rows = messages(
        kind,
        recipients,
        context,
        template=found[0] if found else None,
        optouts=opted_out(r.user_id for r in recipients),
        channels=channels,
        dossier_id=dossier_id,
        event_seq=event_seq,
        at=at or clock.now(),
    )
    return Notification.objects.bulk_create(rows, ignore_conflicts=event_seq is not None)


def messages(
    kind: str,
    recipients: list[Recipient],
    context: dict,
    *,
    template: tuple[int, bool] | None,
    optouts: set,
    channels: dict,
    dossier_id: int | None,
    event_seq: int | None,
    at: datetime,
) -> list[Notification]:
    """The unsaved messages `write` inserts (no query): `template` is the kind's (id, active) or None,
    `optouts` the recipients' (`opted_out`); [] when the template is switched off."""
    if template is not None and not template[1]:
        return []
    template_id = template[0] if template else None
    rows, seen = [], set()
    for r in recipients:
        for name, plugin in channels.items():
            address = (r.address(plugin.address_kind) or "").strip()
            if not address or (name, address) in seen or blocks(optouts, r.user_id, name, kind):
                continue
            seen.add((name, address))
            rows.append(
                Notification(
                    kind=kind,
                    channel=name,
                    dossier_id=dossier_id,
                    event_seq=event_seq,
                    recipient_role=r.role,
                    recipient_user_id=r.user_id,
                    recipient_name=r.name[:255],
                    address=address[:254],
                    context=context,
                    template_id=template_id,
                    created_at=at,
                    next_attempt_at=at,
                )
            )
    return rows


# ----- preferences -----------------------------------------------------------------------------


def preferences_of(user) -> dict:
    """{"channels": set of channels switched off, "kinds": set of optional kinds switched off}."""
    rows = NotificationOptOut.objects.filter(user=user).values_list("channel", "kind")
    return {
        "channels": {c for c, k in rows if c and not k},
        "kinds": {k for c, k in rows if k and not c},
    }


@transaction.atomic
def preferences_set(user, *, channels_off, kinds_off) -> None:
    """Replace the user's opt-outs: whole channels off, and optional kinds off on every channel.
    Raises ValueError for an unknown channel, or a kind that cannot be switched off alone."""
    channels_off, kinds_off = set(channels_off), set(kinds_off)
    if channels_off - set(Channel.values):
        raise ValueError(f"unknown channel {sorted(channels_off - set(Channel.values))}")
    if kinds_off - OPTIONAL_KINDS:
        raise ValueError(f"kind cannot be switched off alone {sorted(kinds_off - OPTIONAL_KINDS)}")
    NotificationOptOut.objects.filter(user=user).delete()
    NotificationOptOut.objects.bulk_create(
        [NotificationOptOut(user=user, channel=c, kind="") for c in sorted(channels_off)]
        + [NotificationOptOut(user=user, channel="", kind=k) for k in sorted(kinds_off)]
    )
    logger.info(
        "notification preferences of user %s: off channels=%s kinds=%s", user.pk, channels_off, kinds_off
    )


__all__ = ["Kind", "Recipient", "preferences_set", "project", "write"]
