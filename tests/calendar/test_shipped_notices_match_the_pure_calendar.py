"""Migration 0002 loads the same notices the pure calendar reads from the data files."""

from datetime import date

import pytest

from motcua.calendar import selectors
from motcua.calendar.models import Notice

pytestmark = pytest.mark.django_db


def test_both_notices_are_in_the_database():
    assert set(Notice.objects.values_list("number", flat=True)) >= {"6150/TB-BLĐTBXH", "9441/TB-BNV"}
    assert Notice.objects.get(number="9441/TB-BNV").issued_on == date(2025, 10, 16)


def test_database_calendar_agrees_with_the_shipped_files(official):
    from_db = selectors.work_calendar()
    for year in (2025, 2026):
        db_days = {(s.day, s.kind, s.source) for s in from_db.special_days_in(year)}
        file_days = {(s.day, s.kind, s.source) for s in official.special_days_in(year)}
        assert db_days == file_days
