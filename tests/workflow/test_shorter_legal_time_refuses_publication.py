"""Publishing a procedure version whose legal time no longer holds its published processes is refused,
listing what to re-plan (vi + en); a process published for a calendar-day procedure is checked too."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from motcua.catalog.models import ProcedureVersion, TimeUnit, VersionStatus
from motcua.catalog.services import (
    procedure_publish,
    procedure_version_create_draft,
    procedure_version_publish,
)
from motcua.catalog.spec import TimeSpec
from motcua.core.choices import Channel
from motcua.workflow.services import process_definition_publish
from tests.factories.catalog import procedure_spec, publish_procedure
from tests.workflow.builders import make_definition, simple_steps

pytestmark = pytest.mark.django_db


def _three_days_with_a_24_hour_process():
    procedure = publish_procedure()  # 3 working days = 24 h
    make_definition(procedure, simple_steps(hours=("16", "6", "2")), publish=True, name="Quy trình 24 giờ")
    return procedure


def test_cutting_the_legal_time_below_the_process_is_refused_with_what_to_replan():
    procedure = _three_days_with_a_24_hour_process()
    draft = procedure_version_create_draft(procedure.current_version)
    draft.processing_times.update(value=Decimal(2))
    with pytest.raises(ValidationError) as caught:
        procedure_version_publish(draft)
    err = caught.value
    assert err.code == "processes_exceed_legal_time"
    text = err.messages[0]
    assert "Không thể công bố phiên bản" in text and "Cannot publish" in text
    assert "«Quy trình 24 giờ» (v1)" in text
    assert "24 giờ làm việc" in text and "16 giờ" in text
    assert ProcedureVersion.objects.get(pk=draft.pk).status == VersionStatus.DRAFT
    procedure.refresh_from_db()
    assert procedure.current_version.number == 1


def test_an_import_that_cuts_the_time_is_refused_the_same_way():
    procedure = _three_days_with_a_24_hour_process()
    times = tuple(TimeSpec(channel=ch, value=Decimal(2)) for ch in (Channel.IN_PERSON, Channel.ONLINE))
    spec = procedure_spec(code=procedure.code, name=procedure.name, times=times)
    with pytest.raises(ValidationError) as caught:
        procedure_publish(spec)
    assert caught.value.code == "processes_exceed_legal_time"


def test_a_time_that_still_holds_the_process_publishes():
    procedure = _three_days_with_a_24_hour_process()
    draft = procedure_version_create_draft(procedure.current_version)
    draft.processing_times.update(value=Decimal(4))
    assert procedure_version_publish(draft).status == VersionStatus.PUBLISHED


def test_a_process_longer_than_a_calendar_day_term_is_refused():
    times = tuple(
        TimeSpec(channel=ch, value=Decimal(7), unit=TimeUnit.DAY)
        for ch in (Channel.IN_PERSON, Channel.ONLINE)
    )
    procedure = publish_procedure(times=times)  # 7 calendar days hold 5 working days = 40 h
    with pytest.raises(ValidationError) as caught:
        process_definition_publish(make_definition(procedure, simple_steps(hours=("36", "6", "2"))))
    assert "over_allotment" in [e.code for e in caught.value.error_list]
    assert process_definition_publish(make_definition(procedure, simple_steps(hours=("30", "6", "2"))))
