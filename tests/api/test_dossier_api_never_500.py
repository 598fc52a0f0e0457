"""Whatever a client sends to an action, the answer is a 4xx problem, never a 500."""

import pytest

from motcua.dossiers import lifecycle
from tests.dossiers.world import FixedClock, make_world, online_body, vn

from .test_dossier_full_life import Caller

pytestmark = pytest.mark.django_db

JUNK = [
    {"officer": "abc"},
    {"to_step": ["x"]},
    {"missing": 5},
    {"results": "x"},
    {"due_hours": "abc"},
    {"agencies": "x"},
    {"new_due_at": "mai"},
    {"amount": -5},
    {"competent_agency": {"a": 1}},
    {"return_channel": "bồ câu"},
    {"to_step": "khong-co"},
    {"agencies": ["000.00.00.H00"]},
    {"reason": "x" * 6000},
    {"components": [{"position": 999}]},
    {"eform_data": [1, 2]},
]


@pytest.fixture
def scene(db):
    FixedClock(vn(2026, 3, 2, 9, 0))
    world = make_world()
    citizen, desk = Caller(world.citizen), Caller(world.desk)
    code = citizen.post_multipart("/api/v1/dossiers", online_body(world)).json()["code"]
    desk.act(code, "receive", 1)
    return world, code, {u: Caller(getattr(world, u)) for u in ("citizen", "desk", "officer", "leader")}


@pytest.mark.parametrize("action", sorted(set(lifecycle.ACTIONS) - {"submit"}))
def test_junk_parameters_are_client_errors(scene, action):
    _world, code, callers = scene
    for caller in callers.values():
        for junk in JUNK:
            response = caller.post(
                f"/api/v1/dossiers/{code}/actions/{action}", {"expected_version": 2, **junk}
            )
            assert 400 <= response.status_code < 500, (action, junk, response.content)
            assert response["Content-Type"] == "application/problem+json"
