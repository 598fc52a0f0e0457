"""The demo gives a province worth clicking through: departments, communes with centres, staff for
every role, real procedures, and every identifier shaped right and marked invented."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from motcua.catalog.models import Level, Procedure, VersionStatus
from motcua.catalog.selectors import procedure_list
from motcua.core.text import fold
from motcua.demo.agencies import CITY_CENTRE_ID, CITY_COMMITTEE_ID, communes_csv
from motcua.demo.staff import DEMO_PASSWORD
from motcua.organizations.models import (
    Agency,
    AgencyKind,
    AgencySuccession,
    Applicant,
    ApplicantKind,
    Role,
    StaffRole,
    User,
)
from motcua.organizations.selectors import user_has_role
from motcua.organizations.validators import validate_agency_identifier

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    call_command("load_demo", stdout=StringIO())


def test_agency_tree(demo):
    today = timezone.localdate()
    active = Agency.objects.active_on(today)
    city = Agency.objects.get(identifier=CITY_COMMITTEE_ID)
    assert city.kind == AgencyKind.PROVINCE_COMMITTEE
    assert Agency.objects.get(identifier=CITY_CENTRE_ID).kind == AgencyKind.PROVINCE_SERVICE_CENTRE

    departments = active.filter(kind=AgencyKind.DEPARTMENT)
    assert departments.count() >= 10
    for dept in departments:
        assert dept.parent == city
        assert 2 <= dept.children.filter(kind=AgencyKind.DIVISION).count() <= 3, dept

    communes = active.filter(kind=AgencyKind.COMMUNE_COMMITTEE)
    assert communes.count() >= 20
    real = communes_csv()
    kinds = set()
    for commune in communes:
        assert commune.admin_unit_code in real, commune
        name, kind = real[commune.admin_unit_code]
        assert fold(name) in fold(commune.name), commune
        kinds.add(kind)
        centres = commune.children.filter(kind=AgencyKind.COMMUNE_SERVICE_CENTRE)
        assert centres.count() == 1, commune
    assert kinds == {"phuong", "xa", "dac_khu"}


def test_every_identifier_is_valid_and_marked_invented(demo):
    for agency in Agency.objects.all():
        validate_agency_identifier(agency.identifier)
        assert agency.identifier.endswith(".H99")
        assert agency.identifier_is_invented, agency


def test_successions_keep_history(demo):
    successions = AgencySuccession.objects.select_related("predecessor", "successor")
    assert successions.count() >= 2
    for item in successions:
        assert item.legal_basis
        assert item.predecessor.valid_to is not None
        assert item.predecessor.valid_to < item.effective_date
    assert successions.filter(successor__name="Sở Tài chính").exists()


def test_a_staff_user_for_every_role_and_one_password(demo):
    for role in Role:
        assert StaffRole.objects.filter(role=role, user__is_staff=True).exists(), role
    assert User.objects.get(username="tiepnhan.vinhbao").check_password(DEMO_PASSWORD)
    admin = User.objects.get(username="admin")
    assert admin.is_superuser and admin.check_password(DEMO_PASSWORD)

    deputy = User.objects.get(username="phochutich.vinhbao")
    vinhbao = Agency.objects.get(admin_unit_code="11824")
    grant = user_has_role(deputy, Role.LEADER, vinhbao)
    assert grant is not None and grant.on_behalf_of_id == User.objects.get(username="lanhdao.vinhbao").pk


def test_applicants_and_the_citizen_account(demo):
    citizens = Applicant.objects.filter(kind=ApplicantKind.CITIZEN)
    organisations = Applicant.objects.filter(kind=ApplicantKind.ORGANISATION)
    assert citizens.count() + organisations.count() >= 20
    assert organisations.count() >= 3
    assert all(a.id_number.startswith("031") and len(a.id_number) == 12 for a in citizens)
    assert all(len(a.tax_code) == 10 for a in organisations)
    citizen = User.objects.get(username="congdan")
    assert not citizen.is_staff
    assert citizen.applicant.kind == ApplicantKind.CITIZEN


def test_procedures_are_published_with_agencies(demo):
    procedures = Procedure.objects.select_related("current_version")
    assert procedures.count() >= 30
    commune_committees = Agency.objects.filter(kind=AgencyKind.COMMUNE_COMMITTEE).count()
    for procedure in procedures:
        version = procedure.current_version
        assert version is not None and version.status == VersionStatus.PUBLISHED, procedure
        assert version.source_note, procedure
        assert version.processing_times.exists(), procedure
        assert version.competent_agencies.exists(), procedure
        receiving = set(version.receiving_agencies.values_list("kind", flat=True))
        if version.level == Level.COMMUNE:
            assert receiving == {AgencyKind.COMMUNE_SERVICE_CENTRE}, procedure
            if version.sector.code != "CTRU":
                assert version.competent_agencies.count() == commune_committees, procedure
        else:
            assert receiving == {AgencyKind.PROVINCE_SERVICE_CENTRE}, procedure
            assert set(version.competent_agencies.values_list("kind", flat=True)) == {AgencyKind.DEPARTMENT}
        for fee in version.fees.all():
            assert fee.description, procedure


def test_folded_search_finds_birth_registration(demo):
    found = list(procedure_list(q="dang ky khai sinh"))
    assert "1.001193" in [p.code for p in found]
    birth = next(p for p in found if p.code == "1.001193")
    assert "Đăng ký khai sinh".lower() in birth.name.lower()
    fee_notes = " ".join(birth.current_version.fees.values_list("description", flat=True))
    assert "mức thu minh họa, theo HĐND tỉnh khác" in fee_notes


def test_every_demo_procedure_has_a_published_process():
    from motcua.catalog.models import Procedure
    from motcua.workflow.models import ProcessDefinition

    call_command("load_demo", stdout=StringIO())
    with_process = set(
        ProcessDefinition.objects.filter(status="published").values_list("procedure__code", flat=True)
    )
    assert with_process == set(Procedure.objects.values_list("code", flat=True))
