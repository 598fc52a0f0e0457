"""A world for fee and payment tests: the dossier world's agencies and staff, and a fee-bearing
procedure whose lines are data — a charge exempt on on-time registration (declared in the e-form) or
for a poor household (confirmed by the officer), a per-copy fee, and a channel-specific charge."""

from decimal import Decimal

import pytest

from motcua.catalog.models import FeeBasis, FeeKind
from motcua.catalog.spec import ComponentSpec, ExemptionSpec, FeeSpec, ResultSpec, TimeSpec
from motcua.core.choices import Channel
from motcua.dossiers import lifecycle
from motcua.dossiers.models import Dossier
from motcua.workflow.services import default_definition_for
from tests.dossiers.world import act, make_world, mandatory_positions, receive, with_files
from tests.factories.catalog import publish_procedure

EFORM = (
    {"name": "ho_ten", "label": "Họ, chữ đệm và tên", "type": "text", "required": True},
    {
        "name": "dang_ky_dung_han",
        "label": "Đăng ký trong thời hạn 60 ngày kể từ ngày sinh",
        "type": "checkbox",
    },
    {"name": "so_ban_sao", "label": "Số bản sao đề nghị cấp", "type": "integer", "min": 0, "max": 10},
)
NOTE = "Miễn khi đăng ký đúng hạn (Luật Hộ tịch Đ.11 k.1), gia đình có công, hộ nghèo, người khuyết tật…"
FEES = (
    FeeSpec(
        kind=FeeKind.CHARGE,
        name="Lệ phí đăng ký khai sinh",
        amount=8000,
        description=NOTE,
        exemptions=(
            ExemptionSpec(code="dung_han", label="Đăng ký khai sinh đúng hạn", field="dang_ky_dung_han"),
            ExemptionSpec(code="ho_ngheo", label="Hộ nghèo"),
        ),
    ),
    FeeSpec(
        kind=FeeKind.FEE,
        name="Phí cấp bản sao Giấy khai sinh",
        amount=8000,
        basis=FeeBasis.PER_UNIT,
        quantity_field="so_ban_sao",
        description="8.000 đ/bản",
    ),
    FeeSpec(channel=Channel.IN_PERSON, kind=FeeKind.FEE, name="Phí tiếp nhận tại quầy", amount=5000),
)


def fee_procedure(world, fees=FEES):
    procedure = publish_procedure(
        competent_agencies=(world.department.identifier,),
        receiving_agencies=(world.centre.identifier,),
        times=(
            TimeSpec(channel=Channel.IN_PERSON, value=Decimal(3)),
            TimeSpec(channel=Channel.ONLINE, value=Decimal(3)),
        ),
        fees=fees,
        components=(ComponentSpec(name="Tờ khai", originals=1),),
        results=(ResultSpec(name="Giấy khai sinh"),),
        eform=EFORM,
    )
    default_definition_for(procedure)
    world.procedure = procedure
    return procedure


def submit_online(world, **answers) -> Dossier:
    return lifecycle.perform(
        None,
        "submit",
        world.citizen,
        procedure=world.procedure.code,
        competent_agency=world.department.identifier,
        eform_data={"ho_ten": world.applicant.full_name, **answers},
        components=with_files({"position": p} for p in mandatory_positions(world)),
    )


def awaiting_payment(world, *, copies: int = 1, **params) -> Dossier:
    """Filed online (copies asked), received, and the officer requested payment: national status 6."""
    dossier = submit_online(world, so_ban_sao=copies)
    dossier = receive(world, dossier)
    return act(dossier, "request_payment", world.officer, **params)


@pytest.fixture
def fee_world(db):
    world = make_world()
    fee_procedure(world)
    return world
