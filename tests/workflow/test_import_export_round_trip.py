"""A definition exported as JSON and imported again is the same process."""

import json

import pytest
from django.core.exceptions import ValidationError

from motcua.workflow.models import DefinitionStatus
from motcua.workflow.services import (
    default_definition_for,
    process_definition_export,
    process_definition_import,
)
from tests.factories.catalog import publish_procedure
from tests.factories.organizations import AgencyFactory, UserFactory
from tests.workflow.builders import payload, step

pytestmark = pytest.mark.django_db


def _without_version(data: dict) -> dict:
    return {k: v for k, v in data.items() if k not in ("number", "status")}


def test_round_trip_keeps_everything():
    procedure = publish_procedure()
    agency, consulted = AgencyFactory(), AgencyFactory()
    officer = UserFactory(username="chuyenvien.a")
    steps = [
        step(
            "thu-ly",
            hours="6.5",
            officer="chuyenvien.a",
            required_component_positions=[1],
            public_status="Đang thụ lý",
            go=[("forward", "xin-y-kien"), ("request_payment", "thu-ly")],
        ),
        step(
            "xin-y-kien",
            kind="consultation",
            hours="8",
            agency=agency.identifier,
            consulted_agencies=[consulted.identifier],
            go=[("consult", "xin-y-kien"), ("answer_consultation", "xin-y-kien"), ("forward", "duyet")],
        ),
        step(
            "duyet",
            role="leader",
            hours="4",
            notify_applicant=True,
            go=[("approve", "ket-qua"), ("reject", None), ("send_back", "thu-ly")],
        ),
        step("ket-qua", role="clerk", hours="0", terminal=True),
    ]
    original = process_definition_import(payload(procedure, steps, agency=agency), publish=True)
    exported = process_definition_export(original)
    assert exported["format"] == "motcua.process/1"
    assert exported["agency"] == agency.identifier
    assert exported["steps"][0]["officer"] == officer.username
    assert exported["steps"][0]["allotment_hours"] == "6.5"

    text = json.dumps(exported, ensure_ascii=False)  # survives a real file
    copy = process_definition_import(json.loads(text))
    assert copy.pk != original.pk
    assert copy.status == DefinitionStatus.PUBLISHED  # the payload said so
    assert copy.number == original.number + 1
    assert _without_version(process_definition_export(copy)) == _without_version(exported)


def test_default_definition_round_trips_as_a_draft():
    original = default_definition_for(publish_procedure())
    exported = process_definition_export(original)
    copy = process_definition_import(exported, publish=False)
    assert copy.status == DefinitionStatus.DRAFT
    assert _without_version(process_definition_export(copy)) == _without_version(exported)


def test_import_reports_every_bad_reference_and_writes_nothing():
    procedure = publish_procedure()
    data = payload(
        procedure,
        [
            step("thu-ly", agency="999.99.99.H99", officer="khong-ai", go=[("forward", "dau-do")]),
            step("thu-ly", terminal=True),
        ],
    )
    with pytest.raises(ValidationError) as info:
        process_definition_import(data)
    codes = sorted(e.code for e in info.value.error_list)
    assert codes == ["dangling_transition", "duplicate_key", "unknown_agency", "unknown_officer"]
    assert not procedure.process_definitions.exists()


def test_import_reports_structural_errors():
    procedure = publish_procedure()
    data = payload(procedure, [step("thu-ly", role="thu-truong", go=[("fly", None)])])
    with pytest.raises(ValidationError) as info:
        process_definition_import(data)
    text = " ".join(info.value.messages)
    assert "steps.0.role" in text and "steps.0.transitions.0.action" in text


def test_import_of_an_invalid_published_process_fails_whole():
    procedure = publish_procedure()
    data = payload(procedure, [step("thu-ly", go=[("forward", None)])], status="published")
    with pytest.raises(ValidationError) as info:
        process_definition_import(data)
    assert [e.code for e in info.value.error_list] == ["no_terminal"]
    assert not procedure.process_definitions.exists()
