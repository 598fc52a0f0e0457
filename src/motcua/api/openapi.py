"""What the OpenAPI document says beyond django-ninja's own reading of the routers: the problem document
of every refusal, and request bodies the routers read by hand (JSON or multipart with a `payload` part).

Routers put `openapi_extra=operation_doc(...)` on an operation; the schemas it names are collected here
and added to `components/schemas` by `MotcuaApi.get_openapi_schema` (motcua.api.main).
"""

from __future__ import annotations

from http.client import responses as reason_phrases

from ninja.schema import NinjaGenerateJsonSchema
from pydantic import BaseModel, ConfigDict, Field

from motcua.core.bad_input import PROBLEM_CONTENT_TYPE

REF = "#/components/schemas/{model}"

#: Component schemas named by `operation_doc`, by name; merged into the document.
SCHEMAS: dict[str, dict] = {}


class Problem(BaseModel):
    """A refusal (RFC 9457): `code` says which, `detail` in Vietnamese, `detail_en` in English; some codes
    add fields (`errors` for invalid input, `current_version` for a version conflict, `retry_after`…)."""

    model_config = ConfigDict(extra="allow", title="Problem")

    type: str = Field(examples=["about:blank#dossier_not_found"])
    title: str
    status: int = Field(ge=400, le=599)
    code: str
    detail: str
    detail_en: str


#: What each refusal status means, for the document.
PROBLEM_MEANING = {
    400: "Bad input: malformed body or multipart, JSON that is not an object, control characters…",
    401: "Not authenticated, or the bearer token is unknown, revoked or expired",
    403: "Authenticated but not allowed (role, agency, owner; CSRF for browser sessions)",
    404: "No such resource, or one the caller may not see",
    409: "The dossier changed (`version_conflict`, with `current_version`) or its state forbids the action",
    413: "The body or an uploaded file is too large",
    422: "Well-formed but not valid: `invalid_input` (with `errors`), `invalid_params` and specific codes",
    429: "Too many attempts; see the `Retry-After` header",
}


def schema_ref(model: type[BaseModel]) -> dict:
    """`{"$ref": ...}` to `model`'s JSON schema, which (with the models it uses) joins the components."""
    schema = model.model_json_schema(ref_template=REF, schema_generator=NinjaGenerateJsonSchema)
    SCHEMAS.update(schema.pop("$defs", {}))
    name = model.__name__.lstrip("_")
    SCHEMAS[name] = schema
    return {"$ref": REF.format(model=name)}


def problem_responses(*statuses: int) -> dict[int, dict]:
    """The `responses` entries of refusals: each an `application/problem+json` Problem."""
    ref = schema_ref(Problem)
    result = {}
    for status in statuses:
        result[status] = {
            "description": f"{reason_phrases.get(status, '')}. {PROBLEM_MEANING.get(status, '')}".strip(),
            "content": {PROBLEM_CONTENT_TYPE: {"schema": ref}},
        }
        if status == 429:
            result[status]["headers"] = {
                "Retry-After": {"description": "seconds to wait", "schema": {"type": "integer"}}
            }
    return result


def write_body(model: type[BaseModel], file_prefix: str | None = None, file_help: str = "") -> dict:
    """A request body read by hand: `application/json` with `model`, and (with `file_prefix`) the same
    JSON as the `payload` part of `multipart/form-data` with file parts named `<file_prefix><n>`."""
    ref = schema_ref(model)
    content: dict = {"application/json": {"schema": ref}}
    if file_prefix:
        content["multipart/form-data"] = {
            "schema": {
                "type": "object",
                "properties": {"payload": {**ref, "description": f"the {model.__name__} JSON"}},
                "required": ["payload"],
                "patternProperties": {
                    f"^{file_prefix}[0-9]{{1,6}}$": {
                        "type": "array",
                        "items": {"type": "string", "format": "binary"},
                        "description": file_help,
                    }
                },
            },
            "encoding": {"payload": {"contentType": "application/json"}},
        }
    return {"content": content, "required": True}


def operation_doc(*problems: int, body: dict | None = None) -> dict:
    """`openapi_extra` for an operation: its refusals (see `problem_responses`) and its request body."""
    extra: dict = {"responses": problem_responses(*problems)}
    if body is not None:
        extra["requestBody"] = body
    return extra
