"""`import_catalog` and `export_catalog` on the command line: a summary or every error, exit code 1 on bad
input, never a traceback."""

import json
import os
import shutil
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

import motcua
from motcua.catalog.models import Procedure, ProcedureVersion
from tests.factories.catalog import publish_procedure
from tests.factories.organizations import AgencyFactory

pytestmark = pytest.mark.django_db
DATA = Path(__file__).parent / "data"


@pytest.fixture
def agencies():
    return [AgencyFactory(identifier="000.00.91.H98"), AgencyFactory(identifier="000.00.92.H98")]


def run(*args):
    out, err = StringIO(), StringIO()
    try:
        call_command(*args, stdout=out, stderr=err)
    except CommandError as exc:
        return exc, out.getvalue(), err.getvalue()
    return None, out.getvalue(), err.getvalue()


def test_a_valid_file_is_imported_with_a_vietnamese_first_summary(agencies, tmp_path):
    path = tmp_path / "danh-muc.json"
    shutil.copy(DATA / "catalogue_valid.json", path)

    error, out, _ = run("import_catalog", str(path))
    again, out_again, _ = run("import_catalog", str(path))

    assert error is None and again is None
    assert out.startswith("Đã nhập 2 thủ tục: 2 phiên bản mới, 0 không thay đổi. / Imported 2 procedures")
    assert "8.000101, 8.000102" in out
    assert out_again.startswith("Đã nhập 2 thủ tục: 0 phiên bản mới, 2 không thay đổi.")
    assert ProcedureVersion.objects.count() == 2


def test_a_malformed_file_prints_every_error_on_its_own_line_and_writes_nothing(agencies, tmp_path):
    path = tmp_path / "hong.json"
    shutil.copy(DATA / "catalogue_malformed.json", path)

    error, out, err = run("import_catalog", str(path))

    assert error is not None and error.returncode == 1
    assert "15 lỗi trong 7 bản ghi; không nhập gì" in str(error)
    lines = err.strip().splitlines()
    assert len(lines) == 15
    assert lines[0].startswith("Bản ghi [1] MATTHC: thiếu mã thủ tục / ")
    assert "Bản ghi [5]: bản ghi phải là một đối tượng JSON / a record must be a JSON object" in lines
    assert out == ""
    assert Procedure.objects.count() == 0


def test_check_only_validates(agencies, tmp_path):
    path = tmp_path / "danh-muc.json"
    shutil.copy(DATA / "catalogue_valid.json", path)

    error, out, _ = run("import_catalog", str(path), "--check")

    assert error is None
    assert out.startswith("Tệp hợp lệ: 2 thủ tục, chưa ghi gì.")
    assert Procedure.objects.count() == 0


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b'[{"MATTHC": "1.001612",', "không phải JSON hợp lệ: dòng 1, cột 24"),
        (b"", "không phải JSON hợp lệ: dòng 1, cột 1"),
        (b"[{'MATTHC': 'x'}]", "không phải JSON hợp lệ"),
        ('[{"TENTTHC": "Khai sinh"}]'.encode("utf-16"), "không phải văn bản UTF-8"),
        (b"[" * 100_000 + b"]" * 100_000, "lồng nhau quá sâu"),
    ],
    ids=["truncated", "empty", "single-quotes", "utf-16", "deeply-nested"],
)
def test_an_unreadable_file_is_one_clear_error(tmp_path, content, expected):
    path = tmp_path / "xau.json"
    path.write_bytes(content)

    error, _, _ = run("import_catalog", str(path))

    assert error is not None and error.returncode == 1
    assert expected in str(error)
    assert " / " in str(error)


def test_a_missing_file_a_directory_and_an_unknown_user_are_clear_errors(tmp_path):
    missing, _, _ = run("import_catalog", str(tmp_path / "khong-co.json"))
    directory, _, _ = run("import_catalog", str(tmp_path))
    (tmp_path / "ok.json").write_text("[]")
    no_user, _, _ = run("import_catalog", str(tmp_path / "ok.json"), "--user", "khong-ai")

    assert str(missing).startswith("Không tìm thấy tệp")
    assert "là thư mục" in str(directory)
    assert str(no_user) == "Không có tài khoản 'khong-ai'. / No user 'khong-ai'."


def test_a_file_with_a_byte_order_mark_is_read(agencies, tmp_path):
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + (DATA / "catalogue_valid.json").read_bytes())

    error, out, _ = run("import_catalog", str(path))

    assert error is None, error
    assert out.startswith("Đã nhập 2 thủ tục")


def test_export_writes_the_national_layout_to_a_file_and_refuses_unknown_codes(tmp_path):
    publish_procedure(code="8.000401")
    publish_procedure(code="8.000402")
    hidden = publish_procedure(code="8.000403")
    Procedure.objects.filter(pk=hidden.pk).update(is_active=False)
    path = tmp_path / "xuat.json"

    error, out, _ = run("export_catalog", "-o", str(path))
    one_error, one_out, _ = run("export_catalog", "--code", "8.000403")
    unknown, _, _ = run("export_catalog", "--code", "8.000401", "--code", "8.999999")

    assert error is None and one_error is None
    assert out.startswith("Đã xuất 2 thủ tục vào")
    assert [r["MATTHC"] for r in json.loads(path.read_text(encoding="utf-8"))] == ["8.000401", "8.000402"]
    assert [r["MATTHC"] for r in json.loads(one_out)] == ["8.000403"]
    assert unknown is not None and unknown.returncode == 1
    assert str(unknown) == (
        "không có thủ tục đã công bố với mã: 8.999999 / no published procedure with code: 8.999999"
    )


@pytest.mark.parametrize("content", [b"{not json", b'{"data": "x"}'], ids=["invalid-json", "no-list"])
def test_the_real_command_exits_1_without_a_traceback(tmp_path, content):
    """Run as an operator would. Neither input reaches the database; the process gets its own."""
    path = tmp_path / "xau.json"
    path.write_bytes(content)
    env = os.environ | {
        "MOTCUA_VAR_DIR": str(tmp_path / "var"),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "SECRET_KEY": "kiem-thu",
        # the code under test (this checkout's src/), not whichever copy the venv has installed
        "PYTHONPATH": os.pathsep.join(
            [str(Path(motcua.__file__).resolve().parents[1])]
            + ([os.environ["PYTHONPATH"]] if os.environ.get("PYTHONPATH") else [])
        ),
    }

    done = subprocess.run(
        [sys.executable, "-m", "motcua.manage", "import_catalog", str(path)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )

    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert lines[0].startswith(("CommandError: Tệp ", "Tệp: tệp phải chứa một danh sách thủ tục"))
    assert lines[-1].startswith("CommandError: ")
