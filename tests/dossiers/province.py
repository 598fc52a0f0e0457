"""A small province for authorization tests: the province's people's committee at the top, two communes
(committee + its service centre each) and a department below it; staff of every role at the first
commune, supervisors at the first commune and at the province, desk officers at the second commune,
an applicant who owns three dossiers and another applicant.

The three dossiers, named for where they are:
- "commune": received at commune A's centre, decided by commune A's committee (at the processing
  officer's step there);
- "centre_only": received at commune A's centre, decided by the department (at its processing
  officer's step): of commune A only the centre, a unit below its committee, touches it;
- "sibling": received and decided by commune B.
Each carries one scanned file (a real one-page PDF)."""

from __future__ import annotations

import io
import json
from dataclasses import dataclass, field

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from pypdf import PdfWriter

from motcua.catalog.spec import ComponentSpec
from motcua.dossiers import lifecycle
from motcua.dossiers.models import Dossier, DossierFile
from motcua.organizations.models import AgencyKind, Role
from motcua.workflow.services import default_definition_for
from tests.factories.catalog import publish_procedure
from tests.factories.organizations import AgencyFactory, ApplicantFactory, StaffRoleFactory, UserFactory

from .world import PASSWORD

PLACES = ("commune", "centre_only", "sibling")
STAFF = ("desk", "officer", "leader", "clerk", "supervisor_commune", "supervisor_province")
ROLES = (*STAFF, "owner", "other_applicant", "anonymous")


def scan_pdf(name: str = "to-khai.pdf") -> SimpleUploadedFile:
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    buffer = io.BytesIO()
    writer.write(buffer)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="application/pdf")


@dataclass
class Province:
    province: object
    committee_a: object
    centre_a: object
    committee_b: object
    centre_b: object
    department: object
    procedure: object
    users: dict[str, object]  # role name (ROLES, anonymous excluded) → user
    desk_b: object
    dept_officer: object
    applicant: object
    other_applicant: object
    dossiers: dict[str, Dossier] = field(default_factory=dict)  # place → dossier
    files: dict[str, DossierFile] = field(default_factory=dict)  # place → its scan

    def user(self, role: str):
        return self.users.get(role)  # None for "anonymous"

    def code(self, place: str) -> str:
        return self.dossiers[place].code


def _receive(desk, procedure, applicant, competent, receiving) -> Dossier:
    return lifecycle.perform(
        None,
        "receive",
        desk,
        procedure=procedure.code,
        applicant=applicant,
        channel="in_person",
        competent_agency=competent.identifier,
        receiving_agency=receiving.identifier,
        eform_data={"ho_ten": applicant.full_name},
        components=[{"position": 1, "files": [scan_pdf()]}],
    )


def make_province() -> Province:
    province = AgencyFactory(name="Ủy ban nhân dân thành phố", kind=AgencyKind.PROVINCE_COMMITTEE)
    committee_a = AgencyFactory(name="UBND xã Vĩnh Bảo", kind=AgencyKind.COMMUNE_COMMITTEE, parent=province)
    centre_a = AgencyFactory(
        name="Trung tâm PVHCC xã Vĩnh Bảo", kind=AgencyKind.COMMUNE_SERVICE_CENTRE, parent=committee_a
    )
    committee_b = AgencyFactory(name="UBND xã Tiên Lãng", kind=AgencyKind.COMMUNE_COMMITTEE, parent=province)
    centre_b = AgencyFactory(
        name="Trung tâm PVHCC xã Tiên Lãng", kind=AgencyKind.COMMUNE_SERVICE_CENTRE, parent=committee_b
    )
    department = AgencyFactory(name="Sở Tư pháp", kind=AgencyKind.DEPARTMENT, parent=province)
    procedure = publish_procedure(
        competent_agencies=(committee_a.identifier, committee_b.identifier, department.identifier),
        receiving_agencies=(centre_a.identifier, centre_b.identifier),
        components=(ComponentSpec(name="Tờ khai", originals=1),),
    )
    default_definition_for(procedure)

    def staff(role, agency, username):
        return StaffRoleFactory(role=role, agency=agency, user__username=username).user

    users = {
        "desk": staff(Role.DESK_OFFICER, centre_a, "tiepnhan.a"),
        "officer": staff(Role.PROCESSING_OFFICER, committee_a, "thuly.a"),
        "leader": staff(Role.LEADER, committee_a, "lanhdao.a"),
        "clerk": staff(Role.CLERK, committee_a, "vanthu.a"),
        "supervisor_commune": staff(Role.SUPERVISOR, committee_a, "giamsat.a"),
        "supervisor_province": staff(Role.SUPERVISOR, province, "giamsat.tinh"),
    }
    owner = UserFactory(username="congdan")
    applicant = ApplicantFactory(user=owner, full_name="Nguyễn Thị Hoa", id_number="031190000123")
    stranger = UserFactory(username="nguoikhac")
    other_applicant = ApplicantFactory(user=stranger, full_name="Lê Văn Nam", id_number="031078000456")
    users.update(owner=owner, other_applicant=stranger)
    world = Province(
        province=province,
        committee_a=committee_a,
        centre_a=centre_a,
        committee_b=committee_b,
        centre_b=centre_b,
        department=department,
        procedure=procedure,
        users=users,
        desk_b=staff(Role.DESK_OFFICER, centre_b, "tiepnhan.b"),
        dept_officer=staff(Role.PROCESSING_OFFICER, department, "thuly.so"),
        applicant=applicant,
        other_applicant=other_applicant,
    )
    desk_a = users["desk"]
    world.dossiers = {
        "commune": _receive(desk_a, procedure, applicant, committee_a, centre_a),
        "centre_only": _receive(desk_a, procedure, applicant, department, centre_a),
        "sibling": _receive(world.desk_b, procedure, applicant, committee_b, centre_b),
    }
    world.files = {
        place: DossierFile.objects.get(component__dossier=d) for place, d in world.dossiers.items()
    }
    return world


@pytest.fixture
def province(db, fixed_clock) -> Province:
    return make_province()


class ApiCaller:
    """HTTP calls to the API with a bearer token taken at POST /api/v1/auth/token (none: anonymous)."""

    def __init__(self, user):
        self.client = Client()
        self.headers = {}
        if user is not None:
            response = self.client.post(
                "/api/v1/auth/token",
                {"username": user.username, "password": PASSWORD},
                content_type="application/json",
            )
            assert response.status_code == 201, response.content
            self.headers = {"Authorization": f"Bearer {response.json()['token']}"}

    def get(self, path: str, **params):
        return self.client.get(path, params, headers=self.headers)

    def post(self, path: str, body: dict):
        return self.client.post(path, json.dumps(body), content_type="application/json", headers=self.headers)


def page_client(user) -> Client:
    """A browser session logged in as `user` (none: anonymous)."""
    client = Client()
    if user is not None:
        client.force_login(user)
    return client
