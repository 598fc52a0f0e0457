"""Queries per API request do not grow with the data: the worklist page and the public lookup run a fixed
set of queries whatever the page size or the dossier's history, so a regression to one query per row
(or per event) fails here. Counts, never timings."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from motcua.api.auth import token_issue
from motcua.dossiers.api import dossier_summary
from motcua.dossiers.models import ApiToken
from motcua.dossiers.selectors import dossier_get
from tests.dossiers.world import act, receive, submit

pytestmark = pytest.mark.django_db


def _get(
    path: str, token: str | None = None, *, body: dict | None = None, **params
) -> tuple[dict, list[str]]:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    client = Client()
    with CaptureQueriesContext(connection) as queries:
        if body is None:
            response = client.get(path, params, headers=headers)
        else:
            response = client.post(path, body, "application/json", headers=headers)
    assert response.status_code == 200, response.content
    return response.json(), [q["sql"] for q in queries.captured_queries]


def _top_level(sql: str) -> str:
    """`sql` without its parenthesised parts (subqueries in the select list or the filters)."""
    depth, kept = 0, []
    for ch in sql:
        depth += ch == "("
        if depth == 0:
            kept.append(ch)
        depth -= ch == ")"
    return "".join(kept)


def _reading(sqls: list[str], table: str) -> list[str]:
    """The queries whose main table is `table` (not those that only join it or use it in a subquery)."""
    return [
        sql for sql in sqls if f'FROM "{table}"' in _top_level(sql).split(" WHERE ")[0].split(" JOIN ")[0]
    ]


def test_worklist_page_queries_do_not_grow_with_the_page(world, fixed_clock):
    _, token = token_issue(world.officer)
    receive(world)
    _get("/api/v1/dossiers", token)  # the token's first use is recorded (once a minute at most)
    small, small_queries = _get("/api/v1/dossiers", token)
    for _ in range(7):
        receive(world)
    large, large_queries = _get("/api/v1/dossiers", token)
    assert (len(small["items"]), len(large["items"])) == (1, 8)
    assert len(large_queries) == len(small_queries)
    # The token with its user and the user's applicant (none here) in one query; the dossiers of the
    # page in one query, the open consultations of the officer's agency inside it as a subquery.
    (token_sql,) = _reading(large_queries, "dossiers_apitoken")
    assert '"organizations_applicant"' in token_sql
    assert not _reading(large_queries, "organizations_applicant")
    assert len(_reading(large_queries, "dossiers_dossier")) == 1
    assert not _reading(large_queries, "dossiers_dossierconsultation")
    # ... and the officer's roles and delegations come with the token (core/json_rows.py).
    assert '"organizations_staffrole"' in token_sql and '"organizations_delegation"' in token_sql
    assert len(large_queries) <= 2


def test_citizen_worklist_queries_do_not_grow_with_the_page(world, fixed_clock):
    _, token = token_issue(world.citizen)
    submit(world)
    _get("/api/v1/dossiers", token)
    _, small_queries = _get("/api/v1/dossiers", token)
    for _ in range(4):
        submit(world)
    page, large_queries = _get("/api/v1/dossiers", token)
    assert len(page["items"]) == 5
    assert len(large_queries) == len(small_queries) <= 4
    assert not _reading(large_queries, "organizations_applicant")


def test_worklist_items_are_the_dossiers_summaries(world, fixed_clock):
    """The worklist reads plain columns, the full view reads the dossier: both say the same."""
    received = act(receive(world), "forward", world.officer)
    consulted = act(receive(world), "consult", world.officer, agencies=[world.other.identifier])
    submitted = submit(world)
    for user, expected in (
        (world.leader, [received]),
        (world.other_officer, [consulted]),
        (world.citizen, [submitted, consulted, received]),  # all three are the applicant's
    ):
        _, token = token_issue(user)
        page, _ = _get("/api/v1/dossiers", token)
        assert page["items"] == [dossier_summary(dossier_get(d.code)) for d in expected], user
        assert page["next_cursor"] is None


def test_public_lookup_is_three_queries_whatever_the_history(world, fixed_clock):
    fresh = receive(world)
    long_lived = receive(world)
    for action, actor in (("forward", world.officer), ("approve", world.leader)):
        long_lived = act(long_lived, action, actor)
    lookups = {}
    for dossier in (fresh, long_lived):
        lookups[dossier.code] = _get(
            f"/api/v1/dossiers/{dossier.code}/lookup", body={"id_number": world.applicant.id_number}
        )
    (short, short_queries), (long, long_queries) = lookups.values()
    assert len(long["timeline"]) > len(short["timeline"])
    # The dossier with its procedure version and receiving agency, its public events, then whether
    # the caller's address is blocked for too many misses (a hit writes nothing).
    assert len(short_queries) == len(long_queries) == 3
    assert set(long) == {
        "code",
        "procedure_name",
        "state",
        "state_label",
        "national_status",
        "received_at",
        "due_at",
        "finished_at",
        "returned_at",
        "receiving_agency_name",
        "timeline",
    }
    assert long["receiving_agency_name"] == world.centre.name
    assert long["procedure_name"] == long_lived.procedure_version.name


def test_token_use_is_recorded_at_most_once_a_minute(world, fixed_clock):
    token, clear = token_issue(world.desk)
    _, first = _get("/api/v1/dossiers", clear)
    _, again = _get("/api/v1/dossiers", clear)
    assert sum(sql.startswith('UPDATE "dossiers_apitoken"') for sql in first) == 1
    assert not any(sql.startswith('UPDATE "dossiers_apitoken"') for sql in again)
    fixed_clock.set(fixed_clock.at + timedelta(seconds=61))
    _, later = _get("/api/v1/dossiers", clear)
    assert sum(sql.startswith('UPDATE "dossiers_apitoken"') for sql in later) == 1
    assert ApiToken.objects.get(pk=token.pk).last_used_at == fixed_clock.at
