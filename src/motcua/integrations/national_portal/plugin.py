"""The national portal plugin of the outbox relay: each `dossier.*` record becomes
`DongBoHoSoMC` (on creation and whenever the national status changes) and `CapNhatTienDoHoSoMC`
(every event after creation), both carrying the event's id (`MaSuKien`)."""

from __future__ import annotations

import logging

from motcua.dossiers.models import DossierEvent
from motcua.integrations.registry import DeliveryError

from . import records
from .client import PortalClient, PortalError
from .options import PortalOptions, options_from_settings

logger = logging.getLogger("motcua.integrations.dvcqg")

SYNC = "DongBoHoSoMC"
PROGRESS = "CapNhatTienDoHoSoMC"


class NationalPortalPlugin:
    name = "dvcqg"

    def __init__(self, options: PortalOptions, client: PortalClient | None = None):
        self.options = options
        self.client = client or PortalClient(options)

    def close(self) -> None:
        self.client.close()

    def handles(self, topic: str) -> bool:
        return topic.startswith("dossier.")

    def deliver(self, message) -> None:
        seq = (message.payload or {}).get("event_seq")
        try:
            event = records.load_event(message.key, int(seq))
        except (DossierEvent.DoesNotExist, TypeError, ValueError):
            raise DeliveryError("dvcqg:event_missing", f"no event {seq!r} for {message.key!r}") from None
        if records.status_changed(event):
            self.sync(records.dossier_record(event), insert=event.seq <= 1)
        if event.seq > 1:
            self.client.call(PROGRESS, data=[records.progress_record(event)])

    def sync(self, record: dict, *, insert: bool) -> None:
        """DongBoHoSoMC as an insert (isUpdating "False") or an update ("True"); a portal that already
        has the dossier (or does not have it) answers with a code, and the other form is sent instead."""
        try:
            self.client.call(SYNC, isUpdating="False" if insert else "True", data=[record])
        except PortalError as exc:
            switch = self.options.already_exists_codes if insert else self.options.not_found_codes
            if exc.portal_code not in switch:
                raise
            self.client.call(SYNC, isUpdating="True" if insert else "False", data=[record])


def from_settings() -> NationalPortalPlugin | None:
    options = options_from_settings()
    if options is None:
        return None
    return NationalPortalPlugin(options)
