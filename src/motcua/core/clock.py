"""The injectable clock: domain code asks `clock.now()` so tests can fix time."""

from collections.abc import Callable
from datetime import datetime

from django.utils import timezone

_now: Callable[[], datetime] = timezone.now


def now() -> datetime:
    return _now()


def set_now(func: Callable[[], datetime] | None) -> None:
    """Replace the clock (tests, simulations); None restores the real one."""
    global _now
    _now = func or timezone.now


def today():
    """Today's date in Vietnam (Asia/Ho_Chi_Minh), not UTC's: between 00:00 and 07:00 local they differ."""
    return timezone.localdate(now())
