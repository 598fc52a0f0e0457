"""Records read by `sync_record` (inbound API and `import_dossiers`) get the API's input checks wherever
they come from: NUL or a line break in a one-line field, a NUL anywhere in the record (PostgreSQL's JSON
cannot store it), integers beyond 64 bits, nesting beyond the limit are refused with their code, and
nothing is written; a file nested too deeply is a clear error from the command, not a traceback."""

from datetime import UTC, datetime

import pytest
from django.core.management import CommandError, call_command

from motcua.dossiers.models import Dossier
from motcua.integrations.national_portal.importing import import_dossiers
from motcua.organizations.models import Applicant
from tests.factories.national_records import history_record, new_dossier_record
from tests.integrations.inbound import integration_token, post_record

START = datetime(2025, 3, 3, 1, 30, tzinfo=UTC)


def _deep(levels: int) -> dict:
    d: dict = {}
    for _ in range(levels):
        d = {"a": d}
    return d


BAD = {
    "nul_in_name": ({"ChuHoSo": "Lê\x00Văn"}, "control_character"),
    "line_break_in_name": ({"ChuHoSo": "Lê Văn\r\nBcc: x@example.com"}, "control_character"),
    "nul_in_unknown_key": ({"GhiChu": {"x": ["a\x00b"]}}, "control_character"),
    "huge_integer": ({"DuLieuBieuMau": {"so": 10**30}}, "number_out_of_range"),
    "too_deep": ({"DuLieuBieuMau": _deep(60)}, "json_too_deep"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_import_refuses_the_record_and_keeps_the_others(world, fixed_clock, case):
    change, code = BAD[case]
    bad = history_record(world, 1, 9, start=START) | change
    good = history_record(world, 2, 9, start=START)
    applicants = Applicant.objects.count()

    report = import_dossiers([bad, good])

    assert [r.number for r in report.refused] == [1]
    assert code in {p["code"] for p in report.refused[0].problems}, report.refused[0].problems
    assert report.imported == [good["MaHoSo"]]
    assert list(Dossier.objects.values_list("code", flat=True)) == [good["MaHoSo"]]
    assert Applicant.objects.count() == applicants + 1


def test_a_line_break_in_a_name_is_refused_by_the_inbound_api(client, world, fixed_clock, media_root):
    _, token = integration_token()
    record = new_dossier_record(world, ChuHoSo="Lê Văn\nBcc: x@example.com")
    response = post_record(client, token, record)
    assert response.status_code == 422, response.content
    problems = response.json()["problems"]
    assert {(p["field"], p["code"]) for p in problems} == {("ChuHoSo", "control_character")}
    assert not Dossier.objects.exists()


def test_a_summary_may_hold_line_breaks(client, world, fixed_clock, media_root):
    _, token = integration_token()
    record = new_dossier_record(world, TrichYeuHoSo="Dòng một\nDòng hai")
    assert post_record(client, token, record).status_code == 201


def test_a_file_nested_too_deeply_is_a_clear_error(db, tmp_path):
    path = tmp_path / "sau.json"
    path.write_text("[" * 100_000 + "]" * 100_000)
    with pytest.raises(CommandError, match="too deeply"):
        call_command("import_dossiers", str(path))
