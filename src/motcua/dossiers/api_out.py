"""The shapes /api/v1/dossiers answers with, for the OpenAPI document and as a check on the routers'
dicts (ninja validates every answer against them: one that breaks its shape is a 500 problem, never a
malformed answer). Instants are ISO 8601 strings with their offset."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, WithJsonSchema

Instant = Annotated[str, WithJsonSchema({"type": "string", "format": "date-time"})]


class _Out(BaseModel):
    # Plain pydantic models, not ninja's `Schema`: the routers answer dicts, which pydantic validates
    # by itself; a `Schema` would wrap each nested dict in ninja's getter and look every field up in
    # Python (~1,700 calls per submit + receive pair, docs/performance.md, "The HTTP layer").
    # A field added to a router's dict before it is declared here still reaches the client (and fails
    # tests/api/test_api_answers_are_exactly_their_schemas.py until the document names it).
    model_config = ConfigDict(extra="allow", from_attributes=True)


class WorklistItemOut(_Out):
    code: str
    state: str
    state_label: str
    national_status: int
    channel: str
    procedure: str | None
    procedure_name: str
    applicant_name: str
    current_step: str
    current_step_name: str
    current_role: str
    current_agency: str | None
    assigned_officer_id: int | None
    step_due_at: Instant | None
    due_at: Instant | None
    received_at: Instant | None
    version: int


class WorklistOut(_Out):
    items: list[WorklistItemOut]
    next_cursor: str | None


class ApplicantOut(_Out):
    id: int
    kind: str
    full_name: str
    id_number: str
    tax_code: str
    phone: str
    email: str
    address: str


class RepresentativeOut(_Out):
    name: str
    id_number: str
    phone: str
    relation: str


class FileOut(_Out):
    name: str
    size: int
    sha256: str
    content_type: str


class ComponentOut(_Out):
    position: int
    name: str
    digitised: bool
    reused_from_store: bool
    files: list[FileOut]


class FeeOut(_Out):
    kind: str
    name: str
    quantity: int
    unit_amount: int
    exemption: str  # why the line is 0 đồng ("" when it is not exempt)
    amount: int
    description: str
    requested_at: Instant | None
    paid_at: Instant | None


class PauseOut(_Out):
    started_at: Instant | None
    ended_at: Instant | None


class ConsultationOut(_Out):
    agency: str
    step: str
    requested_at: Instant | None
    answered_at: Instant | None
    answer: str


class ResultOut(_Out):
    id: int
    name: str
    number: str
    signer: str
    document_date: str | None  # YYYY-MM-DD, the date on the document
    issued_at: Instant | None
    is_electronic: bool
    download_url: str | None  # GET it with the same credentials; null for a paper result


class DossierOut(WorklistItemOut):
    """The full dossier: for its applicant and the staff who may see it."""

    channel_national_code: str
    summary: str
    applicant: ApplicantOut
    representative: RepresentativeOut | None
    receiving_agency: str
    competent_agency: str
    procedure_version: int
    process_definition_id: int | None
    eform_data: dict[str, Any]
    outcome: str
    submitted_at: Instant | None
    original_due_at: Instant | None
    apologized_at: Instant | None
    finished_at: Instant | None
    returned_at: Instant | None
    requested_return_channel: str
    return_address: str
    return_channel: str
    end_reason: str
    supplement_requests: int
    components: list[ComponentOut]
    fees: list[FeeOut]
    pauses: list[PauseOut]
    consultations: list[ConsultationOut]
    results: list[ResultOut]
    actions: list[str]


class EventOut(_Out):
    seq: int
    at: Instant | None
    action: str
    actor_id: int | None
    actor_name: str
    role: str
    agency: str | None
    on_behalf_of_id: int | None
    from_state: str
    to_state: str
    national_status: int
    from_step: str
    to_step: str
    to_officer_id: int | None
    comment: str
    step_due_at: Instant | None
    step_outcome: str
    next_step_due_at: Instant | None
    due_at: Instant | None
    is_public: bool
    public_text: str
    data: dict[str, Any]
    dossier_version: int


class EventsOut(_Out):
    code: str
    events: list[EventOut]


class ActionOut(_Out):
    """A performed action: the dossier after it, and the event it wrote."""

    dossier: DossierOut
    event: EventOut


class PublicEventOut(_Out):
    at: Instant | None
    action: str
    national_status: int
    text: str


class PublicDossierOut(_Out):
    """What `?id_number=` shows anyone: no personal data."""

    code: str
    procedure_name: str
    state: str
    state_label: str
    national_status: int
    received_at: Instant | None
    due_at: Instant | None
    finished_at: Instant | None
    returned_at: Instant | None
    receiving_agency_name: str
    timeline: list[PublicEventOut]
