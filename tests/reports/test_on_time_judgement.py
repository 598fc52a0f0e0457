"""The progress indicator's judgement (DOMAIN.md §8) on dossiers with known answers."""

from motcua.dossiers.models import Dossier
from motcua.reports import index766
from motcua.reports.models import DossierStat
from motcua.reports.rollups import refresh
from motcua.reports.selectors import Period, Scope
from tests.dossiers.world import act, vn
from tests.projection import project

from .cases import at, processed, received_on, supplement_round

MARCH = Period.parse("2026-03-01", "2026-03-31")


def _judgement(dossier):
    return DossierStat.objects.get(dossier=dossier).judgement


def _on_time(period=MARCH):
    row = next(r for r in index766.compute(period, Scope())["indicators"] if r["code"] == "ON_TIME")
    return row["numerator"], row["denominator"], row["points"]


def test_on_time_without_pauses(world, fixed_clock):
    d = received_on(world, fixed_clock, 2026, 3, 2, 9, 0)
    assert d.due_at == vn(2026, 3, 5, 9, 0)
    d = processed(world, fixed_clock, d, 2026, 3, 5, 8, 30)
    assert _judgement(d) == "on_time"
    late = received_on(world, fixed_clock, 2026, 3, 5, 8, 45)  # due Tue 10 Mar 08:45
    late = processed(world, fixed_clock, late, 2026, 3, 10, 9, 0)
    assert _judgement(late) == "late"
    early = received_on(world, fixed_clock, 2026, 3, 10, 9, 30)
    early = processed(world, fixed_clock, early, 2026, 3, 11, 10, 0)
    assert _judgement(early) == "early"
    at(fixed_clock, 2026, 4, 15, 10, 0)
    assert _on_time() == (2, 3, round(20 * 2 / 3, 2))


def test_supplement_time_is_not_counted(world, fixed_clock):
    d = received_on(world, fixed_clock, 2026, 3, 2, 9, 0)
    # asked the same morning, supplied a week later: five working days paused
    d = supplement_round(world, fixed_clock, d, (2026, 3, 2, 10, 0), (2026, 3, 9, 10, 0))
    d = processed(
        world, fixed_clock, d, 2026, 3, 11, 16, 0
    )  # after the first due date, within the pushed one
    assert Dossier.objects.get(pk=d.pk).original_due_at > vn(2026, 3, 11, 16, 0) > d.due_at.replace(day=5)
    assert _judgement(d) in ("early", "on_time")


def test_two_supplement_requests_make_it_late(world, fixed_clock):
    d = received_on(world, fixed_clock, 2026, 3, 2, 9, 0)
    d = supplement_round(world, fixed_clock, d, (2026, 3, 2, 9, 30), (2026, 3, 2, 10, 0))
    d = supplement_round(world, fixed_clock, d, (2026, 3, 2, 10, 30), (2026, 3, 2, 11, 0))
    d = processed(world, fixed_clock, d, 2026, 3, 2, 15, 0)  # done the same day, still late
    assert _judgement(d) == "late"


def test_still_waiting_for_a_supplement_ends_at_the_request(world, fixed_clock):
    asked_in_time = received_on(world, fixed_clock, 2026, 3, 2, 9, 0)
    supplement_round(world, fixed_clock, asked_in_time, (2026, 3, 4, 9, 0))  # before the due Thursday
    asked_late = received_on(world, fixed_clock, 2026, 3, 2, 9, 5)
    supplement_round(world, fixed_clock, asked_late, (2026, 3, 6, 9, 0))  # after it
    at(fixed_clock, 2026, 4, 20, 9, 0)  # weeks later, still waiting
    assert _on_time() == (1, 2, 10.0)


def test_withdrawn_refused_and_stopped(world, fixed_clock):
    withdrawn = received_on(world, fixed_clock, 2026, 3, 2, 9, 0)
    at(fixed_clock, 2026, 3, 3, 9, 0)
    act(withdrawn, "withdraw", world.desk, reason="Không còn nhu cầu")
    refused = received_on(world, fixed_clock, 2026, 3, 3, 9, 30)
    at(fixed_clock, 2026, 3, 3, 10, 0)
    act(refused, "refuse", world.desk, reason="Không thuộc thẩm quyền")
    stopped = received_on(world, fixed_clock, 2026, 3, 3, 11, 0)  # due Fri 6 Mar 11:00
    at(fixed_clock, 2026, 3, 9, 9, 0)
    act(stopped, "stop", world.leader, reason="Có tranh chấp")
    project()
    assert [_judgement(d) for d in (withdrawn, refused, stopped)] == ["early", "early", "late"]
    stats = {s.dossier_id: s.end_kind for s in DossierStat.objects.all()}
    assert stats == {withdrawn.pk: "withdrawn", refused.pk: "refused", stopped.pk: "stopped"}
    at(fixed_clock, 2026, 4, 1, 9, 0)
    assert _on_time() == (2, 3, round(20 * 2 / 3, 2))


def test_withdrawn_while_waiting_ends_at_the_request(world, fixed_clock):
    d = received_on(world, fixed_clock, 2026, 3, 2, 9, 0)
    supplement_round(world, fixed_clock, d, (2026, 3, 3, 9, 0))
    at(fixed_clock, 2026, 3, 20, 9, 0)  # long after the due date, withdrawn while still waiting
    act(d, "withdraw", world.desk, reason="Không bổ sung được")
    project()
    assert _judgement(d) == "early"  # the request (Tuesday) was before the due day (Thursday)


def test_no_due_date_uses_the_legal_time(world, fixed_clock):
    """A dossier without an appointment (as an importer may leave it) is judged by its legal time."""
    fast = received_on(world, fixed_clock, 2026, 3, 2, 9, 0)
    slow = received_on(world, fixed_clock, 2026, 3, 2, 9, 0)
    Dossier.objects.filter(pk__in=[fast.pk, slow.pk]).update(due_at=None, original_due_at=None)
    processed(world, fixed_clock, fast, 2026, 3, 4, 9, 0)
    processed(world, fixed_clock, slow, 2026, 3, 6, 9, 0)
    refresh([fast.pk, slow.pk])
    assert DossierStat.objects.get(dossier=fast).due_at == vn(2026, 3, 5, 9, 0)
    assert (_judgement(fast), _judgement(slow)) == ("early", "late")


def test_unfinished_at_the_end_of_the_period_is_judged_then(world, fixed_clock):
    not_yet_due = received_on(world, fixed_clock, 2026, 3, 30, 9, 0)  # due Thu 2 Apr
    overdue = received_on(world, fixed_clock, 2026, 3, 20, 9, 0)  # due Wed 25 Mar
    processed(world, fixed_clock, not_yet_due, 2026, 4, 10, 9, 0)
    processed(world, fixed_clock, overdue, 2026, 4, 10, 9, 5)
    at(fixed_clock, 2026, 5, 4, 9, 0)
    assert _on_time(MARCH) == (1, 2, 10.0)  # at 31 March one was not yet due, one was overdue
    assert _on_time(Period.parse("2026-03-01", "2026-04-30")) == (0, 2, 0.0)  # both finished late
    open_one = received_on(world, fixed_clock, 2026, 5, 4, 9, 30)
    at(fixed_clock, 2026, 5, 4, 10, 0)
    assert _on_time(Period.parse("2026-05-01", "2026-05-31")) == (1, 1, 20.0)  # not due yet: on time
    at(fixed_clock, 2026, 5, 20, 9, 0)
    assert _on_time(Period.parse("2026-05-01", "2026-05-31")) == (0, 1, 0.0)  # now overdue
    assert open_one.state == "received"
