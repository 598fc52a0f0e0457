from decimal import Decimal

import pytest

from motcua.calendar.worktime import MAX_DURATION_DAYS, WorkTimeError, parse_duration, parse_instant


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("3d", 3, "d"),
        ("0.5d", Decimal("0.5"), "d"),
        ("0,5d", Decimal("0.5"), "d"),
        ("4h", 4, "h"),
        (" 12 H ", 12, "h"),
        ("0d", 0, "d"),
    ],
)
def test_accepted_durations(text, value, unit):
    duration = parse_duration(text)
    assert (duration.value, duration.unit) == (Decimal(value), unit)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("-1d", "negative_duration"),
        ("3", "malformed_duration"),
        ("3 days", "malformed_duration"),
        ("", "malformed_duration"),
        ("0h", "zero_duration"),
        (f"{MAX_DURATION_DAYS + 1}d", "duration_too_long"),
        ("99999999h", "duration_too_long"),
    ],
)
def test_refused_durations_say_why_in_both_languages(text, code):
    with pytest.raises(WorkTimeError) as info:
        parse_duration(text)
    assert info.value.code == code
    assert info.value.message_vi and info.value.message_en


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("2026-03-10T08:00", "naive_datetime"),
        ("10/03/2026", "malformed_start"),
        ("2026-03-10", "malformed_start"),
        ("soon", "malformed_start"),
    ],
)
def test_refused_instants(text, code):
    with pytest.raises(WorkTimeError) as info:
        parse_instant(text)
    assert info.value.code == code


def test_plus_sign_lost_in_a_query_string_is_restored():
    assert parse_instant("2026-03-10T08:00:00 07:00").isoformat() == "2026-03-10T08:00:00+07:00"
