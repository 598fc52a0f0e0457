"""The summary counts a refusal at the desk of an online submission that was never received among the
refused, and says how many such endings there were (`ended_before_receipt`): a reader can reconcile
received = processed + in progress + withdrawn + stopped + refused − ended before receipt."""

from motcua.reports import selectors as sel
from motcua.reports import summary as summary_mod
from tests.dossiers.world import act, submit
from tests.projection import project
from tests.reports.cases import at, received_on


def test_a_refusal_before_receipt_is_told_apart(world, fixed_clock):
    after_receipt = received_on(world, fixed_clock, 2026, 3, 2, 9, 0)
    at(fixed_clock, 2026, 3, 2, 10, 0)
    act(after_receipt, "refuse", world.desk, reason="Không thuộc thẩm quyền")
    online = submit(world)
    act(online, "refuse", world.desk, reason="Không đủ điều kiện")  # never received
    still_open = received_on(world, fixed_clock, 2026, 3, 2, 11, 0)
    project()
    at(fixed_clock, 2026, 3, 31, 9, 0)
    s = summary_mod.summary(sel.Period.month(2026, 3), sel.Scope())
    assert s["refused"] == 2 and s["ended_before_receipt"] == 1
    assert s["received"]["new"] == 2 and s["in_progress"]["total"] == 1
    reconciled = (
        s["processed"]["total"]
        + s["in_progress"]["total"]
        + s["withdrawn"]
        + s["stopped"]
        + s["refused"]
        - s["ended_before_receipt"]
    )
    assert reconciled == s["received"]["total"]
    assert still_open.state == "received"
