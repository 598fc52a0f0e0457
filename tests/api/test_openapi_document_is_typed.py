"""The OpenAPI document names the real request models (JSON and multipart) and a problem document for
every refusal, instead of bare objects."""

import pytest
from django.test import Client

from motcua.dossiers.api import ACTION_INPUT

PROBLEM = "application/problem+json"


@pytest.fixture(scope="module")
def document():
    return Client().get("/api/v1/openapi.json").json()


def test_every_action_is_an_operation_with_its_own_body(document):
    for action, model in ACTION_INPUT.items():
        operation = document["paths"][f"/api/v1/dossiers/{{code}}/actions/{action}"]["post"]
        content = operation["requestBody"]["content"]
        name = model.__name__.lstrip("_")
        assert content["application/json"]["schema"] == {"$ref": f"#/components/schemas/{name}"}
        schema = document["components"]["schemas"][name]
        assert "expected_version" in schema["required"] and schema["additionalProperties"] is False
    assert "/api/v1/dossiers/{code}/actions/{action}" not in document["paths"]


def test_file_taking_writes_offer_multipart_with_a_payload_part_and_numbered_file_parts(document):
    paths = document["paths"]
    expected = {
        "/api/v1/dossiers": ("SubmitIn", "component_"),
        "/api/v1/dossiers/{code}/actions/receive": ("ReceiveIn", "component_"),
        "/api/v1/dossiers/{code}/actions/supplement": ("SupplementIn", "component_"),
        "/api/v1/dossiers/{code}/actions/issue_result": ("IssueResultIn", "result_"),
    }
    for path, (model, prefix) in expected.items():
        multipart = paths[path]["post"]["requestBody"]["content"]["multipart/form-data"]
        assert multipart["schema"]["properties"]["payload"]["$ref"] == f"#/components/schemas/{model}"
        assert multipart["schema"]["required"] == ["payload"]
        assert multipart["encoding"]["payload"]["contentType"] == "application/json"
        (pattern,) = multipart["schema"]["patternProperties"]
        assert pattern == f"^{prefix}[0-9]{{1,6}}$"
    refuse = paths["/api/v1/dossiers/{code}/actions/refuse"]["post"]["requestBody"]["content"]
    assert set(refuse) == {"application/json"}


def test_every_refusal_is_a_declared_problem_document(document):
    problem = document["components"]["schemas"]["Problem"]
    assert {"code", "detail", "detail_en", "status"} <= set(problem["required"])
    for path, methods in document["paths"].items():
        for method, operation in methods.items():
            statuses = {int(s) for s in operation["responses"]}
            assert 400 in statuses, (method, path)
            assert any(200 <= s < 300 for s in statuses), (method, path)
            for status, response in operation["responses"].items():
                if int(status) >= 400:
                    assert set(response["content"]) == {PROBLEM}, (method, path, status)
    action = document["paths"]["/api/v1/dossiers/{code}/actions/receive"]["post"]["responses"]
    assert {400, 401, 403, 404, 409, 413, 422} <= {int(s) for s in action}
    lookup = document["paths"]["/api/v1/dossiers/{code}/lookup"]["post"]["responses"]
    assert "Retry-After" in lookup["429"]["headers"]


def test_answers_are_typed_not_bare_objects(document):
    paths = document["paths"]

    def ok_schema(path, method="get", status="200"):
        return paths[path][method]["responses"][status]["content"]["application/json"]["schema"]

    assert ok_schema("/api/v1/dossiers", "post", "201") == {"$ref": "#/components/schemas/DossierOut"}
    assert ok_schema("/api/v1/dossiers") == {"$ref": "#/components/schemas/WorklistOut"}
    assert ok_schema("/api/v1/dossiers/{code}/actions/approve", "post") == {
        "$ref": "#/components/schemas/ActionOut"
    }
    assert ok_schema("/api/v1/dossiers/{code}") == {"$ref": "#/components/schemas/DossierOut"}
    assert ok_schema("/api/v1/dossiers/{code}/lookup", "post") == {
        "$ref": "#/components/schemas/PublicDossierOut"
    }
    parameters = paths["/api/v1/dossiers/{code}"]["get"].get("parameters", [])
    assert "id_number" not in {p["name"] for p in parameters}  # never in a URL


def test_the_input_rules_are_stated(document):
    schemas = document["components"]["schemas"]
    reason = schemas["ReasonIn"]["properties"]["reason"]
    assert reason["pattern"] == "^[^\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f]*$"
    eform = schemas["SubmitIn"]["properties"]["eform_data"]
    assert eform["additionalProperties"] == {"$ref": "#/components/schemas/JsonValue"}
    assert "JsonValue" in schemas
    start = next(
        p for p in document["paths"]["/api/v1/calendar/due-date"]["get"]["parameters"] if p["name"] == "start"
    )
    assert start["schema"]["format"] == "date-time"
