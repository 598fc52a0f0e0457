"""Listeners called inside the lifecycle's transaction, after an action's event is written.

Other apps keep derived data current with a dossier's life without the lifecycle knowing them: the
statistics rollups (`motcua.reports`) register here in their `AppConfig.ready`. A listener runs in the
same transaction as the action: if it raises, the action is rolled back (nothing is lost, nothing is
counted twice), so listeners must be cheap and must not fail on good data.

Shape: `listener(dossier: Dossier, event: DossierEvent | None) -> None`; `event` is None when the
change is not a lifecycle action (e.g. the applicant's satisfaction rating).
"""

from __future__ import annotations

from collections.abc import Callable

_listeners: list[Callable] = []


def register(listener: Callable) -> None:
    """Add a listener (idempotent: the same function is registered once)."""
    if listener not in _listeners:
        _listeners.append(listener)


def dossier_changed(dossier, event=None) -> None:
    """Tell every listener that `dossier` changed (called by `lifecycle._commit` after the event)."""
    for listener in _listeners:
        listener(dossier, event)
