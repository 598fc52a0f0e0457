from datetime import UTC, date, datetime

from motcua.core import clock


def test_today_is_the_vietnamese_date_after_midnight_local():
    clock.set_now(lambda: datetime(2026, 11, 28, 17, 40, tzinfo=UTC))  # 00:40 on 29 Nov in Vietnam
    assert clock.today() == date(2026, 11, 29)
