"""What /api/v1/dossiers answers has exactly the fields its schema declares (dossiers/api_out.py), at
every level: none missing, none the document does not name. The schemas are plain pydantic models
(validated from the routers' dicts without ninja's per-attribute getter, docs/performance.md), and every
answer is still checked against them: one that breaks its schema is a 500 problem document, not a
malformed answer."""

import types
import typing

import pytest
from pydantic import BaseModel

from motcua.dossiers import api as dossiers_api
from motcua.dossiers.api_out import ActionOut, DossierOut, EventsOut, WorklistOut
from tests.dossiers.world import online_body

from .test_dossier_full_life import Caller

pytestmark = pytest.mark.django_db


def _models_in(annotation) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    if typing.get_origin(annotation) in (typing.Union, types.UnionType, list):
        return [m for arg in typing.get_args(annotation) for m in _models_in(arg)]
    return []


def _assert_shape(model: type[BaseModel], value, where: str = "$") -> int:
    """Asserts `value` (decoded JSON) has exactly `model`'s fields, recursively; returns how many
    objects were checked (so that a test can tell it looked at nested ones too)."""
    assert isinstance(value, dict), where
    assert set(value) == set(model.model_fields), (where, set(value) ^ set(model.model_fields))
    checked = 1
    for name, field in model.model_fields.items():
        nested = _models_in(field.annotation)
        if not nested or value[name] is None:
            continue
        items = value[name] if isinstance(value[name], list) else [value[name]]
        for i, item in enumerate(items):
            checked += _assert_shape(nested[0], item, f"{where}.{name}[{i}]")
    return checked


def test_submit_action_read_events_and_worklist_answer_their_schemas(world, fixed_clock):
    citizen, desk = Caller(world.citizen), Caller(world.desk)
    response = citizen.post_multipart("/api/v1/dossiers", online_body(world))
    assert response.status_code == 201, response.content
    submitted = response.json()
    assert submitted["components"] and submitted["components"][0]["files"]
    # the dossier, its applicant, its components and their files
    assert _assert_shape(DossierOut, submitted) >= 4
    code = submitted["code"]

    response = desk.post(f"/api/v1/dossiers/{code}/actions/receive", {"expected_version": 1})
    assert response.status_code == 200, response.content
    assert _assert_shape(ActionOut, response.json()) >= 5

    response = desk.get(f"/api/v1/dossiers/{code}")
    assert response.status_code == 200, response.content
    _assert_shape(DossierOut, response.json())

    response = desk.get(f"/api/v1/dossiers/{code}/events")
    assert response.status_code == 200, response.content
    assert _assert_shape(EventsOut, response.json()) >= 3  # the list, the submission and the receipt

    response = citizen.get("/api/v1/dossiers")
    assert response.status_code == 200, response.content
    assert _assert_shape(WorklistOut, response.json()) >= 2


def test_an_answer_that_breaks_its_schema_is_a_500_problem(world, fixed_clock, settings, monkeypatch):
    """SIMULATES a bug in a router (patching our own code, as no real input may do this): the dossier's
    dict misses a declared field. The schema check refuses it; the client gets the bilingual 500."""
    settings.DEBUG = False
    real = dossiers_api.dossier_full

    def without_version(*args, **kwargs):
        data = real(*args, **kwargs)
        del data["version"]
        return data

    monkeypatch.setattr(dossiers_api, "dossier_full", without_version)
    response = Caller(world.citizen).post_multipart("/api/v1/dossiers", online_body(world))
    assert response.status_code == 500
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["code"] == "internal_error"
