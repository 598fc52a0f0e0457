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
    415: "A body that is neither application/json nor (where the operation takes files) multipart/form-data",
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


# ----- what core.bad_input.BadInputMiddleware enforces, stated in the document ---------------------

#: Text values (JSON strings, form fields) may hold tab, LF and CR but no other C0 control or DEL.
TEXT_PATTERN = "^[^\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f]*$"
#: Names, paths and query values hold no C0 control or DEL at all.
NAME_PATTERN = "^[^\\x00-\\x1f\\x7f]*$"
INT64 = {"minimum": -(2**63), "maximum": 2**63 - 1}
JSON_VALUE = {
    "description": "Any JSON value within the API's input rules: text without control characters "
    "(tab, LF, CR allowed), 64-bit integers, finite numbers, names without control characters.",
    "anyOf": [
        {"type": "string", "pattern": TEXT_PATTERN},
        {"type": "integer", **INT64},
        {"type": "number", **INT64},
        {"type": "boolean"},
        {"type": "null"},
        {"type": "array", "items": {"$ref": REF.format(model="JsonValue")}},
        {
            "type": "object",
            "propertyNames": {"pattern": NAME_PATTERN},
            "additionalProperties": {"$ref": REF.format(model="JsonValue")},
        },
    ],
}


def _refs(node) -> set[str]:
    if isinstance(node, dict):
        found = {node["$ref"].rsplit("/", 1)[-1]} if isinstance(node.get("$ref"), str) else set()
        return found.union(*(_refs(v) for v in node.values()))
    if isinstance(node, list):
        return set().union(*(_refs(v) for v in node))
    return set()


def _state_rules(schema, text_pattern: str) -> None:
    """Add the input rules to `schema` and the schemas inside it (in place)."""
    if not isinstance(schema, dict):
        return
    kind = schema.get("type")
    if kind == "string" and not ({"pattern", "enum", "const", "format"} & schema.keys()):
        schema["pattern"] = text_pattern
    elif kind == "integer":
        for bound, value in INT64.items():
            schema.setdefault(bound, value)
    elif kind == "object" and schema.get("additionalProperties", True) is True:
        # free-form JSON (an e-form's data), or the fields an operation ignores
        schema["additionalProperties"] = {"$ref": REF.format(model="JsonValue")}
        schema["propertyNames"] = {"pattern": NAME_PATTERN}
    for key in ("properties", "patternProperties"):
        for sub in schema.get(key, {}).values():
            _state_rules(sub, text_pattern)
    for key in ("items", "additionalProperties"):
        _state_rules(schema.get(key), text_pattern)
    for key in ("anyOf", "oneOf", "allOf"):
        for sub in schema.get(key, []):
            _state_rules(sub, text_pattern)


def state_input_rules(document: dict) -> None:
    """Write into `document` (in place) what every request must respect, whatever the operation says:
    no control characters, 64-bit integers, free-form JSON within the same rules (core.bad_input)."""
    components = document["components"]["schemas"]
    request_side: set[str] = set()
    for methods in document["paths"].values():
        for operation in methods.values():
            for parameter in operation.get("parameters", []):
                _state_rules(parameter.get("schema"), NAME_PATTERN)
            body = operation.get("requestBody", {})
            request_side |= _refs(body)
            for media in body.get("content", {}).values():
                _state_rules(media.get("schema"), TEXT_PATTERN)
    pending = set(request_side)
    while pending:  # the models those bodies use, and theirs
        name = pending.pop()
        for found in _refs(components.get(name, {})) - request_side:
            request_side.add(found)
            pending.add(found)
    for name in request_side:
        _state_rules(components.get(name), TEXT_PATTERN)
    components["JsonValue"] = JSON_VALUE
