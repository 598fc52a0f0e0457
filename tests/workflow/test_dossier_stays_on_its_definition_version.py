"""A dossier stores the definition id it started with and keeps running on it after a new version."""

import pytest

from motcua.workflow.runner import definition_for, runner_for
from motcua.workflow.services import process_definition_create_draft, process_definition_publish
from tests.factories.catalog import publish_procedure
from tests.factories.organizations import AgencyFactory
from tests.workflow.builders import make_definition, step

pytestmark = pytest.mark.django_db


def test_running_dossier_keeps_the_old_version():
    procedure = publish_procedure()
    agency = AgencyFactory()
    v1 = make_definition(procedure, publish=True)

    # a dossier starts: it pins the definition id and sits at the first step
    pinned_id = definition_for(procedure.current_version, agency).pk
    current_key = runner_for(pinned_id).first_step().key
    assert pinned_id == v1.pk

    # the process is redesigned: a new "thẩm định" step between processing and approval
    draft = process_definition_create_draft(v1)
    draft.transitions.filter(from_step__key="thu-ly").delete()
    extra = draft.steps.create(key="tham-dinh", name="Thẩm định", role="processing_officer", position=2)
    draft.steps.filter(key="duyet").update(position=3)
    draft.steps.filter(key="ket-qua").update(position=4)
    draft.transitions.create(from_step=draft.steps.get(key="thu-ly"), action="forward", to_step=extra)
    draft.transitions.create(from_step=extra, action="forward", to_step=draft.steps.get(key="duyet"))
    process_definition_publish(draft)

    # new dossiers get the new version…
    assert definition_for(procedure.current_version, agency).pk == draft.pk
    assert runner_for(draft.pk).target("thu-ly", "forward").key == "tham-dinh"
    # …the running one goes on under the version it started with
    runner = runner_for(pinned_id)
    assert runner.target(current_key, "forward").key == "duyet"
    assert [s.key for s in runner.steps()] == ["thu-ly", "duyet", "ket-qua"]


def test_agency_specific_definition_is_preferred():
    procedure = publish_procedure()
    special, plain = AgencyFactory(), AgencyFactory()
    generic = make_definition(procedure, publish=True)
    specific = make_definition(
        procedure,
        [
            step("tiep-nhan", go=[("forward", "ket-qua")]),
            step("ket-qua", terminal=True, hours="0"),
        ],
        agency=special,
        publish=True,
    )
    assert specific.number == 1  # each (procedure, agency) series is numbered on its own
    assert definition_for(procedure.current_version, special) == specific
    assert definition_for(procedure.current_version, special.pk) == specific
    assert definition_for(procedure.current_version, plain) == generic
    assert definition_for(procedure.current_version, None) == generic


def test_no_process_is_a_workflow_error():
    from motcua.workflow.runner import WorkflowError

    procedure = publish_procedure()
    make_definition(procedure)  # a draft does not count
    with pytest.raises(WorkflowError) as info:
        definition_for(procedure.current_version, None)
    assert info.value.code == "no_process"
    assert procedure.code in info.value.message_vi
