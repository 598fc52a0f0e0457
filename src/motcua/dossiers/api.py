"""/api/v1/dossiers: only translation between HTTP and the lifecycle service / selectors.

Writes accept `application/json`, or `multipart/form-data` with the JSON in a `payload` part and
files in parts named `component_<position>` (several files per part allowed); `issue_result` takes the
result documents' files as `result_<n>` (the n-th entry of `results`).
"""

from __future__ import annotations

import math
import re
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema, Status
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from motcua.accounts.selectors import client_ip
from motcua.api.auth import api_auth, optional_user
from motcua.api.errors import ApiError
from motcua.api.openapi import operation_doc, write_body
from motcua.core import clock
from motcua.core.bad_input import InputRefused, request_json
from motcua.portal.services import lookup_limited

from . import lifecycle
from .action_view import dossier_after_action
from .api_out import ActionOut, DossierOut, EventsOut, PublicDossierOut, WorklistOut
from .errors import DossierError, DossierForbidden, DossierNotFound
from .models import Dossier, DossierEvent
from .selectors import (
    WORKLIST_MAX_PAGE,
    WorklistRow,
    actions_available,
    dossier_events,
    dossier_get,
    dossier_public_status,
    dossier_public_timeline,
    dossier_visible_to,
    dossier_worklist,
    sees_applicant_view,
)
from .states import State, channel_national_code

router = Router(tags=["dossiers"])

# ----- input -----------------------------------------------------------------------------------


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class RepresentativeIn(_In):
    name: str = Field(min_length=1, max_length=255)
    id_number: str = Field(default="", max_length=12)
    phone: str = Field(default="", max_length=20)
    relation: str = Field(default="", max_length=100)


class ComponentIn(_In):
    position: int = Field(ge=0, le=10_000)
    digitised: bool = False
    reused_from_store: bool = False
    # "dùng lại": the id of a document of the applicant's own store (motcua/store); its file is taken
    store_document: int | None = Field(default=None, ge=1)
    note: str = Field(default="", max_length=500)


class SubmitIn(_In):
    procedure: str = Field(min_length=1, max_length=16)
    channel: str = "online"
    competent_agency: str | None = Field(default=None, max_length=13)
    receiving_agency: str | None = Field(default=None, max_length=13)
    applicant_id: int | None = None
    representative: RepresentativeIn | None = None
    summary: str = Field(default="", max_length=500)
    eform_data: dict[str, Any] = Field(default_factory=dict)
    components: list[ComponentIn] = Field(default_factory=list, max_length=200)
    return_channel: str = Field(default="", max_length=16)  # how the applicant wants the result
    return_address: str = Field(default="", max_length=255)  # required when return_channel is "post"


class ActionIn(_In):
    """Parameters common to every action; each action's own parameters are declared below."""

    expected_version: int = Field(ge=1, le=2**31)
    comment: str = Field(default="", max_length=5000)


_Text = Field(default="", max_length=5000)
_StepKey = Field(default=None, max_length=64)


class _Routing(ActionIn):
    to_step: str | None = _StepKey
    officer: int | None = Field(default=None, ge=1)


class _WithComponents(ActionIn):
    components: list[ComponentIn] = Field(default_factory=list, max_length=200)


class ReceiveIn(_WithComponents):
    officer: int | None = Field(default=None, ge=1)


class RequestSupplementIn(ActionIn):
    reason: str = _Text
    missing: list[str] = Field(default_factory=list, max_length=100)


class SupplementIn(_WithComponents):
    eform_data: dict[str, Any] | None = None


class ReasonIn(ActionIn):
    reason: str = _Text


class TransferIn(ActionIn):
    competent_agency: str = Field(min_length=1, max_length=13)
    to_step: str | None = _StepKey
    officer: int | None = Field(default=None, ge=1)


class SendBackIn(_Routing):
    reason: str = _Text


class ConsultIn(ActionIn):
    agencies: list[str] = Field(default_factory=list, max_length=50)
    question: str = _Text
    due_hours: Decimal | None = Field(default=None, gt=0, le=1000)


class AnswerIn(ActionIn):
    answer: str = _Text


class RequestPaymentIn(ActionIn):
    amount: int | None = Field(default=None, gt=0, le=lifecycle.MAX_AMOUNT_DONG)
    description: str = Field(default="", max_length=500)
    exemptions: list[str] = Field(default_factory=list, max_length=20)  # codes the officer confirms


class PayIn(ActionIn):
    reference: str = Field(default="", max_length=100)


class RejectIn(_Routing):
    reason: str = _Text


class ResultIn(_In):
    name: str = Field(default="", max_length=500)
    number: str = Field(default="", max_length=100)
    signer: str = Field(default="", max_length=255)
    document_date: str = Field(default="", max_length=10)  # YYYY-MM-DD
    signed: int | None = Field(default=None, ge=1)  # a result signed here (`sign_result`), by id


MAX_RESULTS = 50  # result documents per issue_result, in `results` and as result_<n> parts alike


class IssueResultIn(_Routing):
    results: list[ResultIn] = Field(default_factory=list, max_length=MAX_RESULTS)
    number: str = Field(default="", max_length=100)
    name: str = Field(default="", max_length=500)


class SignResultIn(ActionIn):
    """The leader signs a result (PAdES, the agency's certificate): the PDF as part `result_1`, or
    `generate: true` to fill the procedure version's template. It waits for `issue_result`."""

    number: str = Field(min_length=1, max_length=100)
    name: str = Field(default="", max_length=500)
    signer: str = Field(default="", max_length=255)
    document_date: str = Field(default="", max_length=10)
    generate: bool = False


class DigitisedIn(ComponentIn):
    pages: int = Field(ge=1, le=10_000)
    original_seen: bool = False


class DigitiseIn(ActionIn):
    """The desk's scans of components (`component_<position>` parts), each with pages and whether the
    original was seen; the digitised set is signed in the officer's name."""

    components: list[DigitisedIn] = Field(min_length=1, max_length=200)


class ReturnResultIn(ActionIn):
    return_channel: str | None = Field(default=None, max_length=16)


class ApologizeIn(ActionIn):
    reason: str = _Text
    new_due_at: datetime


ACTION_INPUT: dict[str, type[ActionIn]] = {
    "receive": ReceiveIn,
    "request_supplement": RequestSupplementIn,
    "supplement": SupplementIn,
    "refuse": ReasonIn,
    "transfer": TransferIn,
    "forward": _Routing,
    "send_back": SendBackIn,
    "consult": ConsultIn,
    "answer_consultation": AnswerIn,
    "request_payment": RequestPaymentIn,
    "pay": PayIn,
    "approve": _Routing,
    "reject": RejectIn,
    "issue_result": IssueResultIn,
    "sign_result": SignResultIn,
    "digitise": DigitiseIn,
    "return_result": ReturnResultIn,
    "withdraw": ReasonIn,
    "stop": ReasonIn,
    "apologize": ApologizeIn,
}


def _problem_from(exc: DossierError) -> ApiError:
    return ApiError(exc.status, exc.code, exc.message_vi, exc.message_en, **exc.extra)


# The bytes a file part's number may have: ASCII digits only ('²'.isdigit() is True, int('²') fails).
_PART_NUMBER = re.compile(r"[0-9]{1,6}", re.ASCII)


def _read_body(request: HttpRequest, prefix: str = "component_") -> tuple[dict, dict[int, list]]:
    """(JSON object, {number: [uploaded files]}) from an application/json body or a multipart one
    (JSON in the `payload` part, files in parts `<prefix><n>`, n ASCII digits). The JSON is the one
    core.bad_input parsed and checked once (request_json).

    Raises ApiError: 415 for any other content type, 400 invalid_json (not JSON, not UTF-8, not an
    object) or the middleware's refusal, 422 for a file part with another name."""
    files: dict[int, list] = {}
    try:
        if request.content_type == "multipart/form-data":
            for name in request.FILES:
                number = name[len(prefix) :]
                if not name.startswith(prefix) or not _PART_NUMBER.fullmatch(number):
                    raise ApiError(
                        422,
                        "invalid_input",
                        f"Tên phần tệp «{name}» không hợp lệ; dùng {prefix}<số thứ tự>.",
                        f"File part {name!r} is not valid; use {prefix}<number>.",
                    )
                files[int(number)] = request.FILES.getlist(name)
            data = request_json(request, "payload") if "payload" in request.POST else {}
        elif not request.body:
            data = {}
        elif request.content_type == "application/json":
            data = request_json(request)
        else:
            raise ApiError(
                415,
                "unsupported_media_type",
                "Kiểu nội dung không được hỗ trợ; gửi application/json hoặc multipart/form-data.",
                "Unsupported content type; send application/json or multipart/form-data.",
            )
    except InputRefused as exc:
        r = exc.refusal
        raise ApiError(r.status, r.code, r.detail, r.detail_en) from None
    except ValueError:
        raise ApiError(
            400, "invalid_json", "Nội dung JSON không hợp lệ.", "The body is not valid JSON."
        ) from None
    if not isinstance(data, dict):
        raise ApiError(
            400, "invalid_json", "Nội dung phải là một đối tượng JSON.", "The body must be a JSON object."
        )
    return data, files


def _validate(model: type[BaseModel], data: dict) -> BaseModel:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        errors = [{"loc": list(e.get("loc", [])), "msg": e.get("msg", "")} for e in exc.errors()]
        raise ApiError(
            422, "invalid_input", "Dữ liệu gửi lên không hợp lệ.", "The request is not valid.", errors=errors
        ) from None


def _components(items: list[ComponentIn], files: dict[int, list]) -> list[dict]:
    by_position = {c.position: c.model_dump() for c in items}
    for position, uploads in files.items():
        by_position.setdefault(position, {"position": position})["files"] = uploads
    return [by_position[p] for p in sorted(by_position)]


# ----- output ----------------------------------------------------------------------------------


def _iso(value: datetime | None) -> str | None:
    """ISO 8601 in UTC, as the database gives every stored date-time back: a dossier built from what
    the lifecycle holds (action_view) reads the same as the one read again, whatever the clock's zone."""
    return value.astimezone(UTC).isoformat() if value else None


def dossier_summary(d: Dossier) -> dict:
    """The summary of a loaded dossier: the worklist line of that dossier (one writer of the JSON)."""
    return worklist_item(
        WorklistRow(
            pk=d.pk,
            code=d.code,
            state=d.state,
            national_status=d.national_status,
            channel=d.channel,
            procedure=d.procedure_version.procedure.code if d.procedure_version_id else None,
            procedure_name=d.procedure_version.name,
            applicant_name=d.applicant.full_name,
            current_step=d.current_step,
            current_step_name=d.current_step_name,
            current_role=d.current_role,
            current_agency=d.current_agency.identifier if d.current_agency_id else None,
            assigned_officer_id=d.assigned_officer_id,
            step_due_at=d.step_due_at,
            due_at=d.due_at,
            received_at=d.received_at,
            version=d.version,
        )
    )


def worklist_item(row: WorklistRow) -> dict:
    """A worklist line (and, through `dossier_summary`, the head of every dossier view)."""
    return {
        "code": row.code,
        "state": row.state,
        "state_label": State(row.state).label,
        "national_status": row.national_status,
        "channel": row.channel,
        "procedure": row.procedure,
        "procedure_name": row.procedure_name,
        "applicant_name": row.applicant_name,
        "current_step": row.current_step,
        "current_step_name": row.current_step_name,
        "current_role": row.current_role,
        "current_agency": row.current_agency,
        "assigned_officer_id": row.assigned_officer_id,
        "step_due_at": _iso(row.step_due_at),
        "due_at": _iso(row.due_at),
        "received_at": _iso(row.received_at),
        "version": row.version,
    }


def dossier_full(d: Dossier, *, applicant_view: bool = False) -> dict:
    """The full dossier; `applicant_view` (`selectors.sees_applicant_view`): without what the portal
    does not show its applicant (other agencies' consultations and their answers)."""
    data = dossier_summary(d)
    data.update(
        {
            "channel_national_code": channel_national_code(d.channel),
            "summary": d.summary,
            "applicant": {
                "id": d.applicant_id,
                "kind": d.applicant.kind,
                "full_name": d.applicant.full_name,
                "id_number": d.applicant.id_number,
                "tax_code": d.applicant.tax_code,
                "phone": d.applicant.phone,
                "email": d.applicant.email,
                "address": d.applicant.address,
            },
            "representative": (
                {
                    "name": d.representative_name,
                    "id_number": d.representative_id_number,
                    "phone": d.representative_phone,
                    "relation": d.representative_relation,
                }
                if d.representative_name
                else None
            ),
            "receiving_agency": d.receiving_agency.identifier,
            "competent_agency": d.competent_agency.identifier,
            "procedure_version": d.procedure_version.number,
            "process_definition_id": d.process_definition_id,
            "eform_data": d.eform_data,
            "outcome": d.outcome,
            "submitted_at": _iso(d.submitted_at),
            "original_due_at": _iso(d.original_due_at),
            "apologized_at": _iso(d.apologized_at),
            "finished_at": _iso(d.finished_at),
            "returned_at": _iso(d.returned_at),
            "requested_return_channel": d.requested_return_channel,
            "return_address": d.return_address,
            "return_channel": d.return_channel,
            "end_reason": d.end_reason,
            "supplement_requests": d.supplement_requests,
            "components": [
                {
                    "position": c.position,
                    "name": c.name,
                    "digitised": c.digitised,
                    "reused_from_store": c.reused_from_store,
                    "files": [
                        {
                            "name": f.original_name,
                            "size": f.size,
                            "sha256": f.sha256,
                            "content_type": f.content_type,
                        }
                        for f in c.files.all()
                    ],
                }
                for c in d.components.all()
            ],
            "fees": [
                {
                    "kind": f.kind,
                    "name": f.name,
                    "quantity": f.quantity,
                    "unit_amount": f.unit_amount,
                    "exemption": f.exemption,
                    "amount": f.amount,
                    "description": f.description,
                    "requested_at": _iso(f.requested_at),
                    "paid_at": _iso(f.paid_at),
                }
                for f in d.fees.all()
            ],
            "pauses": [
                {"started_at": _iso(p.started_at), "ended_at": _iso(p.ended_at)} for p in d.pauses.all()
            ],
            "consultations": [
                {
                    "agency": c.agency.identifier,
                    "step": c.step,
                    "requested_at": _iso(c.requested_at),
                    "answered_at": _iso(c.answered_at),
                    "answer": c.answer,
                }
                for c in ([] if applicant_view else d.consultations.all())
            ],
            "results": [
                {
                    "id": r.pk,
                    "name": r.name,
                    "number": r.number,
                    "signer": r.signer,
                    "document_date": r.document_date.isoformat() if r.document_date else None,
                    "issued_at": _iso(r.issued_at),
                    "is_electronic": r.is_electronic,
                    "download_url": (f"/api/v1/dossiers/{d.code}/results/{r.pk}/file" if r.file else None),
                }
                for r in d.results.all()
            ],
            "actions": actions_available(d),
        }
    )
    return data


def event_out(e: DossierEvent) -> dict:
    return {
        "seq": e.seq,
        "at": _iso(e.at),
        "action": e.action,
        "actor_id": e.actor_id,
        "actor_name": e.actor_name,
        "role": e.role,
        "agency": e.agency.identifier if e.agency_id else None,
        "on_behalf_of_id": e.on_behalf_of_id,
        "from_state": e.from_state,
        "to_state": e.to_state,
        "national_status": e.national_status,
        "from_step": e.from_step,
        "to_step": e.to_step,
        "to_officer_id": e.to_officer_id,
        "comment": e.comment,
        "step_due_at": _iso(e.step_due_at),
        "step_outcome": e.step_outcome,
        "next_step_due_at": _iso(e.next_step_due_at),
        "due_at": _iso(e.due_at),
        "is_public": e.is_public,
        "public_text": e.public_text,
        "data": e.data,
        "dossier_version": e.dossier_version,
    }


def applicant_event_out(e: DossierEvent) -> dict:
    """An event of `dossier_public_timeline` as its applicant sees it: the shape of `event_out`, with
    the officers' side (who, their comment, steps, internal deadlines) left empty."""
    return {
        "seq": e.seq,
        "at": _iso(e.at),
        "action": e.action,
        "actor_id": None,
        "actor_name": "",
        "role": "",
        "agency": None,
        "on_behalf_of_id": None,
        "from_state": e.from_state,
        "to_state": e.to_state,
        "national_status": e.national_status,
        "from_step": "",
        "to_step": "",
        "to_officer_id": None,
        "comment": "",
        "step_due_at": None,
        "step_outcome": "",
        "next_step_due_at": None,
        "due_at": None,
        "is_public": e.is_public,
        "public_text": e.public_text,
        "data": e.data,
        "dossier_version": e.dossier_version,
    }


def public_event_out(e: DossierEvent) -> dict:
    return {"at": _iso(e.at), "action": e.action, "national_status": e.national_status, "text": e.public_text}


def public_view(d: Dossier) -> dict:
    """What anyone holding the code and the applicant's ID number may see: no personal data."""
    return {
        "code": d.code,
        "procedure_name": d.procedure_version.name,
        "state": d.state,
        "state_label": State(d.state).label,
        "national_status": d.national_status,
        "received_at": _iso(d.received_at),
        "due_at": _iso(d.due_at),
        "finished_at": _iso(d.finished_at),
        "returned_at": _iso(d.returned_at),
        "receiving_agency_name": d.receiving_agency.name,
        "timeline": [public_event_out(e) for e in dossier_public_timeline(d)],
    }


# ----- endpoints -------------------------------------------------------------------------------


_ISO_DATE = re.compile(r"\s*[0-9]{4}-[0-9]{2}-[0-9]{2}")


class WorklistFilters(Schema):
    state: str | None = None
    step: str | None = None
    procedure: str | None = None
    due_before: datetime | None = None
    due_after: datetime | None = None
    cursor: str | None = None
    limit: int = Field(default=50, ge=1, le=WORKLIST_MAX_PAGE)

    @field_validator("due_before", "due_after", mode="before")
    @classmethod
    def _iso_8601_only(cls, value):
        # pydantic would also read a number as a Unix time; the document promises ISO 8601.
        if not _ISO_DATE.match(str(value)):
            raise ValueError("not an ISO 8601 date-time")
        return value


_COMPONENT_FILES = "the files of the catalogue component at position <n> (several allowed)"


@router.post(
    "",
    auth=api_auth,
    response={200: DossierOut, 201: DossierOut},
    openapi_extra=operation_doc(
        400, 401, 403, 404, 409, 413, 415, 422, body=write_body(SubmitIn, "component_", _COMPONENT_FILES)
    ),
)
def submit_dossier(request: HttpRequest):
    """Submit a dossier (online, by post or from the national portal). An `Idempotency-Key` header
    makes a retried submission return the dossier the first attempt created."""
    data, files = _read_body(request)
    body = _validate(SubmitIn, data)
    key = request.META.get("HTTP_IDEMPOTENCY_KEY", "").strip()  # the header, without building them all
    if len(key) > 128:
        raise ApiError(
            422, "invalid_idempotency_key", "Idempotency-Key quá dài.", "Idempotency-Key is too long."
        )
    params: dict[str, Any] = {
        "procedure": body.procedure,
        "channel": body.channel,
        "competent_agency": body.competent_agency,
        "receiving_agency": body.receiving_agency,
        "summary": body.summary,
        "eform_data": body.eform_data,
        "representative": body.representative.model_dump() if body.representative else None,
        "components": _components(body.components, files),
        "idempotency_key": key or None,
        "return_channel": body.return_channel,
        "return_address": body.return_address,
    }
    if body.applicant_id is not None:
        params["applicant"] = body.applicant_id
    try:
        dossier = lifecycle.perform(None, "submit", request.auth, **params)
    except DossierError as exc:
        raise _problem_from(exc) from exc
    stored = dossier_after_action(dossier)
    full = dossier_full(stored, applicant_view=sees_applicant_view(request.auth, stored))
    return Status(200 if getattr(dossier, "replayed", False) else 201, full)


@router.get("", auth=api_auth, response=WorklistOut, openapi_extra=operation_doc(400, 401, 422))
def worklist(request: HttpRequest, filters: Query[WorklistFilters]):
    """The caller's worklist, newest first, a page at a time: pass `next_cursor` back as `cursor`."""
    after_id = None
    if filters.cursor:
        if not (filters.cursor.isascii() and filters.cursor.isdigit()):
            raise ApiError(422, "invalid_cursor", "Con trỏ trang không hợp lệ.", "The cursor is not valid.")
        after_id = int(filters.cursor)
    if filters.state and filters.state not in State.values:
        raise ApiError(422, "invalid_state", "Trạng thái không hợp lệ.", "Unknown state.")
    items = dossier_worklist(
        request.auth,
        state=filters.state,
        step=filters.step,
        procedure=filters.procedure,
        due_before=filters.due_before,
        due_after=filters.due_after,
        after_id=after_id,
        limit=filters.limit + 1,
    )
    more = len(items) > filters.limit
    items = items[: filters.limit]
    return {
        "items": [worklist_item(row) for row in items],
        "next_cursor": str(items[-1].pk) if more and items else None,
    }


def _public_lookup(request: HttpRequest, code: str, id_number: str):
    """The anonymous lookup, under the same per-address limit as the portal's /tra-cuu/."""
    dossier, until = lookup_limited(
        client_ip(request), lambda: dossier_public_status(code, id_number), code=code
    )
    if until is not None:
        seconds = max(1, math.ceil((until - clock.now()).total_seconds()))
        raise ApiError(
            429,
            "too_many_lookups",
            f"Tra cứu không thành công quá nhiều lần; hãy thử lại sau {math.ceil(seconds / 60)} phút.",
            f"Too many failed lookups; try again in {math.ceil(seconds / 60)} minutes.",
            retry_after=seconds,
        )
    if dossier is None:
        raise ApiError(
            404,
            "dossier_not_found",
            "Không tìm thấy hồ sơ với mã và số định danh đã nhập.",
            "No dossier with this code and ID number.",
        )
    return dossier


def _visible(request: HttpRequest, code: str) -> Dossier:
    user = request.auth
    dossier = dossier_get(code)
    if dossier is None or not dossier_visible_to(dossier, user):
        raise ApiError(404, "dossier_not_found", "Không tìm thấy hồ sơ.", "Dossier not found.")
    return dossier


class PublicLookupIn(_In):
    """The applicant's citizen ID or tax code, in the body so that it stays out of URLs and logs."""

    id_number: str = Field(min_length=1, max_length=20)


@router.post(
    "/{code}/lookup",
    auth=None,
    response=PublicDossierOut,
    openapi_extra=operation_doc(400, 404, 413, 415, 422, 429),
)
def dossier_public_lookup(request: HttpRequest, code: str, body: PublicLookupIn):
    """Anyone: the public status and timeline of the dossier `code` when `id_number` is its
    applicant's citizen ID or tax code (no personal data), under the portal's per-code and
    per-address miss limits (issue 16 part 3). POST only, like the portal's /tra-cuu/."""
    return public_view(_public_lookup(request, code, body.id_number))


@router.get(
    "/{code}",
    auth=None,
    response=DossierOut,
    openapi_extra=operation_doc(400, 401, 404),
)
def dossier_detail(request: HttpRequest, code: str):
    """The full dossier for its applicant and authorised staff. The public lookup by ID number is
    `POST /{code}/lookup`; an `id_number` in this URL is refused (400) rather than ignored, so that a
    client still sending it learns where it goes, and it is never looked up from a URL."""
    if "id_number" in request.GET:
        raise ApiError(
            400,
            "lookup_by_post",
            "Tra cứu công khai gửi số định danh trong thân yêu cầu: POST /api/v1/dossiers/{mã}/lookup.",
            "The public lookup takes the ID number in the body: POST /api/v1/dossiers/{code}/lookup.",
        )
    user = optional_user(request)
    if user is None:
        raise ApiError(401, "unauthenticated", "Cần đăng nhập.", "Authentication required.")
    request.auth = user
    dossier = _visible(request, code)
    return dossier_full(dossier, applicant_view=sees_applicant_view(user, dossier))


@router.get(
    "/{code}/results/{result_id}/file", auth=api_auth, openapi_extra=operation_doc(400, 401, 404, 422)
)
def dossier_result_download(request: HttpRequest, code: str, result_id: int):
    """A result document's file (PDF, signed when the agency signed it here): for its applicant once
    the result is ready, and for staff who may see the dossier."""
    from .downloads import file_response, result_for_download

    dossier = _visible(request, code)
    row = result_for_download(dossier, result_id, request.auth)
    if row is None:
        raise ApiError(404, "result_not_found", "Không có tệp kết quả.", "No such result file.")
    return file_response(row.file, name=f"{row.name}.pdf")


@router.get("/{code}/events", auth=api_auth, response=EventsOut, openapi_extra=operation_doc(400, 401, 404))
def dossier_event_list(request: HttpRequest, code: str):
    """Every event for staff who may see the dossier; its own applicant gets what the portal shows
    them (`dossier_public_timeline` through `applicant_event_out`)."""
    dossier = _visible(request, code)
    if sees_applicant_view(request.auth, dossier):
        events = [applicant_event_out(e) for e in dossier_public_timeline(dossier)]
    else:
        events = [event_out(e) for e in dossier_events(dossier)]
    return {"code": dossier.code, "events": events}


def _unknown_action(action: str) -> ApiError:
    return ApiError(404, "unknown_action", f"Không có thao tác «{action}».", f"No action {action!r}.")


def _action_endpoint(action: str, schema: type[ActionIn]):
    """`POST /{code}/actions/<action>`: its own operation in the document, with `schema` as its body."""
    prefix = "result_" if action in ("issue_result", "sign_result") else "component_"
    files = None
    if action == "issue_result":
        files = "the file of the n-th entry of `results` (1-based), exactly one per part"
    elif action == "sign_result":
        files = "`result_1`: the result PDF to sign (unless `generate`)"
    elif issubclass(schema, _WithComponents | DigitiseIn):
        files = _COMPONENT_FILES

    def endpoint(request: HttpRequest, code: str):
        return _perform_action(request, code, action)

    endpoint.__name__ = f"dossier_action_{action}"
    router.post(
        f"/{{code}}/actions/{action}",
        auth=api_auth,
        response=ActionOut,
        summary=f"Thao tác / action `{action}`",
        description=(schema.__doc__ or "").strip() or None,
        openapi_extra=operation_doc(
            400, 401, 403, 404, 409, 413, 415, 422, body=write_body(schema, files and prefix, files or "")
        ),
    )(endpoint)


for _action, _schema in ACTION_INPUT.items():
    _action_endpoint(_action, _schema)


@router.post("/{code}/actions/{action}", auth=api_auth, response=dict, include_in_schema=False)
def dossier_action(request: HttpRequest, code: str, action: str):
    """An action with no endpoint of its own: unknown, or creating (submit goes through POST /dossiers)."""
    raise _unknown_action(action)


def _perform_action(request: HttpRequest, code: str, action: str):
    """Perform a lifecycle action; `expected_version` is the version read (409 if it changed)."""
    schema = ACTION_INPUT[action]
    data, files = _read_body(
        request, "result_" if action in ("issue_result", "sign_result") else "component_"
    )
    body = _validate(schema, data)
    params = body.model_dump(exclude={"expected_version", "components"}, exclude_none=True)
    if action == "issue_result" and files:
        # result_<n> is the file of the n-th entry of `results` (1-based); extra files add entries
        if max(files) > MAX_RESULTS:
            raise ApiError(
                422,
                "too_many_results",
                f"Tối đa {MAX_RESULTS} giấy tờ kết quả (result_1 … result_{MAX_RESULTS}).",
                f"At most {MAX_RESULTS} result documents (result_1 … result_{MAX_RESULTS}).",
            )
        results = params.setdefault("results", [])
        for n, uploads in sorted(files.items()):
            while len(results) < n:
                results.append({})
            if len(uploads) != 1 or n < 1:
                raise ApiError(
                    422,
                    "invalid_input",
                    "Mỗi giấy tờ kết quả đính kèm đúng một tệp (result_1, result_2…).",
                    "Attach exactly one file per result document (result_1, result_2…).",
                )
            results[n - 1]["file"] = uploads[0]
    elif action == "sign_result" and files:
        if set(files) != {1} or len(files[1]) != 1:
            raise ApiError(
                422,
                "invalid_input",
                "Đính kèm đúng một tệp kết quả (result_1).",
                "Attach exactly one result file (result_1).",
            )
        params["file"] = files[1][0]
    elif isinstance(body, _WithComponents | DigitiseIn):
        components = _components(body.components, files)
        if components:
            params["components"] = components
    elif files:
        raise ApiError(
            422, "files_not_allowed", "Thao tác này không nhận tệp.", "This action takes no files."
        )
    try:
        result = lifecycle.perform(code, action, request.auth, body.expected_version, **params)
    except (DossierForbidden, DossierNotFound) as exc:
        # Only now, on the refusal path, ask whether the caller may see the dossier at all: one they
        # may not see does not exist for them (404, never a 403 that confirms the code).
        dossier = dossier_get(code)
        if dossier is None or not dossier_visible_to(dossier, request.auth):
            raise ApiError(404, "dossier_not_found", "Không tìm thấy hồ sơ.", "Dossier not found.") from exc
        raise _problem_from(exc) from exc
    except DossierError as exc:
        raise _problem_from(exc) from exc
    dossier = dossier_after_action(result)
    full = dossier_full(dossier, applicant_view=sees_applicant_view(request.auth, dossier))
    return {"dossier": full, "event": event_out(result.last_event)}
