"""`load_demo` twice: same rows, nothing rewritten, no duplicates."""

from io import StringIO

import pytest
from django.core.management import call_command

from motcua.catalog.models import Component, Fee, Procedure, ProcedureVersion, ProcessingTime, Sector
from motcua.organizations.models import (
    Agency,
    AgencySuccession,
    Applicant,
    Delegation,
    StaffRole,
    User,
)
from motcua.workflow.models import ProcessDefinition

pytestmark = pytest.mark.django_db

MODELS = (
    Agency,
    AgencySuccession,
    User,
    StaffRole,
    Delegation,
    Applicant,
    Sector,
    Procedure,
    ProcedureVersion,
    ProcessingTime,
    Fee,
    Component,
    ProcessDefinition,
)


def _counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELS}


def _snapshot() -> dict:
    return {
        "passwords": dict(User.objects.values_list("username", "password")),
        "current_versions": dict(Procedure.objects.values_list("code", "current_version_id")),
        "delegations": list(Delegation.objects.values_list("pk", "starts_at", "ends_at")),
        "agencies": list(Agency.objects.order_by("pk").values("pk", "identifier", "name", "parent_id")),
    }


def test_running_load_demo_twice_changes_nothing():
    out = StringIO()
    call_command("load_demo", stdout=out)
    first_counts, first = _counts(), _snapshot()
    assert first_counts["Agency"] > 0 and first_counts["Procedure"] > 0

    out = StringIO()
    call_command("load_demo", stdout=out)

    assert _counts() == first_counts
    assert _snapshot() == first
    assert "(0 phiên bản mới công bố)" in out.getvalue()
    assert ProcedureVersion.objects.count() == Procedure.objects.count()


def test_load_demo_repairs_a_changed_demo_row_without_duplicating_it():
    call_command("load_demo", stdout=StringIO())
    before = _counts()
    Agency.objects.filter(identifier="000.00.01.H99").update(name="Tên bị sửa nhầm")
    User.objects.filter(username="tiepnhan.vinhbao").update(is_active=False)

    call_command("load_demo", stdout=StringIO())

    assert _counts() == before
    assert Agency.objects.get(identifier="000.00.01.H99").name == "Sở Tư pháp"
    assert User.objects.get(username="tiepnhan.vinhbao").is_active
