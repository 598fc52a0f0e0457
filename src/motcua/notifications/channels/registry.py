"""The port for notification channels: a small registry of plugins (as `integrations.registry` is
for the outbox's partners).

A channel plugin is an object with
  - `name` ("email", "sms", "zalo") and `address_kind` ("email" or "phone"): what it sends to;
  - `send(message: Notification) -> str`: deliver one message, returning the partner's message id
    ("" when it gives none); raise `ChannelError(code, detail, permanent=...)` on failure. The
    dispatcher decides by `code`/`permanent` only (retry with backoff, dead after N, or dead at once
    when permanent) and never reads `detail`, which is for people;
  - optionally `close()`.

A plugin *factory* is registered under the channel's name with `register(name, factory)`; it reads
its options from settings, validates them (pydantic: a bad URL is an error at start, not at the
first message) and returns the plugin, or None when the channel is not configured (disabled).
MOTCUA_NOTIFY_CHANNELS lists the channels in use at all. `enabled()` builds them once per process.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from django.conf import settings

from motcua.integrations.registry import DeliveryError


class ChannelError(DeliveryError):
    """A send failed. `code` is machine-readable ("sms:http_503", "zalo:error:-124", "email:smtp");
    `permanent` says retrying cannot help (an invalid number, no approved template): dead at once."""

    def __init__(self, code: str, detail: str = "", *, permanent: bool = False):
        super().__init__(code, detail)
        self.permanent = permanent


class ChannelPlugin(Protocol):
    name: str
    address_kind: str

    def send(self, message: Any) -> str: ...


_FACTORIES: dict[str, Callable[[], ChannelPlugin | None]] = {}
_enabled: dict[str, ChannelPlugin] | None = None


def register(name: str, factory: Callable[[], ChannelPlugin | None]) -> None:
    """Register the factory of channel `name` (from NotificationsConfig.ready)."""
    _FACTORIES[name] = factory


def wanted() -> list[str]:
    """The channels MOTCUA_NOTIFY_CHANNELS turns on (comma-separated; empty: none)."""
    return [c.strip() for c in str(settings.MOTCUA_NOTIFY_CHANNELS or "").split(",") if c.strip()]


def enabled() -> dict[str, ChannelPlugin]:
    """name → plugin for every wanted channel whose factory returned a plugin (built on first use)."""
    global _enabled
    if _enabled is None:
        built = {}
        for name in wanted():
            factory = _FACTORIES.get(name)
            plugin = factory() if factory else None
            if plugin is not None:
                built[name] = plugin
        _enabled = built
    return _enabled


def problems() -> list[str]:
    """What is wrong with the wanted channels' options ([] when they build): the system check
    `notifications.E001` runs this, so `manage.py check`, `migrate`, `runserver` and the worker refuse
    to start with a bad URL instead of failing at the first message."""
    out = []
    for name in wanted():
        factory = _FACTORIES.get(name)
        if factory is None:
            out.append(f"{name}: unknown channel")
            continue
        try:
            plugin = factory()
        except Exception as exc:  # pydantic.ValidationError, ValueError
            out.append(f"{name}: {exc}")
        else:
            close = getattr(plugin, "close", None)
            if close:
                close()
    return out


def reset() -> None:
    """Forget the built plugins (after settings change: tests, the demo supervisor)."""
    global _enabled
    for plugin in (_enabled or {}).values():
        close = getattr(plugin, "close", None)
        if close:
            close()
    _enabled = None


def phone_e164_vn(phone: str) -> str:
    """A Vietnamese phone number as gateways want it: digits, country code 84 (0912… → 84912…)."""
    digits = "".join(ch for ch in str(phone) if ch.isdigit())
    if digits.startswith("0"):
        return "84" + digits[1:]
    return digits
