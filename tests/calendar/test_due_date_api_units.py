"""GET /api/v1/calendar/due-date takes every unit (and the CLI too)."""

import pytest

from motcua.cli import main

pytestmark = pytest.mark.django_db
URL = "/api/v1/calendar/due-date"


def test_calendar_days(client):
    response = client.get(
        URL, {"start": "2026-03-02T10:00:00+07:00", "duration": "15", "unit": "calendar_day"}
    )
    assert response.status_code == 200
    body = response.json()
    assert body["due"] == "2026-03-17T17:00:00+07:00"
    assert body["unit"] == "calendar_day"
    assert body["duration"] == "15"


def test_same_day_with_cutoff(client):
    params = {"start": "2026-03-09T15:00:01+07:00", "unit": "same_day", "cutoff": "15:00"}
    body = client.get(URL, params).json()
    assert body["due"] == "2026-03-10T17:00:00+07:00"
    assert body["same_day"] is True
    assert body["cutoff"] == "15:00"


def test_half_days(client):
    body = client.get(URL, {"start": "2026-03-10T10:00:00+07:00", "duration": "1", "unit": "half_day"}).json()
    assert body["due"] == "2026-03-10T15:00:00+07:00"


def test_short_forms_keep_working(client):
    body = client.get(URL, {"start": "2026-03-10T10:00:00+07:00", "duration": "4h"}).json()
    assert body["due"] == "2026-03-10T15:00:00+07:00"
    assert body["duration"] == "4h"


def test_unknown_unit_is_a_bilingual_400(client):
    response = client.get(URL, {"start": "2026-03-10T10:00:00+07:00", "duration": "3", "unit": "weeks"})
    assert response.status_code == 400
    assert "unknown_unit" in response.content.decode()


def test_cli_takes_units(capsys):
    assert main(["due-date", "2026-03-02T10:00+07:00", "12", "--unit", "calendar_day"]) == 0
    assert capsys.readouterr().out.startswith("2026-03-16T17:00:00+07:00")
    assert main(["due-date", "2026-03-09T14:59:59+07:00", "--unit", "same_day", "--cutoff", "15:00"]) == 0
    assert capsys.readouterr().out.startswith("2026-03-09T17:00:00+07:00")
