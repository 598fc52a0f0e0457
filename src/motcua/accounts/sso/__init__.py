"""Single sign-on plugins: a small registry of identity providers (one generic OpenID Connect now).

A provider implements `base.Provider`; register it with `register()`. Views list only providers whose
`is_configured()` is true, so an unconfigured deployment shows no SSO button at all."""

from .base import Provider, SsoError

_registry: dict[str, Provider] = {}


def register(provider: Provider) -> Provider:
    _registry[provider.slug] = provider
    return provider


def get(slug: str) -> Provider | None:
    return _registry.get(slug)


def configured() -> list[Provider]:
    return [p for p in _registry.values() if p.is_configured()]


def load_builtin_providers() -> None:
    from .oidc import OidcProvider

    if "oidc" not in _registry:
        register(OidcProvider())


__all__ = ["Provider", "SsoError", "configured", "get", "load_builtin_providers", "register"]
