"""Issue 16 (and 12): every demo leader, supervisor and administrator the README and the banner list
logs in and finds real statistics on their dashboard for the current year: dossiers received and at
least one other measure not zero; across them the on-time rates differ, some dossiers are late and
some overdue. (Early in January the year holds too few days: the last twelve months are read.)"""

from datetime import timedelta

import pytest

from motcua.core import clock
from motcua.demo.staff import DEMO_PASSWORD, STAFF
from motcua.reports.access import STATS_ROLES
from motcua.reports.facts import VN

from .test_every_demo_account_has_work import demo, listed_accounts  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db


def _query() -> str:
    today = clock.now().astimezone(VN).date()
    if (today - today.replace(month=1, day=1)).days >= 45:
        return ""  # the dashboard's own period: the year to date
    return f"?from={today - timedelta(days=365)}&to={today}"


def test_every_listed_leader_and_supervisor_sees_non_zero_statistics(demo, client):  # noqa: F811
    readers = {s.username for s in STAFF if s.role in STATS_ROLES} & listed_accounts()
    assert {"lanhdao.ttpvhcc", "lanhdao.sotuphap", "lanhdao.vinhbao", "giamsat.tinh"} <= readers
    seen = {}
    for username in sorted(readers):
        assert client.login(username=username, password=DEMO_PASSWORD), username
        page = client.get("/can-bo/thong-ke/" + _query())
        assert page.status_code == 200, username
        c = page.context
        on_time = c["on_time"]
        others = {
            "on_time": on_time["numerator"],
            "in_progress": c["in_progress"]["total"],
            "overdue": c["overdue_count"],
            "steps": sum(s["left"] for s in c["slowest_steps"]),
        }
        assert on_time["denominator"] > 0 and any(others.values()), (username, on_time, others)
        seen[username] = (on_time["rate"], on_time["denominator"] - on_time["numerator"], others["overdue"])
        client.logout()
    rates = {rate for rate, _late, _overdue in seen.values()}
    assert len(rates) >= len(seen) // 3, seen  # varied, not one number for all
    assert sum(1 for _rate, late, _o in seen.values() if late) >= len(seen) // 2, seen
    assert sum(1 for _rate, _late, overdue in seen.values() if overdue) >= len(seen) // 2, seen
