"""An address past the lookup limit is answered before any search runs: neither the answer nor its
timing may tell a right code + ID number from a wrong one (the probe measured a right guess answering
~4 ms faster while blocked), and its tries while blocked are not written."""

from motcua.core import clock
from motcua.portal.models import LookupAttempt
from motcua.portal.services import lookup_limited


def test_a_blocked_address_gets_no_search(db, settings):
    settings.MOTCUA_LOOKUP_MAX_MISSES_PER_CODE = 2
    searched = []

    def miss():
        searched.append("miss")
        return None

    def hit():
        searched.append("hit")
        return "HỒ SƠ"

    assert lookup_limited("10.0.0.1", hit) == ("HỒ SƠ", None)
    assert lookup_limited("10.0.0.1", miss) == (None, None)
    found, until = lookup_limited("10.0.0.1", miss)  # the miss that reaches the limit says so
    assert found is None and until is not None and until > clock.now()
    assert searched == ["hit", "miss", "miss"]

    assert lookup_limited("10.0.0.1", hit) == (None, until)  # right or wrong, no search runs
    assert lookup_limited("10.0.0.1", miss) == (None, until)
    assert searched == ["hit", "miss", "miss"]
    assert LookupAttempt.objects.filter(ip_address="10.0.0.1", found=False).count() == 2

    assert lookup_limited("10.0.0.2", hit) == ("HỒ SƠ", None)  # another address is not affected
