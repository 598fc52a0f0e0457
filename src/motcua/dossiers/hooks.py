"""After-action hooks: code outside the lifecycle that must write rows in the SAME transaction as a
dossier action, without growing `lifecycle.py` — the notifications an action causes
(`motcua.notifications`), the statistics rollups (`motcua.reports`).

`lifecycle._commit` calls `after_action(dossier, event)` once per action, after the event and the
outbox record are written and before the transaction commits: whatever a hook writes commits or rolls
back with the action. A change that is not a lifecycle action but moves derived data (the applicant's
satisfaction rating) calls `dossier_changed(dossier)`: hooks then get `event=None`. A hook must be
quick (it runs under the dossier's row lock) and must not do I/O with the outside world (delivery
happens later, in the worker, after commit). An exception in a hook rolls the action back, so hooks
catch their own non-database errors.

    from motcua.dossiers import hooks
    hooks.register("notifications", on_action)   # in an AppConfig.ready()

`paused("notifications")` turns named hooks off for a block (`paused()`: all of them): the demo loader
replays months of history with an injected clock, and nobody is to be notified of that, while the
statistics must still count it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

Hook = Callable[[object, object], None]  # (dossier: Dossier, event: DossierEvent | None) -> None

_HOOKS: dict[str, Hook] = {}
_ALL = "*"
_paused: ContextVar[frozenset[str]] = ContextVar("dossier_hooks_paused", default=frozenset())


def register(name: str, hook: Hook) -> None:
    """Register (or replace) the hook called `name`; called once per action, in registration order."""
    _HOOKS[name] = hook


def _run(dossier, event) -> None:
    paused_names = _paused.get()
    if _ALL in paused_names:
        return
    for name, hook in _HOOKS.items():
        if name not in paused_names:
            hook(dossier, event)


def after_action(dossier, event) -> None:
    """Run every registered hook for one committed-to-be action (inside its transaction)."""
    _run(dossier, event)


def dossier_changed(dossier, event=None) -> None:
    """A change of the dossier that is not a lifecycle action (e.g. a rating): hooks get `event`
    (None), inside the caller's transaction."""
    _run(dossier, event)


@contextmanager
def paused(*names: str) -> Iterator[None]:
    """The named hooks (all of them when none is named) do not run inside this block (in this thread /
    context)."""
    token = _paused.set(_paused.get() | frozenset(names or (_ALL,)))
    try:
        yield
    finally:
        _paused.reset(token)
