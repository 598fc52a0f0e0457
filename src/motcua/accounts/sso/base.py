"""The contract every single-sign-on provider fulfils."""

from typing import Protocol

from motcua.accounts.services import SsoClaims


class SsoError(Exception):
    """The sign-in could not be completed; the message is shown to the person (VN / EN)."""


class Provider(Protocol):
    slug: str

    @property
    def label(self) -> str: ...

    def is_configured(self) -> bool: ...

    def begin(self, request, *, redirect_uri: str) -> str:
        """Remember what the callback must check (in the session) and return the URL to send the user to."""

    def complete(self, request, *, redirect_uri: str) -> SsoClaims:
        """Check the provider's answer on the callback and return validated claims, or raise SsoError."""
