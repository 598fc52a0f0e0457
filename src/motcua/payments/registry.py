"""The port for payment gateways: a small registry of plugins, as `integrations/registry.py` is for
the outbox partners.

A gateway plugin is an object with
  - `name` (str: "vnpay", "national") and `online_flag` ("2" through the province's gateway, "1" on the
    national payment platform: the DuocThanhToanTrucTuyen value a payment through it gives the dossier);
  - `start(attempt, *, return_url) -> str`: the URL (or form target) that sends the payer to the gateway;
  - `read_callback(params: Mapping[str, str]) -> Callback`: the gateway's message, its signature checked
    (`Callback.signature_ok`), its fields read (txn_ref, amount in đồng, success, codes);
  - `query(attempt) -> GatewayRecord | None`: the gateway's own record of an attempt (reconciliation);
    None when the gateway has none.

A factory registered with `register(name, factory)` reads its options from settings, validates them
(pydantic; a wrong option is an error at first use, not a silent failure) and returns the plugin, or
None when it is not configured. `gateway(name)` returns an enabled plugin (GatewayUnavailable otherwise),
`enabled()` all of them; built once per process, `reset()` after settings change.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol


@dataclass(frozen=True)
class Callback:
    """A gateway's message about one attempt, as read (nothing in it is trusted unless signature_ok)."""

    signature_ok: bool
    txn_ref: str
    amount: int | None  # đồng
    success: bool
    response_code: str = ""
    transaction_no: str = ""
    bank_code: str = ""
    raw: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class GatewayRecord:
    """What the gateway says of one attempt (reconciliation)."""

    txn_ref: str
    paid: bool
    amount: int | None
    transaction_no: str = ""
    status_code: str = ""


class GatewayUnavailable(Exception):
    """No such gateway, or it is not configured."""


class Gateway(Protocol):
    name: str
    online_flag: str

    def start(self, attempt: Any, *, return_url: str) -> str: ...

    def read_callback(self, params: Mapping[str, str]) -> Callback: ...

    def query(self, attempt: Any) -> GatewayRecord | None: ...


_FACTORIES: dict[str, Callable[[], Gateway | None]] = {}
_built: dict[str, Gateway] | None = None


def register(name: str, factory: Callable[[], Gateway | None]) -> None:
    _FACTORIES[name] = factory


def enabled() -> dict[str, Gateway]:
    """The configured gateways by name (factories returning None are left out), built on first use."""
    global _built
    if _built is None:
        built = {}
        for name, factory in _FACTORIES.items():
            plugin = factory()
            if plugin is not None:
                built[name] = plugin
        _built = built
    return _built


def gateway(name: str) -> Gateway:
    found = enabled().get(name)
    if found is None:
        raise GatewayUnavailable(name)
    return found


def default_gateway() -> Gateway:
    """The gateway citizens are sent to: VNPay when configured, else the national platform."""
    gateways = enabled()
    for name in ("vnpay", "national"):
        if name in gateways:
            return gateways[name]
    raise GatewayUnavailable("none")


def reset() -> None:
    global _built
    _built = None


def form_action_origins() -> list[str]:
    """The origins of the enabled gateways' payment pages: the pay button's form posts here and is
    redirected there, which the page's Content-Security-Policy `form-action` must allow."""
    origins = set()
    for plugin in enabled().values():
        options = getattr(plugin, "options", None)
        url = str(getattr(options, "pay_url", None) or getattr(options, "url", None) or "")
        if url.startswith(("https://", "http://")):
            origins.add("/".join(url.split("/", 3)[:3]))
    return sorted(origins)


def allow_gateway_forms(response):
    """Widen the response's CSP `form-action` to the gateways' origins (pages with a pay button)."""
    from django.conf import settings

    origins = form_action_origins()
    if origins:
        config = dict(settings.SECURE_CSP)
        config["form-action"] = [*config.get("form-action", []), *origins]
        response._csp_config = config
    return response
