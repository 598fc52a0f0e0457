"""`dossier_<action>` service functions (the house's naming), each a thin door into the lifecycle.

`dossier_receive(dossier, actor, expected_version, **params)` is `lifecycle.perform(dossier, "receive",
actor, expected_version, **params)`; creating actions take `None` as the dossier. All logic lives in
`lifecycle.py`, so the admin, the back office, the CLI and the API share one implementation.
"""

from collections.abc import Callable

from .lifecycle import ACTIONS, perform


def _service(action: str) -> Callable:
    def service(dossier, actor, expected_version=None, **params):
        return perform(dossier, action, actor, expected_version, **params)

    service.__name__ = service.__qualname__ = f"dossier_{action}"
    service.__doc__ = f"Lifecycle action «{action}» (see lifecycle.ACTIONS)."
    return service


for _name in ACTIONS:
    globals()[f"dossier_{_name}"] = _service(_name)

__all__ = [f"dossier_{name}" for name in ACTIONS]
