"""The national portal plugin of the outbox relay: each `dossier.*` record becomes
`DongBoHoSoMC` (on creation and whenever the national status changes) and `CapNhatTienDoHoSoMC`
(every event after creation), both carrying the event's id (`MaSuKien`); a relay round's records
travel together in each call's `data` list (`deliver_many`)."""

from __future__ import annotations

import contextlib
import logging

from motcua.core import clock
from motcua.integrations import sync_state
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

    def prepare(self, message, events: dict | None = None) -> tuple[dict | None, bool, dict | None]:
        """(sync record or None, as an insert?, progress record or None) for one outbox record;
        `events` are the round's, loaded together (records.load_events)."""
        seq = (message.payload or {}).get("event_seq")
        try:
            key = (message.key, int(seq))
        except (TypeError, ValueError):
            key = None
        if events is None and key is not None:
            events = records.load_events([key])
        event = (events or {}).get(key)
        if event is None:
            raise DeliveryError("dvcqg:event_missing", f"no event {seq!r} for {message.key!r}")
        sync = records.dossier_record(event) if records.status_changed(event) else None
        progress = records.progress_record(event) if event.seq > 1 else None
        return sync, event.seq <= 1, progress

    def deliver(self, message) -> None:
        sync, insert, progress = self.prepare(message)
        if sync is not None:
            self.sync(sync, insert=insert)
        if progress is not None:
            self.client.call(PROGRESS, data=[progress])
        sync_state.confirm([sync_state.entry_of(message)], clock.now())

    def deliver_many(self, messages: list) -> dict:
        """A relay round (one record per dossier): at most three calls — the inserts, the updates, the
        progress records, each as one `data` list. When the portal refuses a batch with an error code
        (e.g. "already exists" for one of its dossiers) the records are sent one by one, so each gets
        its own answer; a transport failure (timeout, HTTP 5xx…) fails them all without more calls.
        Returns {outbox id: DeliveryError} for the records not delivered."""
        if len(messages) == 1:
            return self._one_by_one(messages)
        errors, prepared = {}, {}
        keys = []
        for m in messages:
            with contextlib.suppress(TypeError, ValueError):
                keys.append((m.key, int((m.payload or {}).get("event_seq"))))
        events = records.load_events(keys)
        for message in messages:
            try:
                prepared[message.pk] = self.prepare(message, events)
            except DeliveryError as exc:
                errors[message.pk] = exc
        inserts = [sync for sync, insert, _ in prepared.values() if sync is not None and insert]
        updates = [sync for sync, insert, _ in prepared.values() if sync is not None and not insert]
        progress = [p for _, _, p in prepared.values() if p is not None]
        try:
            if inserts:
                self.client.call(SYNC, isUpdating="False", data=inserts)
            if updates:
                self.client.call(SYNC, isUpdating="True", data=updates)
            if progress:
                self.client.call(PROGRESS, data=progress)
        except PortalError:
            return {**errors, **self._one_by_one([m for m in messages if m.pk in prepared])}
        except DeliveryError as exc:
            return {**errors, **dict.fromkeys(prepared, exc)}
        confirmed = [sync_state.entry_of(m) for m in messages if m.pk in prepared and m.pk not in errors]
        sync_state.confirm(confirmed, clock.now())
        return errors

    def _one_by_one(self, messages: list) -> dict:
        errors = {}
        for message in messages:
            try:
                self.deliver(message)
            except DeliveryError as exc:
                errors[message.pk] = exc
        return errors

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
