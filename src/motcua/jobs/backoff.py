"""Exponential backoff with jitter, shared by every retrying loop (the outbox relay, notifications)."""

from __future__ import annotations

import random
from collections.abc import Callable


def backoff_seconds(
    attempts: int, *, base: float, cap: float, rand: Callable[[], float] = random.random
) -> float:
    """Seconds to wait after the `attempts`-th failure (1, 2, …): "equal jitter" exponential backoff,
    half of base·2^(attempts−1) (capped at `cap`) fixed, the other half random, so retries after an
    outage spread out instead of arriving together. `rand` returns a float in [0, 1)."""
    ceiling = min(cap, base * (2 ** max(attempts - 1, 0)))
    return ceiling / 2 + rand() * ceiling / 2
