"""Tests' helper: run the worker's outbox projector (jobs/projector.py, the real code) until nothing is
left, as the worker would between an action and the next look at the statistics or the message log."""

import functools

from motcua.jobs.projector import ProjectionRound, Projector


def project(**options) -> ProjectionRound:
    """Drain the outbox's unprojected records (statistics, notifications); returns the counts."""
    return Projector(**options).drain()


def projected(func):
    """`func` (a test helper acting on dossiers), then `project()`: its result as the worker leaves it."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        result = func(*args, **kwargs)
        project()
        return result

    return wrapper
