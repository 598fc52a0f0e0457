from decimal import Decimal

import pytest

from motcua.workflow.runner import ProcessRunner, WorkflowError, runner_for
from motcua.workflow.services import default_definition_for
from tests.factories.catalog import publish_procedure

pytestmark = pytest.mark.django_db


@pytest.fixture
def runner():
    procedure = publish_procedure()  # 3 working days = 24 h
    return runner_for(default_definition_for(procedure).pk)


def test_runner_satisfies_the_protocol(runner):
    assert isinstance(runner, ProcessRunner)


def test_first_step_and_step_info(runner):
    first = runner.first_step()
    assert first.key == "thu-ly"
    assert first.name == "Thụ lý hồ sơ"
    assert first.role == "processing_officer"
    assert first.allotment_hours == Decimal("14.0")
    assert first.is_terminal is False and first.is_consultation is False
    assert runner.step("ket-qua").is_terminal is True
    assert runner.step("ket-qua").notify_applicant is True


def test_unknown_step_raises_workflow_error_not_key_error(runner):
    with pytest.raises(WorkflowError) as info:
        runner.step("khong-co")
    assert info.value.code == "unknown_step"
    assert info.value.message_vi and info.value.message_en


def test_allowed_actions_in_canonical_order(runner):
    assert runner.allowed_actions("thu-ly") == [
        "forward",
        "request_payment",
        "consult",
        "answer_consultation",
    ]
    assert runner.allowed_actions("trinh-lanh-dao") == ["send_back", "approve", "reject"]
    assert runner.allowed_actions("ket-qua") == []


def test_target_single_and_terminal_outcome(runner):
    assert runner.target("thu-ly", "forward").key == "trinh-lanh-dao"
    assert runner.target("trinh-lanh-dao", "approve").key == "vao-so"
    assert runner.target("trinh-lanh-dao", "reject") is None
    assert runner.target("vao-so", "issue_result").key == "ket-qua"
    assert runner.target("thu-ly", "consult").key == "thu-ly"


def test_target_with_several_options_needs_a_valid_choice(runner):
    with pytest.raises(WorkflowError) as info:
        runner.target("vao-so", "send_back")
    assert info.value.code == "target_required"
    assert runner.target("vao-so", "send_back", chosen="thu-ly").key == "thu-ly"
    with pytest.raises(WorkflowError) as info:
        runner.target("vao-so", "send_back", chosen="ket-qua")
    assert info.value.code == "target_not_allowed"


def test_action_not_allowed(runner):
    with pytest.raises(WorkflowError) as info:
        runner.target("thu-ly", "approve")
    assert info.value.code == "action_not_allowed"


def test_earlier_steps_are_the_send_back_targets_in_order(runner):
    assert [s.key for s in runner.earlier_steps("vao-so")] == ["thu-ly", "trinh-lanh-dao"]
    assert runner.earlier_steps("thu-ly") == []


def test_transitions_listed(runner):
    keys = {(t.action, t.to_step) for t in runner.transitions("trinh-lanh-dao")}
    assert keys == {("approve", "vao-so"), ("reject", None), ("send_back", "thu-ly")}


def test_runner_is_cached_per_definition(runner):
    assert runner_for(runner.definition_id) is runner


def test_unknown_definition():
    with pytest.raises(WorkflowError) as info:
        runner_for(987654)
    assert info.value.code == "unknown_process"
