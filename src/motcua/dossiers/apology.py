"""The extension an apology requests (form 04 under Circular 03/2025/TT-VPCP is an apology *and a
request to extend* the processing time, DOMAIN §3): measured by the calendar engine between the due
date in force and the new one, recorded on the `apologize` event and printed on form 04."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from motcua.calendar.worktime import WorkCalendar


def requested_extension(cal: WorkCalendar, old_due: datetime | None, new_due: datetime) -> dict:
    """`{"working_hours": float, "working_days": float, "text": "02 ngày làm việc"}` between the due
    date in force and the new one (working time of `cal`); text "" without an old due date."""
    if old_due is None:
        return {"working_hours": None, "working_days": None, "text": ""}
    seconds = max(0, cal.elapsed(old_due, new_due))
    hours = Decimal(seconds) / 3600
    days = hours / (Decimal(cal.seconds_per_day) / 3600)
    if days == days.to_integral_value():
        text = f"{int(days):02d} ngày làm việc"
    elif (days * 2) == (days * 2).to_integral_value() and days > 1:
        text = f"{days.normalize():f}".replace(".", ",") + " ngày làm việc"
    else:
        text = f"{hours.quantize(Decimal('0.1')).normalize():f}".replace(".", ",") + " giờ làm việc"
    return {"working_hours": float(hours), "working_days": float(days), "text": text}
