"""Whether this deployment is a demo: the one rule every demo front door asks (the `/demo/` page, the
`load_demo` command, the login backend). Production mode (`MOTCUA_PRODUCTION=1`) is never a demo,
whatever `MOTCUA_DEMO` says: the demo accounts' shared password is printed in the README, the banner
and `/demo/`, so it must not open anything on a real deployment (docs/operations.md)."""

from __future__ import annotations

from django.conf import settings

from .staff import DEMO_PASSWORD


def demo_enabled() -> bool:
    """True when `MOTCUA_DEMO` is on and the site is not in production mode."""
    return bool(getattr(settings, "MOTCUA_DEMO", False)) and not getattr(settings, "PRODUCTION", False)


def password_refused(password: str) -> bool:
    """True when `password` is the demo's published password and the site is in production mode: such a
    login fails (as a wrong password does) even if an account still holds it, e.g. a database loaded
    with the demo then promoted. A plain comparison, no hashing."""
    return bool(getattr(settings, "PRODUCTION", False)) and password == DEMO_PASSWORD
