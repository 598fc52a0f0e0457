"""Bad input gets a clear 4xx problem document in Vietnamese and English, never a 500."""

import pytest

pytestmark = pytest.mark.django_db
URL = "/api/v1/calendar/due-date"


@pytest.mark.parametrize(
    ("params", "status", "code"),
    [
        ({"start": "yesterday", "duration": "3d"}, 400, "malformed_start"),
        ({"start": "2026-03-10T08:00:00", "duration": "3d"}, 400, "naive_datetime"),
        ({"start": "2026-03-10T08:00:00+07:00", "duration": "-3d"}, 400, "negative_duration"),
        ({"start": "2026-03-10T08:00:00+07:00", "duration": "three"}, 400, "malformed_duration"),
        ({"start": "2026-03-10T08:00:00+07:00", "duration": "99999d"}, 400, "duration_too_long"),
        (
            {"start": "2026-03-10T08:00:00+07:00", "duration": "3d", "agency": "000.00.00.H00"},
            404,
            "unknown_agency",
        ),
        ({"start": "1990-03-10T08:00:00+07:00", "duration": "3d"}, 422, "out_of_calendar_range"),
        ({"start": "9999-12-31T23:00:00-12:00", "duration": "3d"}, 422, "out_of_calendar_range"),
        ({"duration": "3d"}, 422, "invalid_input"),
    ],
)
def test_due_date_refusals(client, params, status, code):
    response = client.get(URL, params)
    assert response.status_code == status
    body = response.json()
    assert body["code"] == code
    assert body["detail"] and body["detail_en"]


@pytest.mark.parametrize(
    ("params", "status", "code"),
    [
        ({"year": "1800"}, 422, "year_out_of_range"),
        ({"year": "99999"}, 422, "year_out_of_range"),
        ({"year": "abc"}, 422, "invalid_input"),
        ({"year": "2026", "agency": "x"}, 404, "unknown_agency"),
    ],
)
def test_working_days_refusals(client, params, status, code):
    response = client.get("/api/v1/calendar/working-days", params)
    assert response.status_code == status
    assert response.json()["code"] == code
