from decimal import Decimal

from motcua.catalog.models import Level, OnlineKind
from motcua.catalog.services import procedure_publish
from motcua.catalog.spec import ComponentSpec, FeeSpec, ProcedureSpec, ResultSpec, TimeSpec
from motcua.core.choices import Channel

_counter = iter(range(1, 10**6))

# The test procedures' e-form: one required name (what the test worlds submit as `eform_data`).
EFORM = ({"name": "ho_ten", "label": "Họ, chữ đệm và tên", "type": "text", "required": True},)


def procedure_spec(**overrides) -> ProcedureSpec:
    n = next(_counter)
    data = {
        "code": f"9.{n:06d}",
        "name": f"Thủ tục thử nghiệm {n}",
        "sector_code": "HT",
        "sector_name": "Hộ tịch",
        "level": Level.COMMUNE,
        "online_kind": OnlineKind.PARTIAL,
        "times": (
            TimeSpec(channel=Channel.IN_PERSON, value=Decimal(3)),
            TimeSpec(channel=Channel.ONLINE, value=Decimal(3)),
        ),
        "fees": (FeeSpec(amount=8000),),
        "components": (ComponentSpec(name="Tờ khai", originals=1),),
        "results": (ResultSpec(name="Giấy xác nhận"),),
        "eform": EFORM,
    }
    data.update(overrides)
    return ProcedureSpec(**data)


def publish_procedure(**overrides):
    """A published procedure built through the real service; returns the Procedure."""
    version, _ = procedure_publish(procedure_spec(**overrides))
    return version.procedure
