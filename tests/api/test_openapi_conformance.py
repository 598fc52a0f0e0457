"""Schemathesis over the whole API (every operation of /api/v1/openapi.json, every built-in check,
positive and negative data) as an anonymous caller, a citizen and a desk officer: no server error, no
response that breaks the document (status code, content type, headers, body schema)."""

import json
import logging
import os
import time
import traceback
import zlib
from collections import Counter

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from schemathesis.checks import CHECKS, load_all_checks
from schemathesis.pytest.lazy import get_all_tests

from motcua.api.auth import token_issue
from motcua.dossiers import lifecycle
from motcua.dossiers.models import Dossier
from motcua.wsgi import application
from tests.dossiers.world import make_world

pytestmark = pytest.mark.django_db

MAX_EXAMPLES = 4

#: What the WSGI app answered during the run, for the summary.
STATS: Counter = Counter()


def counted(environ, start_response):
    def record(status, headers, exc_info=None):
        STATS["requests"] += 1
        if status.startswith("5"):
            STATS["server_errors"] += 1
        return start_response(status, headers, exc_info)

    return application(environ, record)


@pytest.fixture
def scene(db):
    """The demo-like world: a published procedure with its process, dossiers in several states."""
    world = make_world()
    params = {"procedure": world.procedure.code, "competent_agency": world.department.identifier}
    submitted = lifecycle.perform(None, "submit", world.citizen, eform_data={"ho_ten": "A"}, **params)
    received = lifecycle.perform(None, "submit", world.citizen, eform_data={"ho_ten": "B"}, **params)
    received = lifecycle.perform(received, "receive", world.desk, received.version)
    return world, [submitted.code, received.code]


@pytest.fixture
def api_schema(scene):
    _world, codes = scene
    # Like Django's test client: the test's transaction stays open across requests.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", counted)
    # A domain rule may refuse a request the document allows (a year outside the calendar, an e-form
    # the procedure's schema rejects…): that is a 422 problem, not a lie of the document.
    schema.config.checks.positive_data_acceptance.expected_statuses.append("422")
    schema.config.generation.update(
        modes=["positive", "negative"], max_examples=MAX_EXAMPLES, deterministic=True, no_shrink=True
    )

    @schema.hook
    def map_path_parameters(context, path_parameters):
        # Half of the generated dossier codes are replaced by real ones, so actions reach the lifecycle.
        code = (path_parameters or {}).get("code")
        if isinstance(code, str) and zlib.crc32(code.encode()) % 2 == 0:
            path_parameters["code"] = codes[len(code) % len(codes)]
        return path_parameters

    @schema.hook
    def map_body(context, body):
        if not isinstance(body, dict) or "payload" not in body:
            return body
        # The `payload` part of a multipart body is JSON (its `encoding`); Schemathesis sends a
        # generated object as is, so it is serialised here. Schemathesis also sends parts matched by
        # `patternProperties` (component_<n>, result_<n>) without a file name, i.e. as text fields,
        # which no client uploading a file does: those are left out (file checks: tests/*/test_*upload*).
        payload = body["payload"]
        return {"payload": payload if isinstance(payload, str | bytes) else json.dumps(payload)}

    @schema.hook
    def map_case(context, case):
        # Half of the valid action requests on a real dossier carry its current version, so the
        # lifecycle runs the action instead of answering 409.
        code = (case.path_parameters or {}).get("code")
        body = case.body
        if (
            code in codes
            and isinstance(body, dict)
            and isinstance(body.get("expected_version"), int)
            and case.meta is not None
            and case.meta.generation.mode.is_positive
            and body["expected_version"] % 2 == 0
        ):
            body["expected_version"] = Dossier.objects.get(code=code).version
        return case

    yield schema
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def bearer(user) -> dict:
    return {"Authorization": f"Bearer {token_issue(user)[1]}"}


load_all_checks()
ALL_CHECKS = list(CHECKS.get_all())


def run(schema, role: str, headers: dict) -> list[str]:
    """Every operation's Hypothesis test (examples, coverage and fuzzing phases); the failures found."""

    def call(case):
        STATS["cases"] += 1
        case.call_and_validate(headers=headers, checks=ALL_CHECKS)

    failures = []
    for result in get_all_tests(schema=schema, test_func=call, settings=None, given_kwargs={}):
        operation, test = result.ok()
        STATS["operations"] += 1
        began = time.monotonic()
        try:
            test()
        except (Exception, BaseExceptionGroup) as exc:
            failures.append(f"[{role}] {operation.label}: {exc}")
            if os.environ.get("SCHEMATHESIS_TRACEBACK"):
                traceback.print_exception(exc)
        if os.environ.get("SCHEMATHESIS_TIMES"):
            print(f"{role} {operation.label} {time.monotonic() - began:.1f}s")
    return failures


def test_whole_api_conforms_to_its_document(api_schema, scene, caplog):
    caplog.set_level(logging.CRITICAL, logger="django")  # 4xx are expected by the thousand
    world = scene[0]
    started = time.monotonic()
    failures = []
    for role, user in (("anonymous", None), ("citizen", world.citizen), ("desk", world.desk)):
        # Anonymous calls stop at authentication on most operations: the boundary values of the
        # coverage phase are spent on the callers who get past it.
        phases = ["examples", "fuzzing"] + (["coverage"] if user else [])
        api_schema.config.phases.update(phases=phases)
        failures += run(api_schema, role, bearer(user) if user else {})
    print(
        f"\nschemathesis: {STATS['operations']} operation runs, {STATS['cases']} test cases, "
        f"{STATS['requests']} requests, {STATS['server_errors']} server errors, {len(failures)} failures, "
        f"{time.monotonic() - started:.0f} s"
    )
    assert not failures, "\n\n".join(failures)
