"""A small world for dossier tests: a service centre that receives, a department that decides,
staff for each role of the default process, an applicant with an account, and a published
procedure with its default four-step process (thụ lý → lãnh đạo → văn thư → kết quả)."""

import json
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from motcua.catalog.models import Component, TimeUnit
from motcua.catalog.spec import ComponentSpec, FeeSpec, ResultSpec, TimeSpec
from motcua.core import clock
from motcua.core.choices import Channel
from motcua.dossiers import lifecycle
from motcua.dossiers.models import Dossier
from motcua.dossiers.states import national_status_for
from motcua.organizations.models import AgencyKind, Delegation, Role
from motcua.workflow.services import default_definition_for
from tests.factories.catalog import publish_procedure
from tests.factories.organizations import AgencyFactory, ApplicantFactory, StaffRoleFactory, UserFactory

VN = ZoneInfo("Asia/Ho_Chi_Minh")
PASSWORD = "matkhau-thu-nghiem"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"  # the smallest file the intake takes as a PDF


def pdf(name: str = "giay-to.pdf") -> SimpleUploadedFile:
    """A small valid PDF upload (a fresh one each call: an upload is read once)."""
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def issued(number: str = "123/GXN", **extra) -> dict:
    """`issue_result` params of a result that is a document: number, date, signer and a small PDF."""
    item = {
        "number": number,
        "signer": "Trần Văn Lãnh",
        "document_date": "2026-03-02",
        "file": pdf("ket-qua.pdf"),
    }
    return {"results": [{**item, **extra}]}


def with_files(components) -> list[dict]:
    """`components` for `lifecycle.perform`: each item given a small PDF unless it carries files."""
    return [{**c, "files": c.get("files") or [pdf(f"thanh-phan-{c['position']}.pdf")]} for c in components]


def multipart(body: dict, files: dict | None = None) -> dict:
    """The multipart form of an API write (`client.post(path, multipart(...))`, no content_type):
    the JSON `body` as `payload` and, as `component_<n>`, `files[n]` — by default a small PDF for
    each component the body lists."""
    if files is None:
        listed = [c["position"] for c in body.get("components") or ()]
        files = {p: [pdf(f"thanh-phan-{p}.pdf")] for p in listed}
    return {"payload": json.dumps(body), **{f"component_{p}": uploads for p, uploads in files.items()}}


def vn(*args) -> datetime:
    return datetime(*args, tzinfo=VN)


@dataclass
class World:
    centre: object
    department: object
    other: object
    desk: object
    officer: object
    leader: object
    clerk: object
    other_desk: object
    other_officer: object
    applicant: object
    citizen: object  # the applicant's user account
    procedure: object

    def staff(self, role: str, agency=None):
        return StaffRoleFactory(role=role, agency=agency or self.department).user

    def leader_delegates(self, delegate, starts_at, ends_at, agency=None, **extra):
        """The department's leader hands their leader role (at `agency`, default the department) to
        `delegate` from `starts_at` to `ends_at` (`extra`: e.g. `revoked_at`)."""
        return Delegation.objects.create(
            delegator=self.leader,
            delegate=delegate,
            agency=agency or self.department,
            role=Role.LEADER,
            starts_at=starts_at,
            ends_at=ends_at,
            **extra,
        )


class FixedClock:
    def __init__(self, start: datetime):
        self.at = start
        clock.set_now(lambda: self.at)

    def set(self, at: datetime) -> None:
        self.at = at


@pytest.fixture
def fixed_clock():
    return FixedClock(vn(2026, 3, 2, 9, 0))  # a Monday morning, 09:00 in Hà Nội time


def make_world(days=Decimal(3), unit=TimeUnit.WORKING_DAY, same_day_cutoff=None, components=None) -> World:
    centre = AgencyFactory(name="Trung tâm Phục vụ hành chính công", kind=AgencyKind.PROVINCE_SERVICE_CENTRE)
    department = AgencyFactory(name="Sở Tư pháp", kind=AgencyKind.DEPARTMENT)
    other = AgencyFactory(name="Sở Xây dựng", kind=AgencyKind.DEPARTMENT)
    procedure = publish_procedure(
        competent_agencies=(department.identifier, other.identifier),
        receiving_agencies=(centre.identifier,),
        times=(
            TimeSpec(channel=Channel.IN_PERSON, value=days, unit=unit),
            TimeSpec(channel=Channel.ONLINE, value=days, unit=unit),
            TimeSpec(channel=Channel.POST, value=days, unit=unit),
        ),
        fees=(FeeSpec(amount=8000),),
        components=components
        or (ComponentSpec(name="Tờ khai", originals=1), ComponentSpec(name="Bản sao CCCD", copies=1)),
        results=(ResultSpec(name="Giấy xác nhận"),),
        same_day_cutoff=same_day_cutoff,
    )
    default_definition_for(procedure)
    citizen = UserFactory(username="congdan")
    applicant = ApplicantFactory(user=citizen)
    return World(
        centre=centre,
        department=department,
        other=other,
        desk=StaffRoleFactory(role=Role.DESK_OFFICER, agency=centre, user__username="motcua").user,
        officer=StaffRoleFactory(
            role=Role.PROCESSING_OFFICER, agency=department, user__username="chuyenvien"
        ).user,
        leader=StaffRoleFactory(role=Role.LEADER, agency=department, user__username="lanhdao").user,
        clerk=StaffRoleFactory(role=Role.CLERK, agency=department, user__username="vanthu").user,
        other_desk=StaffRoleFactory(role=Role.DESK_OFFICER, agency=other).user,
        other_officer=StaffRoleFactory(role=Role.PROCESSING_OFFICER, agency=other).user,
        applicant=applicant,
        citizen=citizen,
        procedure=procedure,
    )


@pytest.fixture
def world(db) -> World:
    return make_world()


def mandatory_positions(world: World) -> list[int]:
    """Positions of the mandatory components of the procedure's version in force (read afresh: a test
    may publish a new version)."""
    return list(
        Component.objects.filter(
            version__procedure=world.procedure, version__status="published", mandatory=True
        ).values_list("position", flat=True)
    )


def online_body(world: World, **extra) -> dict:
    """The JSON body of a complete online submission through the API: send it with its files,
    `multipart(online_body(world))` (see `submit`)."""
    return {
        "procedure": world.procedure.code,
        "competent_agency": world.department.identifier,
        "eform_data": {"ho_ten": world.applicant.full_name},
        "components": [{"position": p} for p in mandatory_positions(world)],
        **extra,
    }


def submit(world: World, **params) -> Dossier:
    """The applicant files online a complete dossier: the e-form filled, a small PDF for every
    mandatory component (tests that need other files pass their own components)."""
    params.setdefault("procedure", world.procedure.code)
    params.setdefault("competent_agency", world.department.identifier)
    params.setdefault("eform_data", {"ho_ten": world.applicant.full_name})
    if "components" not in params:
        params["components"] = with_files({"position": p} for p in mandatory_positions(world))
    return lifecycle.perform(None, "submit", world.citizen, **params)


def act(dossier: Dossier, action: str, actor, **params) -> Dossier:
    """Perform with the dossier's current version, and check the state/national code pair."""
    dossier.refresh_from_db()
    result = lifecycle.perform(dossier, action, actor, dossier.version, **params)
    stored = Dossier.objects.get(pk=result.pk)
    assert stored.national_status == national_status_for(stored.state)
    return stored


def receive(world: World, dossier=None, **params) -> Dossier:
    if dossier is not None:
        return act(dossier, "receive", world.desk, **params)
    params.setdefault("procedure", world.procedure.code)
    params.setdefault("competent_agency", world.department.identifier)
    params.setdefault("applicant", world.applicant)
    params.setdefault("channel", "in_person")
    if "components" not in params:  # the paper the officer checked
        params["components"] = [{"position": p} for p in mandatory_positions(world)]
    return lifecycle.perform(None, "receive", world.desk, **params)


def to_result(world: World, dossier: Dossier) -> Dossier:
    """Receive (if needed) → thụ lý → lãnh đạo → văn thư → kết quả."""
    if dossier.state == "submitted":
        dossier = receive(world, dossier)
    dossier = act(dossier, "forward", world.officer)
    dossier = act(dossier, "approve", world.leader)
    return act(dossier, "issue_result", world.clerk, **issued("123/GXN"))


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploaded files go to a temporary directory, not the project's var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT
