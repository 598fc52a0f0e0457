"""Importing the same catalogue twice publishes nothing the second time; a change publishes one version."""

import json
from pathlib import Path

import pytest

from motcua.catalog.importing import catalog_export, catalog_import
from motcua.catalog.models import OnlineKind, Procedure, ProcedureVersion, VersionStatus
from tests.factories.organizations import AgencyFactory, UserFactory

pytestmark = pytest.mark.django_db
DATA = Path(__file__).parent / "data"


@pytest.fixture
def agencies():
    return [AgencyFactory(identifier="000.00.91.H98"), AgencyFactory(identifier="000.00.92.H98")]


def valid_payload():
    return json.loads((DATA / "catalogue_valid.json").read_text(encoding="utf-8"))


def test_importing_the_same_file_twice_changes_nothing_the_second_time(agencies):
    user = UserFactory()

    first = catalog_import(valid_payload(), user=user)
    versions = list(ProcedureVersion.objects.values_list("pk", "number", "status"))
    second = catalog_import(valid_payload())

    assert first.created == ["8.000101", "8.000102"]
    assert first.unchanged == []
    assert second.created == []
    assert second.unchanged == ["8.000101", "8.000102"]
    assert list(ProcedureVersion.objects.values_list("pk", "number", "status")) == versions
    permit = Procedure.objects.get(code="8.000102")
    assert permit.online_kind == OnlineKind.PARTIAL
    assert permit.current_version.published_by == user
    assert list(permit.current_version.receiving_agencies.all()) == [agencies[1]]
    assert permit.current_version.fees.get().amount == 75_000


def test_a_changed_record_publishes_one_new_version_and_keeps_the_old_one(agencies):
    catalog_import(valid_payload())
    changed = valid_payload()
    changed["data"][0]["CACHTHUCTHUCHIEN"][2]["THOIGIAN"][0]["PHILEPHI"][0]["SOTIEN"] = "10.000"

    report = catalog_import(changed, change_note="Quyết định 99/QĐ-UBND (minh họa)")

    assert report.created == ["8.000101"]
    assert report.unchanged == ["8.000102"]
    birth = Procedure.objects.get(code="8.000101")
    assert list(birth.versions.order_by("number").values_list("number", "status")) == [
        (1, VersionStatus.SUPERSEDED),
        (2, VersionStatus.PUBLISHED),
    ]
    assert birth.current_version.change_note == "Quyết định 99/QĐ-UBND (minh họa)"
    assert sorted(birth.current_version.fees.values_list("amount", flat=True)) == [0, 0, 10_000]


def test_an_export_imported_again_is_unchanged(agencies):
    catalog_import(valid_payload())

    exported = catalog_export()
    report = catalog_import(json.loads(json.dumps(exported, ensure_ascii=False)))

    assert [r["MATTHC"] for r in exported] == ["8.000101", "8.000102"]
    assert exported[1]["NOITIEPNHAN"] == [{"MADONVI": "000.00.92.H98", "TENDONVI": agencies[1].name}]
    assert report.unchanged == ["8.000101", "8.000102"]
    assert ProcedureVersion.objects.count() == 2
