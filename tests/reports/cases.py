"""Hand-built dossiers with known statistics, on the dossier world (tests/dossiers/world.py): a
procedure of 3 working days received at a service centre, decided by a department. The clock starts
on Monday 2 March 2026, 09:00 (Asia/Ho_Chi_Minh); received then, a dossier is due on Thursday 5 March
at 09:00. Each helper ends with the worker's projector having run (tests/projection.py): the
statistics count what it did."""

from motcua.dossiers.models import Dossier
from tests.dossiers.world import act, issued, receive, submit, vn
from tests.dossiers.world import to_result as _to_result
from tests.projection import projected


def at(clock, *args):
    clock.set(vn(*args))


@projected
def received_on(world, clock, *when, **params) -> Dossier:
    at(clock, *when)
    return receive(world, **params)


@projected
def processed(world, clock, dossier, *when, **issue) -> Dossier:
    at(clock, *when)
    dossier = act(dossier, "forward", world.officer)
    dossier = act(dossier, "approve", world.leader)
    return act(dossier, "issue_result", world.clerk, **(issue or issued("1/GXN")))


@projected
def supplement_round(world, clock, dossier, asked, answered=None) -> Dossier:
    at(clock, *asked)
    dossier = act(dossier, "request_supplement", world.officer, reason="Thiếu bản sao")
    if answered is not None:
        at(clock, *answered)
        dossier = act(dossier, "supplement", world.desk)
    return dossier


@projected
def online_received(world, clock, *when) -> Dossier:
    at(clock, *when)
    return receive(world, submit(world))


to_result = projected(_to_result)

__all__ = ["at", "online_received", "processed", "received_on", "supplement_round", "to_result"]
