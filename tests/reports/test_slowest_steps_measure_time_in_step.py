"""The slowest steps measure the working time spent in each step (pauses excluded) against the step's
allotment from the process definition, kept by the worker's outbox projector and equal after a
rebuild."""

from motcua.reports.dashboard import slowest_steps
from motcua.reports.models import StepRollup
from motcua.reports.rollups import rebuild
from motcua.reports.selectors import Period, Scope
from motcua.workflow.models import Step
from tests.dossiers.world import act
from tests.projection import project

from .cases import at, received_on

MARCH = Period.month(2026, 3)


def _allotment(key: str) -> float:
    return float(Step.objects.filter(key=key).values_list("allotment_hours", flat=True).first())


def _rows():
    return sorted(
        StepRollup.objects.values_list(
            "agency_id", "step", "day", "left", "spent_seconds", "allotted_seconds"
        )
    )


def test_time_in_step_against_its_allotment(world, fixed_clock):
    slow = received_on(world, fixed_clock, 2026, 3, 2, 9, 0)  # Monday 09:00
    at(fixed_clock, 2026, 3, 4, 9, 0)  # two working days later
    slow = act(slow, "forward", world.officer)
    at(fixed_clock, 2026, 3, 4, 10, 0)
    act(slow, "approve", world.leader)  # an hour at the leader

    paused = received_on(world, fixed_clock, 2026, 3, 2, 9, 0)
    at(fixed_clock, 2026, 3, 2, 10, 0)
    paused = act(paused, "request_supplement", world.officer, reason="Thiếu bản sao")
    at(fixed_clock, 2026, 3, 3, 10, 0)  # a working day paused: not time in the step
    paused = act(paused, "supplement", world.desk)
    at(fixed_clock, 2026, 3, 3, 11, 0)
    act(paused, "forward", world.officer)
    project()

    rows = {r["step"]: r for r in slowest_steps(MARCH, Scope())}
    processing = rows["thu-ly"]
    assert processing["left"] == 2
    assert processing["avg_hours"] == (16 + 2) / 2  # 16 working hours, and 1 + 1 around the pause
    assert processing["allotment_hours"] == _allotment("thu-ly") == 14
    assert processing["over_hours"] == -5.0 and processing["late"] == 1
    leader = rows[next(k for k in rows if k != "thu-ly")]
    assert (
        leader["left"] == 1
        and leader["avg_hours"] == 1
        and leader["allotment_hours"] == _allotment(leader["step"])
    )
    assert list(rows) == ["thu-ly", leader["step"]]  # ordered by how far the average exceeds the allotment

    kept = _rows()
    rebuild()
    assert _rows() == kept


def test_the_step_exceeding_its_allotment_most_comes_first(world, fixed_clock):
    dossier = received_on(world, fixed_clock, 2026, 3, 2, 9, 0)
    at(fixed_clock, 2026, 3, 2, 10, 0)
    dossier = act(dossier, "forward", world.officer)  # 1 h of 14
    at(fixed_clock, 2026, 3, 4, 10, 0)
    act(dossier, "approve", world.leader)  # 16 h of 6: the slow one
    project()
    steps = slowest_steps(MARCH, Scope())
    assert steps[0]["step"] != "thu-ly" and steps[0]["over_hours"] == 16 - _allotment(steps[0]["step"])
    assert steps[0]["over_rate"] == round(16 / _allotment(steps[0]["step"]), 2)
