"""An admin adds next year's notice from a small JSON file."""

import json
from datetime import date

import pytest
from django.core.management import CommandError, call_command

from motcua.calendar import selectors
from motcua.calendar.models import Notice

pytestmark = pytest.mark.django_db

NOTICE_2027 = {
    "number": "1234/TB-BNV",
    "title": "Thông báo nghỉ Tết Âm lịch và Quốc khánh năm 2027 (thử nghiệm)",
    "year": 2027,
    "issued_on": "2026-10-20",
    "issuer": "Bộ Nội vụ",
    "days": [
        {"date": "2027-02-04", "kind": "off", "note": "Nghỉ Tết Âm lịch"},
        {"date": "2027-02-05", "kind": "off", "note": "Nghỉ Tết Âm lịch"},
        {"date": "2027-02-08", "kind": "off", "note": "Nghỉ Tết Âm lịch"},
        {"date": "2027-02-09", "kind": "off", "note": "Nghỉ Tết Âm lịch"},
        {"date": "2027-02-10", "kind": "off", "note": "Nghỉ Tết Âm lịch"},
        {"date": "2027-09-03", "kind": "off", "note": "Nghỉ Quốc khánh"},
    ],
}


def _write(tmp_path, data) -> str:
    path = tmp_path / "notice.json"
    path.write_text(json.dumps(data, ensure_ascii=False) if not isinstance(data, str) else data, "utf-8")
    return str(path)


def test_import_replaces_the_provisional_days_of_the_year(tmp_path, capsys):
    before = selectors.work_calendar()
    assert not before.is_working_day(date(2027, 2, 11))  # provisional substitute for Sunday mùng 2
    call_command("import_notice", _write(tmp_path, NOTICE_2027))
    assert "1234/TB-BNV" in capsys.readouterr().out
    after = selectors.work_calendar()
    assert after.is_working_day(date(2027, 2, 11))
    assert not after.is_working_day(date(2027, 2, 4))
    assert not any(s.provisional for s in after.special_days_in(2027))
    sources = {s.day: s.source for s in after.special_days_in(2027)}
    assert sources[date(2027, 2, 4)] == "Thông báo số 1234/TB-BNV"


def test_importing_the_same_number_twice_needs_replace(tmp_path):
    path = _write(tmp_path, NOTICE_2027)
    call_command("import_notice", path)
    with pytest.raises(CommandError, match="--replace"):
        call_command("import_notice", path)
    call_command("import_notice", path, "--replace")
    assert Notice.objects.get(number="1234/TB-BNV").days.count() == 6


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "JSON"),
        ({**NOTICE_2027, "days": []}, "days"),
        ({**NOTICE_2027, "colour": "red"}, "colour"),
        ({**NOTICE_2027, "days": [{"date": "2027-13-01", "kind": "off"}]}, "days[1]"),
        ({**NOTICE_2027, "days": [{"date": "2027-02-04", "kind": "holiday"}]}, "kind"),
        ({**NOTICE_2027, "days": [{"date": "2027-02-03", "kind": "working"}]}, "thứ Bảy"),
        ({**NOTICE_2027, "days": [{"date": "2031-02-03", "kind": "off"}]}, "năm"),
    ],
)
def test_bad_files_are_refused_with_a_clear_message(tmp_path, content, message):
    with pytest.raises(CommandError, match=message.replace("[", r"\[").replace("]", r"\]")):
        call_command("import_notice", _write(tmp_path, content))
    assert not Notice.objects.filter(number="1234/TB-BNV").exists()


def test_missing_file_is_refused(tmp_path):
    with pytest.raises(CommandError, match="Không đọc được"):
        call_command("import_notice", str(tmp_path / "none.json"))
