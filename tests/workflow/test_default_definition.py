"""The default four-step process fits the procedure's legal time, for same-day and multi-day procedures."""

from decimal import Decimal

import pytest

from motcua.catalog.models import TimeUnit
from motcua.catalog.spec import TimeSpec
from motcua.core.choices import Channel
from motcua.workflow.models import DefinitionStatus
from motcua.workflow.runner import runner_for
from motcua.workflow.services import default_allotments, default_definition_for
from motcua.workflow.validation import longest_path_hours
from tests.factories.catalog import publish_procedure

pytestmark = pytest.mark.django_db


def _procedure(value, unit=TimeUnit.WORKING_DAY):
    return publish_procedure(times=(TimeSpec(channel=Channel.IN_PERSON, value=Decimal(value), unit=unit),))


def _allotments(definition):
    return [s.allotment_hours for s in runner_for(definition.pk).steps()]


def test_same_day_procedure_gets_8_working_hours():
    definition = default_definition_for(_procedure("1"))
    assert definition.status == DefinitionStatus.PUBLISHED
    assert _allotments(definition) == [Decimal("4.5"), Decimal("2"), Decimal("1.5"), Decimal("0")]
    assert longest_path_hours(definition) == Decimal(8)


def test_ten_day_procedure_gets_80_working_hours():
    definition = default_definition_for(_procedure("10"))
    assert _allotments(definition) == [Decimal(48), Decimal(20), Decimal(12), Decimal(0)]
    assert longest_path_hours(definition) == Decimal(80)


def test_working_hour_procedure():
    definition = default_definition_for(_procedure("4", TimeUnit.WORKING_HOUR))
    assert sum(_allotments(definition)) == Decimal(4)


def test_allotments_are_half_hours_and_never_exceed_the_total():
    for total in [Decimal(x) / 2 for x in range(0, 400)]:
        parts = default_allotments(total)
        assert sum(parts) == total
        assert all(p >= 0 for p in parts)
        assert all((p * 2) == (p * 2).to_integral_value() for p in parts[:2])


def test_shape_and_actions():
    runner = runner_for(default_definition_for(_procedure("3")).pk)
    steps = runner.steps()
    assert [(s.name, s.role, s.is_terminal) for s in steps] == [
        ("Thụ lý hồ sơ", "processing_officer", False),
        ("Trình lãnh đạo phê duyệt", "leader", False),
        ("Vào số, đóng dấu", "clerk", False),
        ("Kết quả", "desk_officer", True),
    ]
    used = {a for s in steps for a in runner.allowed_actions(s.key)}
    assert used >= {"forward", "send_back", "consult", "request_payment", "approve", "reject", "issue_result"}
    assert all(s.public_status for s in steps)
