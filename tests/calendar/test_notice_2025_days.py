"""The 2025 notice 6150/TB-BLĐTBXH as DOMAIN.md §6 describes it."""

from datetime import date

from .conftest import off_days


def test_tet_2025_off_from_saturday_25_january_to_sunday_2_february(official):
    assert off_days(official, date(2025, 1, 23), date(2025, 2, 4)) == [
        date(2025, 1, d) for d in range(25, 32)
    ] + [date(2025, 2, 1), date(2025, 2, 2)]
    assert official.is_working_day(date(2025, 1, 24))
    assert official.is_working_day(date(2025, 2, 3))  # no stray substitute after the block


def test_saturday_26_april_worked_and_friday_2_may_off(official):
    assert official.is_working_day(date(2025, 4, 26))
    assert date(2025, 4, 26).weekday() == 5
    assert off_days(official, date(2025, 4, 26), date(2025, 5, 5)) == [
        date(2025, 4, 27),
        date(2025, 4, 30),
        date(2025, 5, 1),
        date(2025, 5, 2),
        date(2025, 5, 3),
        date(2025, 5, 4),
    ]


def test_national_day_2025_off_30_august_to_2_september(official):
    assert off_days(official, date(2025, 8, 29), date(2025, 9, 3)) == [
        date(2025, 8, 30),
        date(2025, 8, 31),
        date(2025, 9, 1),
        date(2025, 9, 2),
    ]


def test_hung_kings_2025_monday_7_april(official):
    assert not official.is_working_day(date(2025, 4, 7))


def test_every_day_off_names_its_source(official):
    sources = {s.day: s.source for s in official.special_days_in(2025)}
    assert sources[date(2025, 5, 2)] == "Thông báo số 6150/TB-BLĐTBXH"
    assert sources[date(2025, 1, 1)].startswith("Bộ luật Lao động 2019, Điều 112")
