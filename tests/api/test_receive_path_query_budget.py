"""Statements per HTTP request on the receive path (issue 17, part 6): a submission, its receipt and a read
of the dossier through the API each run at most the issue's number of statements (≤ 8 per submission and
per receipt, ≤ 5 per read), the whole request counted. Counts, never timings; the savepoints of the
test's own transaction are not counted.

Where they go (docs/performance.md, "The receive path over HTTP"): the token with the caller's user,
applicant and role grants (1); a submission's references — procedure in force, agencies, applicant,
process — in one statement (dossiers/references.py), then its six writes, and a response built from what
the lifecycle wrote (dossiers/action_view.py: no read); a receipt's lock, component positions and three
writes, then one read of the dossier for its response; a read of the dossier is one statement for a usual
dossier (its agencies, components, files and fees inside it, selectors.dossier_get). The statistics and
notifications an action causes are derived after commit by the worker's outbox projector
(jobs/projector.py), not on this path."""

import json

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from motcua.api.auth import token_issue
from tests.dossiers.world import act, mandatory_positions, receive, submit

pytestmark = pytest.mark.django_db

# submission: token (1); references (1); the day's counter, the dossier, its components, fee, event,
# outbox (6); the response: nothing (built from the rows written)
SUBMIT_BUDGET = 8
# receipt: token (1); the locked dossier, its component positions, update, event, outbox (5); the
# response: the dossier read once (1)
RECEIVE_BUDGET = 8
# read: token (1), the dossier (1)
READ_BUDGET = 5


def _request(method: str, path: str, token: str, body: dict | None = None):
    client = Client()
    headers = {"Authorization": f"Bearer {token}"}
    with CaptureQueriesContext(connection) as queries:
        if method == "GET":
            response = client.get(path, headers=headers)
        else:
            response = client.post(path, json.dumps(body), content_type="application/json", headers=headers)
    statements = [q["sql"] for q in queries.captured_queries if "SAVEPOINT" not in q["sql"]]
    return response, statements


def test_submit_receive_and_read_stay_within_their_budgets(world, fixed_clock):
    _, token = token_issue(world.desk)
    receive(world, submit(world))  # the day's caches warm, as after the first dossier of the day
    body = {
        "procedure": world.procedure.code,
        "channel": "post",
        "competent_agency": world.department.identifier,
        "applicant_id": world.applicant.pk,
        "eform_data": {"ho_ten": world.applicant.full_name},
        "components": [{"position": p} for p in mandatory_positions(world)],
    }
    _request("POST", "/api/v1/dossiers", token, body)  # the token's first use is recorded
    response, submit_sql = _request("POST", "/api/v1/dossiers", token, body)
    assert response.status_code == 201, response.content
    submitted = response.json()
    assert len(submit_sql) <= SUBMIT_BUDGET, submit_sql
    # the submission's response, built from what the lifecycle wrote, is the dossier as stored
    response, _ = _request("GET", f"/api/v1/dossiers/{submitted['code']}", token)
    assert response.json() == submitted
    assert [c["position"] for c in submitted["components"]] == mandatory_positions(world)
    assert submitted["fees"] and submitted["procedure"] == world.procedure.code

    response, receive_sql = _request(
        "POST",
        f"/api/v1/dossiers/{submitted['code']}/actions/receive",
        token,
        {"expected_version": submitted["version"]},
    )
    assert response.status_code == 200, response.content
    received = response.json()["dossier"]
    assert received["state"] == "received" and received["version"] == submitted["version"] + 1
    assert len(receive_sql) <= RECEIVE_BUDGET, receive_sql

    response, read_sql = _request("GET", f"/api/v1/dossiers/{submitted['code']}", token)
    assert response.status_code == 200
    assert response.json() == received  # the action's response is the complete dossier
    assert len(read_sql) <= READ_BUDGET, read_sql
    for empty in ("dossiers_dossierpause", "dossiers_dossierresult", "dossiers_dossierconsultation"):
        assert not [sql for sql in read_sql if sql.split(" WHERE ")[0].endswith(f'FROM "{empty}"')]


def test_a_dossier_with_pauses_and_consultations_still_shows_them(world, fixed_clock):
    _, token = token_issue(world.officer)
    dossier = act(receive(world), "consult", world.officer, agencies=[world.other.identifier])
    dossier = act(
        dossier, "request_supplement", world.officer, reason="Thiếu bản sao", missing=["Bản sao CCCD"]
    )
    _request("GET", f"/api/v1/dossiers/{dossier.code}", token)  # the token's first use is recorded
    response, read_sql = _request("GET", f"/api/v1/dossiers/{dossier.code}", token)
    assert response.status_code == 200, response.content
    shown = response.json()
    assert [c["agency"] for c in shown["consultations"]] == [world.other.identifier]
    assert len(shown["pauses"]) == 1 and shown["pauses"][0]["ended_at"] is None
    # the relations that now have rows cost a statement each: pauses, consultations, their agencies
    assert len(read_sql) <= 2 + 3, read_sql
