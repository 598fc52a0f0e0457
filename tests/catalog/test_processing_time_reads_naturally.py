from decimal import Decimal

import pytest

from motcua.catalog.models import ProcessingTime, TimeUnit


@pytest.mark.parametrize(
    ("value", "unit", "text"),
    [
        (Decimal("8.0"), TimeUnit.WORKING_HOUR, "8 giờ làm việc"),
        (Decimal("0.5"), TimeUnit.WORKING_DAY, "0,5 ngày làm việc"),
        (Decimal("10"), TimeUnit.WORKING_DAY, "10 ngày làm việc"),
        (Decimal("20.0"), TimeUnit.WORKING_DAY, "20 ngày làm việc"),
    ],
)
def test_processing_time_text(value, unit, text):
    assert str(ProcessingTime(value=value, unit=unit)) == text
