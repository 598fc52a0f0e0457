"""Publishing validates the whole graph and reports every problem at once, in Vietnamese and English."""

import pytest
from django.core.exceptions import ValidationError

from motcua.workflow.models import DefinitionStatus, Step, Transition
from motcua.workflow.services import process_definition_publish
from tests.factories.catalog import publish_procedure
from tests.workflow.builders import make_definition, simple_steps, step

pytestmark = pytest.mark.django_db


def _codes(err: ValidationError) -> list[str]:
    return [e.code for e in err.error_list]


def _publish_errors(definition) -> ValidationError:
    with pytest.raises(ValidationError) as info:
        process_definition_publish(definition)
    definition.refresh_from_db()
    assert definition.status == DefinitionStatus.DRAFT
    return info.value


def test_a_sound_definition_publishes():
    definition = make_definition(publish_procedure())
    published = process_definition_publish(definition)
    assert published.status == DefinitionStatus.PUBLISHED
    assert published.published_at is not None


def test_unreachable_step_is_named():
    steps = [*simple_steps(), step("mo-coi", go=[("forward", "ket-qua")])]
    err = _publish_errors(make_definition(publish_procedure(), steps))
    assert _codes(err) == ["unreachable"]
    assert "«mo-coi»" in err.messages[0]
    assert "cannot be reached" in err.messages[0]


def test_missing_terminal_step():
    steps = [
        step("thu-ly", go=[("forward", "duyet")]),
        step("duyet", role="leader", go=[("reject", None)]),
    ]
    err = _publish_errors(make_definition(publish_procedure(), steps))
    assert _codes(err) == ["no_terminal"]
    assert "bước kết thúc" in err.messages[0] and "terminal" in err.messages[0]


def test_over_allotment_along_the_longest_path():
    procedure = publish_procedure()  # 3 working days = 24 working hours in person
    err = _publish_errors(make_definition(procedure, simple_steps(hours=("20", "4.5", "0"))))
    assert _codes(err) == ["over_allotment"]
    assert "24" in err.messages[0] and "24.5" in err.messages[0]


def test_alternative_branches_do_not_add_up():
    """Two alternative next steps of 16 h each fit in 24 h: a dossier walks only one of them."""
    steps = [
        step("thu-ly", hours="8", go=[("forward", "a"), ("forward", "b")]),
        step("a", hours="16", go=[("approve", "ket-qua")]),
        step("b", hours="16", go=[("approve", "ket-qua")]),
        step("ket-qua", hours="0", terminal=True),
    ]
    definition = make_definition(publish_procedure(), steps)
    assert process_definition_publish(definition).status == DefinitionStatus.PUBLISHED


def test_dangling_transition_into_another_definition():
    procedure = publish_procedure()
    other = make_definition(procedure, name="Khác")
    definition = make_definition(procedure)
    Transition.objects.create(
        definition=definition,
        from_step=definition.steps.get(key="thu-ly"),
        action="forward",
        to_step=other.steps.get(key="duyet"),
    )
    err = _publish_errors(definition)
    assert "dangling_transition" in _codes(err)
    assert "outside this process" in " ".join(err.messages)


def test_step_without_a_way_forward():
    steps = [
        step("thu-ly", go=[("forward", "duyet")]),
        step("duyet", role="leader", go=[("consult", "duyet"), ("answer_consultation", "duyet")]),
        step("ket-qua", terminal=True, hours="0"),
    ]
    err = _publish_errors(make_definition(publish_procedure(), steps))
    assert set(_codes(err)) == {"no_way_forward", "unreachable"}


def test_every_problem_is_reported_together():
    procedure = publish_procedure()
    other = make_definition(procedure, name="Khác")
    steps = [
        step("thu-ly", hours="30", go=[("forward", "duyet")]),
        step("duyet", role="leader", go=[("approve", None)]),
        step("mo-coi", go=[("send_back", "thu-ly")]),
    ]
    definition = make_definition(procedure, steps)
    Transition.objects.create(
        definition=definition,
        from_step=Step.objects.get(definition=definition, key="duyet"),
        action="forward",
        to_step=other.steps.get(key="ket-qua"),
    )
    err = _publish_errors(definition)
    assert set(_codes(err)) >= {
        "unreachable",
        "no_terminal",
        "over_allotment",
        "dangling_transition",
        "no_way_forward",
    }
    for message in err.messages:
        vi, en = message.split(" / ", 1)
        assert vi and en


def test_send_back_must_go_to_an_earlier_step_and_in_step_actions_stay():
    steps = [
        step("thu-ly", go=[("forward", "duyet"), ("send_back", "duyet"), ("consult", "duyet")]),
        step("duyet", role="leader", go=[("approve", "ket-qua"), ("answer_consultation", "duyet")]),
        step("ket-qua", terminal=True, hours="0"),
    ]
    err = _publish_errors(make_definition(publish_procedure(), steps))
    assert set(_codes(err)) == {"send_back_forward", "in_step_action_moves", "consult_without_answer"}


def test_onward_cycle_is_refused():
    steps = [
        step("thu-ly", go=[("forward", "duyet")]),
        step("duyet", role="leader", go=[("forward", "thu-ly"), ("approve", "ket-qua")]),
        step("ket-qua", terminal=True, hours="0"),
    ]
    err = _publish_errors(make_definition(publish_procedure(), steps))
    assert _codes(err) == ["onward_cycle"]


def test_requirements_must_exist_on_the_procedure():
    steps = simple_steps()
    steps[0]["required_component_positions"] = [1, 7]
    err = _publish_errors(make_definition(publish_procedure(), steps))
    assert _codes(err) == ["unknown_component"]
    assert "7" in err.messages[0]
