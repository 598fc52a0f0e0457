"""The port for partners the outbox relay delivers to: a small registry of plugins.

A plugin is an object with
  - `name` (str, e.g. "dvcqg"),
  - `handles(topic: str) -> bool`: whether it wants outbox records of that topic ("dossier.<action>"),
  - `deliver(message: OutboxMessage) -> None`: deliver one record, idempotently (the partner is keyed
    by dossier code + event seq); raise `DeliveryError(code, detail)` on failure. The relay decides by
    `code` only (retry with backoff, dead letter after N) and never reads `detail`, which is for people;
  - optionally `deliver_many(messages: list) -> dict[int, DeliveryError]`: a whole relay round (at
    most one record per dossier) at once, returning the failures by outbox id (batching).

A plugin *factory* is registered under a name with `register(name, factory)`; the factory reads its
options from settings, validates them, and returns the plugin, or None when the plugin is not
configured (disabled). `outbox_plugins()` returns the enabled ones, built once per process.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol


class DeliveryError(Exception):
    """A delivery failed. `code` is machine-readable ("dvcqg:http_503", "dvcqg:error_code:99",
    "dvcqg:timeout"); `detail` is free text for the operations page."""

    def __init__(self, code: str, detail: str = ""):
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.detail = detail


class OutboxPlugin(Protocol):
    name: str

    def handles(self, topic: str) -> bool: ...

    def deliver(self, message: Any) -> None: ...


_FACTORIES: dict[str, Callable[[], OutboxPlugin | None]] = {}
_enabled: list[OutboxPlugin] | None = None


def register(name: str, factory: Callable[[], OutboxPlugin | None]) -> None:
    """Register a plugin factory under `name` (called from an AppConfig.ready or module import)."""
    _FACTORIES[name] = factory


def outbox_plugins() -> list[OutboxPlugin]:
    """The enabled plugins (factories returning None are disabled), built on first use."""
    global _enabled
    if _enabled is None:
        _enabled = [p for p in (factory() for factory in _FACTORIES.values()) if p is not None]
    return _enabled


def reset() -> None:
    """Forget the built plugins (after settings change: tests, the demo supervisor)."""
    global _enabled
    for plugin in _enabled or []:
        close = getattr(plugin, "close", None)
        if close:
            close()
    _enabled = None
