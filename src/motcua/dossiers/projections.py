"""Projections: what is derived from each outbox record after its action committed, by the worker's
projector (`motcua.jobs.projector`), off the request's transaction — the statistics rollups
(`motcua.reports`), the notifications an action causes (`motcua.notifications`).

Every lifecycle action writes one `OutboxMessage` with its event (`dossier.<action>`, payload `code`,
`event_seq`); a change that is not an action but moves derived data (the applicant's rating) writes
one with its own topic (`record_change`). The projector claims unprojected records in batches and
calls every registered projection once per batch with the batch's `Item`s, in one transaction with
marking them projected: a projection commits or rolls back with the mark, and is written so that
running the same records again changes nothing (the records are at-least-once).

    from motcua.dossiers import projections
    projections.register("notifications", project)   # in an AppConfig.ready()
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from motcua.core import clock

# A topic the national portal's plugin does not handle (it takes "dossier.*"): the relay marks such
# records processed at once, only the projector reads them.
CHANGED_TOPIC = "stats.changed"


@dataclass(frozen=True)
class Item:
    """One outbox record to project: its id and topic, its dossier (id, code, competent agency id) and
    the event it was written with (a `DossierEvent`; None for a change that is not an action, or when
    the event is gone)."""

    message_id: int
    topic: str
    dossier_id: int
    code: str
    competent_agency_id: int | None
    event: object | None


Projection = Callable[[list[Item]], None]

_PROJECTIONS: dict[str, Projection] = {}


def register(name: str, projection: Projection) -> None:
    """Register (or replace) the projection called `name`; called once per batch, in registration
    order, with the batch's items (never empty)."""
    _PROJECTIONS[name] = projection


def registered() -> dict[str, Projection]:
    """{name: projection}, in registration order."""
    return dict(_PROJECTIONS)


def record_change(dossier, reason: str) -> None:
    """Write an outbox record for a change of `dossier` that is not a lifecycle action (`reason`, e.g.
    "rating"), in the caller's transaction: the projector re-derives its statistics."""
    from .models import OutboxMessage

    OutboxMessage.objects.create(
        topic=CHANGED_TOPIC,
        key=dossier.code,
        created_at=clock.now(),
        payload={"code": dossier.code, "reason": reason, "event_seq": None},
    )
