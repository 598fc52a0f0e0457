"""After-action hooks: code outside the lifecycle that must write rows in the SAME transaction as a
dossier action (e.g. the notifications an action causes), without growing `lifecycle.py`.

`lifecycle._commit` calls `after_action(dossier, event)` once per action, after the event and the
outbox record are written and before the transaction commits: whatever a hook writes commits or rolls
back with the action. A hook must be quick (it runs under the dossier's row lock) and must not do
I/O with the outside world (delivery happens later, in the worker, after commit). An exception in a
hook rolls the action back, so hooks catch their own non-database errors.

    from motcua.dossiers import hooks
    hooks.register("notifications", on_action)   # in an AppConfig.ready()

`paused()` turns the hooks off for a block (the demo loader replays months of history with an
injected clock; nobody is to be notified of that).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

Hook = Callable[[object, object], None]  # (dossier: Dossier, event: DossierEvent) -> None

_HOOKS: dict[str, Hook] = {}
_paused: ContextVar[bool] = ContextVar("dossier_hooks_paused", default=False)


def register(name: str, hook: Hook) -> None:
    """Register (or replace) the hook called `name`; called once per action, in registration order."""
    _HOOKS[name] = hook


def after_action(dossier, event) -> None:
    """Run every registered hook for one committed-to-be action (inside its transaction)."""
    if _paused.get():
        return
    for hook in _HOOKS.values():
        hook(dossier, event)


@contextmanager
def paused() -> Iterator[None]:
    """No hook runs inside this block (in this thread / context)."""
    token = _paused.set(True)
    try:
        yield
    finally:
        _paused.reset(token)
