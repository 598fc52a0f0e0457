"""Statements per HTTP request on the receive path (issue 17, part 6): a submission, its receipt and a read
of the dossier through the API each run a fixed, small number of statements. The read of the dossier
fetches only the child tables that have rows for it (selectors.dossier_get), so a new dossier costs no
query for its empty files, pauses, results or consultations, and a dossier that has them still shows
them. Counts, never timings; the savepoints of the test's own transaction are not counted.

Budgets are today's counts (docs/performance.md, "The receive path over HTTP"); the notifications and
the statistics are derived after commit by the worker's outbox projector (jobs/projector.py), not on this
path. The issue's targets (≤ 8 per submission and per receipt, ≤ 5 per read) are not reached yet."""

import json

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from motcua.api.auth import token_issue
from tests.dossiers.world import act, mandatory_positions, receive, submit

pytestmark = pytest.mark.django_db

# submission: token, grants, procedure version, agency, applicant, process (6); the day's counter, the
# dossier, its components, fee, event, outbox (6); the response's re-read of dossier, components, fees,
# agency (4). (18 when the statistics hook read and wrote the fact here.)
SUBMIT_BUDGET = 16
# receipt: token, grants, the locked dossier, its component positions, update, event, outbox (7); the
# response's re-read of dossier, components, fees and its agencies (5). (19 when the statistics hook,
# 4, and the "received" notification's reads, 3, ran here.)
RECEIVE_BUDGET = 12
READ_BUDGET = 6


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
    for empty in ("dossiers_dossierfile", "dossiers_dossierpause", "dossiers_dossierresult"):
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
    assert len(read_sql) <= READ_BUDGET + 3, read_sql
