"""The lives that give every demo leader and supervisor real statistics for the current year
(issues 12 and 16): each decider (a commune, a staffed department, the city police) gets a few
dossiers received this year and finished, some on time and some late, in numbers that differ from
one decider to the next, so on-time rates differ across the dashboards. Service centres read the
dossiers they received (reports.selectors.Scope), so the city centre's leader sees the departments'.

Every life goes through the lifecycle (`demo/dossiers.py`'s `_Life`): "late" is what the calendar
engine says once the clock has passed the due instant. Deciders without a clerk (the city police,
the health department in the demo) finish by a leader's rejection (a result the desk returns), the
others by approval, the clerk's numbered result and its return.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from motcua.organizations.models import Role

ON_TIME = "stats_on_time"
LATE = "stats_late"
LIVES = frozenset({ON_TIME, LATE})
VN = ZoneInfo("Asia/Ho_Chi_Minh")


MOST = 9  # the most lives `counts` gives one decider


def counts(index: int) -> dict[str, int]:
    """How many finished lives the `index`-th decider gets: 2–6 on time, 0–3 late (varied)."""
    return {ON_TIME: 2 + (index * 3) % 5, LATE: index % 4}


def start(rng: random.Random, anchor: datetime, life: str, legal_days: float, days_back: int) -> datetime:
    """When the life begins: this year when the year is long enough (a late one needs its legal time
    and more), else within the last `days_back` days."""
    today = anchor.astimezone(VN).date()
    this_year = (today - today.replace(month=1, day=1)).days
    low = legal_days * (2.2 if life == LATE else 1.2) + 2
    high = min(days_back, this_year - 1)
    if high <= low + 1:
        high = min(days_back, low + 30)
    return anchor - timedelta(days=rng.uniform(low, max(low + 0.5, high)))


def live(x, life: str) -> None:
    """Receive, (late: wait past the due instant), process, finish and return one dossier."""
    from .dossiers import _working, _working_before

    rng = x.rng
    x.start(receive=True)
    if x.dossier.state != "received":
        return
    if life == LATE:
        due = x.dossier.due_at
        if due is None:
            return
        at = _working(x.cal, due + timedelta(hours=rng.uniform(2, 60)), rng)
        if at >= x.l.clock.anchor:
            at = _working_before(x.cal, x.l.clock.anchor)
        if at <= x.l.clock.at:
            return
        x.l.clock.at = at
    elif not x.wait(0.3, 3):
        return
    x.forward()
    if x.dossier.current_role != Role.LEADER or not x.wait(0.2, 2):
        return
    if x.route.has_clerk:
        x.approve()
        if not x.wait(0.2, 2):
            return
        x.issue()
    else:
        x.do("reject", x.staff(Role.LEADER), reason=x.reason("reject"))
    if x.wait(0.5, 8):
        channel = "electronic" if x.channel in ("online", "national_portal") else "desk"
        x.do("return_result", x.desk(), return_channel="post" if x.channel == "post" else channel)
