"""A consultation step asks several agencies in parallel; it closes only when all have answered."""

import pytest

from motcua.workflow.runner import runner_for
from tests.factories.catalog import publish_procedure
from tests.factories.organizations import AgencyFactory
from tests.workflow.builders import make_definition, step

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting():
    tax, land, police = AgencyFactory(), AgencyFactory(), AgencyFactory()
    steps = [
        step(
            "thu-ly",
            go=[
                ("forward", "xin-y-kien"),
                ("consult", "thu-ly"),
                ("answer_consultation", "thu-ly"),
            ],
        ),
        step(
            "xin-y-kien",
            kind="consultation",
            consulted_agencies=[tax.identifier, land.identifier],
            go=[
                ("consult", "xin-y-kien"),
                ("answer_consultation", "xin-y-kien"),
                ("forward", "ket-qua"),
                ("send_back", "thu-ly"),
            ],
        ),
        step("ket-qua", terminal=True, hours="0"),
    ]
    definition = make_definition(publish_procedure(), steps, publish=True)
    return runner_for(definition.pk), tax, land, police


def test_step_lists_the_agencies_it_must_consult(setting):
    runner, tax, land, _ = setting
    info = runner.step("xin-y-kien")
    assert info.is_consultation is True
    assert set(info.consult_agency_ids) == {tax.pk, land.pk}


def test_closes_only_after_every_listed_agency_answered(setting):
    runner, tax, land, _ = setting
    assert not runner.can_close("xin-y-kien", requested_agency_ids=[], answered_agency_ids=[])
    assert runner.pending_consultations("xin-y-kien", [], [tax.pk]) == [land.pk]
    assert not runner.can_close("xin-y-kien", [], [tax.pk])
    assert runner.can_close("xin-y-kien", [], [tax.pk, land.pk])


def test_agencies_picked_at_consult_time_must_answer_too(setting):
    runner, tax, land, police = setting
    assert not runner.can_close("xin-y-kien", [police.pk], [tax.pk, land.pk])
    assert runner.pending_consultations("xin-y-kien", [police.pk], [tax.pk, land.pk]) == [police.pk]
    assert runner.can_close("xin-y-kien", [police.pk], [tax.pk, land.pk, police.pk])
    blockers = runner.close_blockers("xin-y-kien", [police.pk], [tax.pk])
    assert blockers == ["Còn 2 cơ quan chưa trả lời xin ý kiến ở bước «Bước xin-y-kien»."]


def test_consultation_on_a_normal_step(setting):
    runner, tax, _, police = setting
    # nothing asked: a normal step may close
    assert runner.can_close("thu-ly")
    # asked, not yet answered: it may not
    assert not runner.can_close("thu-ly", [tax.pk, police.pk], [police.pk])
    assert runner.can_close("thu-ly", [tax.pk, police.pk], [police.pk, tax.pk])
    # consult and answer keep the dossier at the step
    assert runner.target("thu-ly", "consult").key == "thu-ly"
    assert runner.is_in_step_action("answer_consultation")


def test_consultation_step_without_a_list_needs_at_least_one_agency():
    procedure = publish_procedure()
    other = AgencyFactory()
    steps = [
        step(
            "xin-y-kien",
            kind="consultation",
            go=[("consult", "xin-y-kien"), ("answer_consultation", "xin-y-kien"), ("forward", "ket-qua")],
        ),
        step("ket-qua", terminal=True, hours="0"),
    ]
    runner = runner_for(make_definition(procedure, steps, publish=True).pk)
    assert runner.close_blockers("xin-y-kien") == [
        "Bước «Bước xin-y-kien» cần xin ý kiến ít nhất một cơ quan."
    ]
    assert not runner.can_close("xin-y-kien", [other.pk], [])
    assert runner.can_close("xin-y-kien", [other.pk], [other.pk])
