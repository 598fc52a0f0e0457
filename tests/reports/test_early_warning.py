"""Early warning: due soon while the remaining steps need more time, or stuck past a step's
allotment; the daily digest per leader."""

from io import StringIO

from django.core.management import call_command

from motcua.reports.selectors import Scope
from motcua.reports.warnings import at_risk
from tests.dossiers.world import act

from .cases import at, received_on


def _world(world, clock):
    stuck = received_on(world, clock, 2026, 3, 3, 10, 0)  # due Fri; still at the first step on Thursday
    squeezed = received_on(world, clock, 2026, 3, 3, 9, 0)  # due Fri 6 Mar 09:00
    at(clock, 2026, 3, 5, 14, 0)
    squeezed = act(squeezed, "forward", world.officer)  # the leader's 6 h and the clerk's 4 h remain
    relaxed = received_on(world, clock, 2026, 3, 5, 14, 0)  # due next Tuesday: nothing to fear
    at(clock, 2026, 3, 5, 14, 30)
    return stuck, squeezed, relaxed


def test_dossiers_at_risk(world, fixed_clock):
    stuck, squeezed, relaxed = _world(world, fixed_clock)
    rows = {r["code"]: r for r in at_risk(Scope(), hours=16)}
    assert set(rows) == {stuck.code, squeezed.code} and relaxed.code not in rows
    assert rows[stuck.code]["reason"] == "step_overdue"
    assert rows[squeezed.code]["reason"] == "due_soon"
    assert rows[squeezed.code]["hours_needed"] > rows[squeezed.code]["hours_left"]
    assert rows[squeezed.code]["unit"] == world.department.name
    assert at_risk(Scope(agency_ids=frozenset({world.other.pk}))) == []  # another department's scope


def test_daily_digest(world, fixed_clock, mailoutbox):
    stuck, squeezed, _ = _world(world, fixed_clock)
    world.leader.email = "lanhdao@example.vn"
    world.leader.save()
    out = StringIO()
    call_command("stats_digest", "--send", stdout=out)
    text = out.getvalue()
    assert stuck.code in text and squeezed.code in text and "1 thư" in text
    assert len(mailoutbox) == 1 and mailoutbox[0].to == ["lanhdao@example.vn"]
    assert "nguy cơ trễ hạn" in mailoutbox[0].subject
