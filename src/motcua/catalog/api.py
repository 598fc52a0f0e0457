"""GET /api/v1/procedures and /api/v1/procedures/{code}: only translation, the reads are in selectors."""

from django.http import HttpRequest
from ninja import Query, Router, Schema
from ninja.pagination import paginate

from motcua.api.errors import ApiError
from motcua.api.openapi import operation_doc
from motcua.api.pagination import LimitOffset

from .selectors import procedure_get, procedure_list

router = Router(tags=["procedures"])


class ProcedureFilters(Schema):
    q: str | None = None
    sector: str | None = None
    agency: str | None = None
    online_kind: str | None = None
    level: str | None = None


class ProcedureBase(Schema):
    code: str
    name: str
    sector_code: str | None
    sector_name: str | None
    level: str
    online_kind: str
    online_kind_label: str


class ProcedureOut(ProcedureBase):
    @staticmethod
    def resolve_sector_code(obj):
        return obj.sector.code if obj.sector else None

    @staticmethod
    def resolve_sector_name(obj):
        return obj.sector.name if obj.sector else None

    @staticmethod
    def resolve_online_kind_label(obj):
        return obj.get_online_kind_display()


class TimeOut(Schema):
    channel: str
    value: float
    unit: str
    working_hours: float | None
    description: str


class FeeOut(Schema):
    channel: str
    kind: str
    amount: int
    description: str


class ComponentOut(Schema):
    name: str
    case: str
    originals: int
    copies: int
    mandatory: bool
    template_name: str


class ResultOut(Schema):
    code: str
    name: str


class LegalBasisOut(Schema):
    number: str
    title: str


class AgencyRef(Schema):
    identifier: str
    name: str


class ProcedureDetailOut(ProcedureBase):
    version: int
    published_at: str | None
    description: str
    steps: str
    requirements: str
    applicant_types: list[str]
    competent_agencies: list[AgencyRef]
    receiving_agencies: list[AgencyRef]
    processing_times: list[TimeOut]
    fees: list[FeeOut]
    components: list[ComponentOut]
    results: list[ResultOut]
    legal_bases: list[LegalBasisOut]


def _detail(procedure) -> dict:
    v = procedure.current_version
    return {
        "code": procedure.code,
        "name": v.name,
        "sector_code": v.sector.code,
        "sector_name": v.sector.name,
        "level": v.level,
        "online_kind": v.online_kind,
        "online_kind_label": v.get_online_kind_display(),
        "version": v.number,
        "published_at": v.published_at.isoformat() if v.published_at else None,
        "description": v.description,
        "steps": v.steps,
        "requirements": v.requirements,
        "applicant_types": v.applicant_types,
        "competent_agencies": list(v.competent_agencies.all()),
        "receiving_agencies": list(v.receiving_agencies.all()),
        "processing_times": [
            {
                "channel": t.channel,
                "value": float(t.value),
                "unit": t.unit,
                "working_hours": float(t.working_hours) if t.working_hours is not None else None,
                "description": t.description,
            }
            for t in v.processing_times.all()
        ],
        "fees": list(v.fees.all()),
        "components": list(v.components.all()),
        "results": list(v.results.all()),
        "legal_bases": list(v.legal_bases.all()),
    }


@router.get(
    "",
    response=list[ProcedureOut],
    summary="Tìm thủ tục / Search procedures",
    openapi_extra=operation_doc(400, 422),
)
@paginate(LimitOffset)
def list_procedures(request: HttpRequest, filters: Query[ProcedureFilters]):
    return procedure_list(**filters.dict())


@router.get(
    "/{code}",
    response=ProcedureDetailOut,
    summary="Chi tiết thủ tục / Procedure detail",
    openapi_extra=operation_doc(400, 404),
)
def get_procedure(request: HttpRequest, code: str):
    procedure = procedure_get(code)
    if procedure is None:
        raise ApiError(
            404,
            "procedure_not_found",
            f"Không tìm thấy thủ tục mã {code}.",
            f"No procedure with code {code}.",
        )
    return _detail(procedure)
