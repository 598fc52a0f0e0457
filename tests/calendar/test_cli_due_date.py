"""`motcua due-date <start> <duration>` prints the due instant."""

import pytest

from motcua.cli import main

pytestmark = pytest.mark.django_db


def test_prints_the_due_date(capsys):
    assert main(["due-date", "2025-04-25T16:00:00+07:00", "3d"]) == 0
    assert capsys.readouterr().out.strip() == "2025-04-29T16:00:00+07:00"


def test_verbose_tells_where_counting_starts(capsys):
    assert main(["due-date", "2026-03-10T18:00:00+07:00", "1d", "-v"]) == 0
    out = capsys.readouterr().out
    assert "2026-03-11T17:00:00+07:00" in out
    assert "2026-03-11T08:00:00+07:00" in out


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["nonsense", "3d"], "malformed_start"),
        (["2026-03-10T08:00+07:00", "-1d"], "negative_duration"),
        (["2026-03-10T08:00+07:00", "1d", "--agency", "X"], "unknown_agency"),
    ],
)
def test_errors_exit_2_with_both_languages(capsys, args, code):
    assert main(["due-date", *args]) == 2
    assert code in capsys.readouterr().err
