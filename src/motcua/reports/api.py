"""`/api/v1/reports`: the Decision 766 index and the summary counts (issue 12, docs/api.md).

GET /reports/index-766?from=YYYY-MM-DD&to=YYYY-MM-DD[&agency=<identifier>] → `index766.compute`
GET /reports/summary?from&to[&agency]                                     → `summary.summary`
Both need a bearer token or session of a leader, supervisor or admin (`access.scope_for`): without
`agency` the caller's whole scope (the province for the province's supervisors).
"""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from motcua.api.auth import api_auth
from motcua.api.errors import ApiError
from motcua.api.openapi import operation_doc

from . import index766
from .access import scope_for
from .selectors import Period, ReportError
from .summary import summary as summary_of

router = Router(tags=["reports"])


class PeriodQuery(Schema):
    from_: str = Field(..., alias="from", description="ngày đầu kỳ / first day, YYYY-MM-DD")
    to: str = Field(..., description="ngày cuối kỳ / last day, YYYY-MM-DD")
    agency: str | None = Field(None, description="mã định danh cơ quan / agency identifier")


def _resolve(request: HttpRequest, q: PeriodQuery):
    try:
        return Period.parse(q.from_, q.to), scope_for(request.auth, q.agency)
    except ReportError as exc:
        raise ApiError(exc.status, exc.code, exc.message_vi, exc.message_en) from None


@router.get("/index-766", auth=api_auth, response=dict, openapi_extra=operation_doc(400, 401, 403, 422))
def index_766(request: HttpRequest, q: Query[PeriodQuery]):
    """Bộ chỉ số 766 của phạm vi trong kỳ / the Decision 766 index of the scope for the period."""
    period, scope = _resolve(request, q)
    return index766.compute(period, scope)


@router.get("/summary", auth=api_auth, response=dict, openapi_extra=operation_doc(400, 401, 403, 422))
def summary(request: HttpRequest, q: Query[PeriodQuery]):
    """Số liệu tổng hợp một cửa trong kỳ / the one-stop-shop counts of the period."""
    period, scope = _resolve(request, q)
    return summary_of(period, scope)
