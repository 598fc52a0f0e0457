"""GET /api/v1/calendar/due-date through real HTTP requests and responses."""

from datetime import time

import pytest

from motcua.calendar.models import OfficeHours, OfficePeriod
from tests.factories.organizations import AgencyFactory

pytestmark = pytest.mark.django_db
URL = "/api/v1/calendar/due-date"


def test_due_date_before_the_2025_swap(client):
    response = client.get(URL, {"start": "2025-04-25T16:00:00+07:00", "duration": "3d"})
    assert response.status_code == 200
    body = response.json()
    assert body["due"] == "2025-04-29T16:00:00+07:00"
    assert body["start"] == "2025-04-25T16:00:00+07:00"
    assert body["duration"] == "3d"
    assert body["working_hours"] == 24
    assert body["agency"] is None
    assert body["provisional"] is False


def test_utc_start_comes_back_in_vietnamese_time(client):
    body = client.get(URL, {"start": "2026-02-13T09:30:00Z", "duration": "0d"}).json()
    # 16:30 in Hà Nội on the Friday before Tết: after 15:00, due at the close of Mon 23 Feb.
    assert body["start"] == "2026-02-13T16:30:00+07:00"
    assert body["due"] == "2026-02-23T17:00:00+07:00"
    assert body["same_day"] is True


def test_unencoded_plus_in_the_query_string_still_works(client):
    response = client.get(f"{URL}?start=2026-03-10T08:00:00+07:00&duration=4h")
    assert response.status_code == 200
    assert response.json()["due"] == "2026-03-10T12:00:00+07:00"


def test_agency_office_hours_are_used(client):
    desk = AgencyFactory()
    hours = OfficeHours.objects.create(agency=desk)
    for weekday in range(6):
        OfficePeriod.objects.create(office_hours=hours, weekday=weekday, start=time(8), end=time(12))
    for weekday in range(5):
        OfficePeriod.objects.create(office_hours=hours, weekday=weekday, start=time(13), end=time(17))
    body = client.get(
        URL, {"start": "2026-03-13T13:00:00+07:00", "duration": "1d", "agency": desk.identifier}
    ).json()
    assert body["due"] == "2026-03-14T12:00:00+07:00"
    assert body["agency"] == desk.identifier


def test_years_without_a_notice_are_flagged_provisional(client):
    body = client.get(URL, {"start": "2027-02-03T08:00:00+07:00", "duration": "5d"}).json()
    assert body["provisional"] is True
    assert body["provisional_days"][0]["source"].startswith("Bộ luật Lao động 2019")
