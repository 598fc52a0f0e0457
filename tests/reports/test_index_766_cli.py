"""`motcua index-766 --from --to [--agency] [--json]`: the same numbers as the API."""

import json

from motcua import cli
from motcua.reports import index766
from motcua.reports.selectors import Period, Scope

from .cases import at, processed, received_on


def test_cli_prints_the_index(world, fixed_clock, capsys):
    d = received_on(world, fixed_clock, 2026, 3, 2, 9, 0)
    processed(world, fixed_clock, d, 2026, 3, 3, 9, 0)
    at(fixed_clock, 2026, 4, 1, 9, 0)
    assert cli.main(["index-766", "--from", "2026-03-01", "--to", "2026-03-31", "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc == index766.compute(Period.parse("2026-03-01", "2026-03-31"), Scope())
    code = cli.main(
        ["index-766", "--from", "2026-03-01", "--to", "2026-03-31", "--agency", world.department.identifier]
    )
    out = capsys.readouterr().out
    assert code == 0 and "ON_TIME" in out and "1/1" in out and "không có dữ liệu / no data" in out


def test_cli_refuses_bad_dates(world, capsys):
    assert cli.main(["index-766", "--from", "2026-03-31", "--to", "2026-03-01"]) == 2
    err = capsys.readouterr().err
    assert "invalid_range" in err and " / " in err
