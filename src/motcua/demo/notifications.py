"""Demo notifications: the demo's months of history are projected without the notifications
projection (nobody is notified of invented past events; demo/loader.py), then the latest two events of
each notifying kind are notified for real, so `make run` shows the message log filling and the worker
delivering (e-mail to the console, SMS and Zalo to their fakes) before anyone acts.

The demo is loaded before `run_with_worker` starts the fake SMS gateway and Zalo OA, so the rows are
written for every channel MOTCUA_NOTIFY_CHANNELS wants, configured yet or not: a channel still off
when the worker runs shows its messages failing with `<channel>:disabled` on the message log."""

from __future__ import annotations

from types import SimpleNamespace

from motcua.dossiers.models import DossierEvent
from motcua.notifications.channels import registry
from motcua.notifications.kinds import ACTION_KINDS, kind_for_event
from motcua.notifications.services import applicant_recipients, event_context, write

PER_KIND = 2
ADDRESS_KINDS = {"email": "email", "sms": "phone", "zalo": "phone"}


def notify_recent(per_kind: int = PER_KIND) -> int:
    """Notify the latest `per_kind` events of each notifying action; returns how many messages."""
    channels = {
        n: SimpleNamespace(address_kind=ADDRESS_KINDS[n]) for n in registry.wanted() if n in ADDRESS_KINDS
    }
    written = 0
    for action in [*ACTION_KINDS, "issue_result"]:
        events = (
            DossierEvent.objects.filter(action=action)
            .select_related("dossier__applicant")
            .order_by("-at", "-id")[:per_kind]
        )
        for event in events:
            kind = kind_for_event(event.action, event.from_state, event.to_state)
            if kind is None:
                continue
            d = event.dossier
            context = event_context(event)
            rows = write(
                kind,
                applicant_recipients(d),
                context,
                dossier_id=d.pk,
                event_seq=event.seq,
                at=event.at,
                channels=channels,
            )
            written += len(rows)
    return written
