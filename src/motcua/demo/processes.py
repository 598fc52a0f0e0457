"""An inter-agency process (liên thông) for the demo: the Department of Justice's criminal-record
certificate (1.999001) goes through a verification step at the city police before the department's
leader decides, as the Law on Judicial Records (28/2009/QH12, art. 45) has the police supply criminal
records. The police officer acts on the Justice dossier at their own step; every other procedure keeps the
default four-step process. Loaded through `workflow.services.process_definition_import`, so it is
validated like any imported process; idempotent (a published variant is left alone)."""

from motcua.catalog.models import Procedure
from motcua.workflow.models import DefinitionStatus, ProcessDefinition

from .agencies import DEPARTMENTS_BY_KEY

LLTP = "1.999001"


def interagency_process_spec() -> dict:
    """The JSON form (`motcua.process/1`, docs/workflow.md) of the Justice-with-police process: 80
    working hours in all (10 working days), the police step 24 of them."""
    justice = DEPARTMENTS_BY_KEY["sotuphap"].identifier
    police = DEPARTMENTS_BY_KEY["congan"].identifier
    return {
        "format": "motcua.process/1",
        "procedure": LLTP,
        "agency": justice,
        "name": "Quy trình liên thông: Sở Tư pháp - Công an thành phố (cấp Phiếu lý lịch tư pháp)",
        "description": (
            "Sở Tư pháp thụ lý, Công an thành phố xác minh thông tin án tích, lãnh đạo Sở phê duyệt."
        ),
        "status": "published",
        "steps": [
            {
                "key": "thu-ly",
                "name": "Thụ lý hồ sơ",
                "role": "processing_officer",
                "allotment_hours": "24",
                "public_status": "Hồ sơ đang được thụ lý",
                "transitions": [
                    {"action": "forward", "to": "xac-minh-cong-an"},
                    {"action": "consult", "to": "thu-ly"},
                    {"action": "answer_consultation", "to": "thu-ly"},
                    {"action": "request_payment", "to": "thu-ly"},
                ],
            },
            {
                "key": "xac-minh-cong-an",
                "name": "Xác minh thông tin án tích (Công an thành phố)",
                "role": "processing_officer",
                "agency": police,
                "allotment_hours": "24",
                "public_status": "Hồ sơ đang được xác minh tại cơ quan phối hợp",
                "transitions": [
                    {"action": "forward", "to": "trinh-lanh-dao"},
                    {"action": "send_back", "to": "thu-ly"},
                ],
            },
            {
                "key": "trinh-lanh-dao",
                "name": "Trình lãnh đạo Sở phê duyệt",
                "role": "leader",
                "allotment_hours": "20",
                "public_status": "Hồ sơ đang trình lãnh đạo phê duyệt",
                "transitions": [
                    {"action": "approve", "to": "vao-so"},
                    {"action": "reject", "to": None},
                    {"action": "send_back", "to": "thu-ly"},
                ],
            },
            {
                "key": "vao-so",
                "name": "Vào số, đóng dấu",
                "role": "clerk",
                "allotment_hours": "12",
                "public_status": "Kết quả đang được vào số, đóng dấu",
                "transitions": [
                    {"action": "issue_result", "to": "ket-qua"},
                    {"action": "send_back", "to": "trinh-lanh-dao"},
                ],
            },
            {
                "key": "ket-qua",
                "name": "Kết quả",
                "role": "desk_officer",
                "allotment_hours": "0",
                "notify_applicant": True,
                "public_status": "Đã có kết quả giải quyết",
                "is_terminal": True,
            },
        ],
    }


def load_interagency_processes() -> int:
    """Publish the inter-agency variant unless one is published; returns how many were published now."""
    from motcua.workflow.services import process_definition_import

    justice = DEPARTMENTS_BY_KEY["sotuphap"].identifier
    if not Procedure.objects.filter(code=LLTP, current_version__isnull=False).exists():
        return 0
    exists = ProcessDefinition.objects.filter(
        procedure__code=LLTP, agency__identifier=justice, status=DefinitionStatus.PUBLISHED
    ).exists()
    if exists:
        return 0
    process_definition_import(interagency_process_spec(), publish=True)
    return 1
