"""A small world for portal tests: two communes (committee + service centre each), the demo's birth
registration procedure (with its real e-form) published for them with the default four-step process,
staff for every role at the first commune, and a citizen with an account."""

from __future__ import annotations

import io
from dataclasses import dataclass

from django.core.files.uploadedfile import SimpleUploadedFile

from motcua.catalog.models import OnlineKind
from motcua.catalog.services import procedure_publish
from motcua.demo.procedures import procedure_specs
from motcua.dossiers import lifecycle
from motcua.dossiers.models import Dossier
from motcua.organizations.models import AgencyKind, Role
from motcua.workflow.services import default_definition_for
from tests.factories.organizations import AgencyFactory, ApplicantFactory, StaffRoleFactory, UserFactory

PASSWORD = "matkhau-thu-nghiem"
BIRTH = "1.001193"


@dataclass
class PortalWorld:
    committee: object
    centre: object
    other_committee: object
    other_centre: object
    procedure: object
    version: object
    desk: object
    officer: object
    leader: object
    clerk: object
    citizen: object
    applicant: object


def make_portal_world(online_kind: str = OnlineKind.FULL) -> PortalWorld:
    committee = AgencyFactory(name="Ủy ban nhân dân xã Vĩnh Bảo", kind=AgencyKind.COMMUNE_COMMITTEE)
    centre = AgencyFactory(
        name="Trung tâm Phục vụ hành chính công xã Vĩnh Bảo",
        kind=AgencyKind.COMMUNE_SERVICE_CENTRE,
        parent=committee,
    )
    other_committee = AgencyFactory(name="Ủy ban nhân dân xã Tiên Lãng", kind=AgencyKind.COMMUNE_COMMITTEE)
    other_centre = AgencyFactory(
        name="Trung tâm Phục vụ hành chính công xã Tiên Lãng",
        kind=AgencyKind.COMMUNE_SERVICE_CENTRE,
        parent=other_committee,
    )
    spec = next(s for s in procedure_specs() if s.code == BIRTH)
    spec = spec.model_copy(
        update={
            "online_kind": online_kind,
            "competent_agencies": (committee.identifier, other_committee.identifier),
            "receiving_agencies": (centre.identifier, other_centre.identifier),
        }
    )
    version, _ = procedure_publish(spec)
    default_definition_for(version.procedure)
    citizen = UserFactory(username="congdan", first_name="Nguyễn Thị Hoa", last_name="")
    applicant = ApplicantFactory(
        user=citizen, full_name="Nguyễn Thị Hoa", id_number="031190000123", phone="0912345678"
    )
    return PortalWorld(
        committee=committee,
        centre=centre,
        other_committee=other_committee,
        other_centre=other_centre,
        procedure=version.procedure,
        version=version,
        desk=StaffRoleFactory(role=Role.DESK_OFFICER, agency=centre, user__username="motcua").user,
        officer=StaffRoleFactory(
            role=Role.PROCESSING_OFFICER, agency=committee, user__username="chuyenvien"
        ).user,
        leader=StaffRoleFactory(role=Role.LEADER, agency=committee, user__username="lanhdao").user,
        clerk=StaffRoleFactory(role=Role.CLERK, agency=committee, user__username="vanthu").user,
        citizen=citizen,
        applicant=applicant,
    )


# ----- files ----------------------------------------------------------------------------------------------

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 64


def pdf(name="to-khai.pdf", size=None) -> SimpleUploadedFile:
    body = PDF if size is None else PDF + b"0" * (size - len(PDF))
    return SimpleUploadedFile(name, body, content_type="application/pdf")


def jpeg(name="cccd.jpg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, JPEG, content_type="image/jpeg")


def fake(name="giay-chung-sinh.pdf", body=b"MZ\x90\x00 this is not a pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, body, content_type="application/pdf")


def file_bytes(content: bytes) -> io.BytesIO:
    return io.BytesIO(content)


BIRTH_FORM = {
    "nguoi_yeu_cau": "Nguyễn Thị Hoa",
    "cccd_nguoi_yeu_cau": "031190000123",
    "dien_thoai": "0912345678",
    "quan_he": "Mẹ",
    "ho_ten": "Trần Minh An",
    "gioi_tinh": "Nam",
    "ngay_sinh": "2026-02-20",
    "noi_sinh": "Bệnh viện Phụ sản Hải Phòng",
    "dan_toc": "Kinh",
    "quoc_tich": "Việt Nam",
    "ho_ten_me": "Nguyễn Thị Hoa",
    "so_ban_sao": "1",
}


# ----- the officers' side (through the lifecycle service, as the back office does) ------------------------


def act(dossier: Dossier, action: str, actor, **params) -> Dossier:
    dossier = Dossier.objects.get(pk=dossier.pk)
    return lifecycle.perform(dossier, action, actor, dossier.version, **params)


def finish_and_return(world: PortalWorld, dossier: Dossier, result_file=None) -> Dossier:
    """thụ lý → lãnh đạo → văn thư (issues the e-result) → the desk returns it electronically."""
    dossier = act(dossier, "forward", world.officer)
    dossier = act(dossier, "approve", world.leader)
    results = [
        {
            "name": "Giấy khai sinh (bản điện tử)",
            "number": "15/2026",
            "signer": "Trần Văn Lãnh",
            "document_date": "2026-03-02",
            "file": result_file,
        }
    ]
    dossier = act(dossier, "issue_result", world.clerk, results=results)
    return act(dossier, "return_result", world.desk, return_channel="electronic")
