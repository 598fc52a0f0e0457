"""Demo notifications: the demo's months of history are replayed with the hooks paused (nobody is
notified of invented past events), then the latest few notifying events are notified for real, so
`make run` shows the message log filling and the worker delivering (e-mail to the console, SMS and
Zalo to their fakes)."""

from __future__ import annotations

from motcua.dossiers.models import DossierEvent
from motcua.notifications.kinds import ACTION_KINDS
from motcua.notifications.services import on_action

RECENT = 12


def notify_recent(limit: int = RECENT) -> int:
    """Re-run the notification hook for the latest `limit` notifying events; returns how many."""
    events = list(
        DossierEvent.objects.filter(action__in=[*ACTION_KINDS, "issue_result"])
        .select_related("dossier__applicant")
        .order_by("-at", "-id")[:limit]
    )
    for event in events:
        on_action(event.dossier, event)
    return len(events)
