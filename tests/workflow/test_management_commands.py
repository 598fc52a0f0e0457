"""import_process / export_process / ensure_processes from the command line."""

import json

import pytest
from django.core.management import CommandError, call_command

from motcua.workflow.models import DefinitionStatus, ProcessDefinition
from tests.factories.catalog import publish_procedure
from tests.workflow.builders import payload, simple_steps, step

pytestmark = pytest.mark.django_db


def test_ensure_processes_is_idempotent(capsys):
    first, second = publish_procedure(), publish_procedure()
    call_command("ensure_processes")
    assert "Đã tạo 2" in capsys.readouterr().out
    for procedure in (first, second):
        assert procedure.process_definitions.get().status == DefinitionStatus.PUBLISHED
    call_command("ensure_processes")
    assert "Đã tạo 0" in capsys.readouterr().out
    assert ProcessDefinition.objects.filter(procedure__in=[first, second]).count() == 2


def test_export_then_import_through_files(tmp_path, capsys):
    procedure = publish_procedure()
    call_command("ensure_processes")
    out = tmp_path / "quy-trinh.json"
    call_command("export_process", "--code", procedure.code, "-o", str(out))
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["procedure"] == procedure.code
    assert data["steps"][0]["name"] == "Thụ lý hồ sơ"

    call_command("import_process", str(out), "--draft")
    assert "v2" in capsys.readouterr().out
    assert procedure.process_definitions.get(number=2).status == DefinitionStatus.DRAFT


def test_import_is_all_or_nothing_with_every_message(tmp_path):
    good, other = publish_procedure(), publish_procedure()
    bad = payload(other, [step("thu-ly", go=[("forward", "dau-do")])])
    path = tmp_path / "nhieu.json"
    path.write_text(json.dumps([payload(good, simple_steps()), bad]), encoding="utf-8")
    with pytest.raises(CommandError) as info:
        call_command("import_process", str(path), "--publish")
    assert "[2]" in str(info.value) and "dau-do" in str(info.value)
    assert not ProcessDefinition.objects.filter(procedure__in=[good, other]).exists()


def test_unreadable_file_is_a_clean_error(tmp_path):
    path = tmp_path / "hong.json"
    path.write_text("{khong phai json", encoding="utf-8")
    with pytest.raises(CommandError, match="JSON"):
        call_command("import_process", str(path))
    with pytest.raises(CommandError, match="Không đọc được"):
        call_command("import_process", str(tmp_path / "khong-co.json"))
