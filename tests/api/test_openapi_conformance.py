"""Schemathesis over the whole API (every operation of /api/v1/openapi.json, every built-in check,
positive and negative data) as an anonymous caller, a citizen, a desk officer and a processing officer:
no server error, no response that breaks the document (status code, content type, headers, body
schema)."""

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
from motcua.dossiers.models import Dossier
from motcua.wsgi import application
from tests.dossiers.world import act, make_world, receive, submit, to_result

pytestmark = pytest.mark.django_db

MAX_EXAMPLES = 2

#: What the WSGI app answered during the run, for the summary.
STATS: Counter = Counter()


def counted(environ, start_response):
    def record(status, headers, exc_info=None):
        STATS["requests"] += 1
        STATS[f"{status[0]}xx"] += 1
        if status.startswith("2") and "/actions/" in environ.get("PATH_INFO", ""):
            STATS["actions_performed"] += 1
        if status.startswith("5"):
            STATS["server_errors"] += 1
        return start_response(status, headers, exc_info)

    return application(environ, record)


@pytest.fixture
def scene(db):
    """The dossier tests' world (a published procedure with its process, a citizen, staff) and its
    dossiers in the states where the citizen or the desk officer can act: submitted, received,
    supplement requested, payment requested, result ready."""
    world = make_world()

    def submitted(name):
        return submit(world, eform_data={"ho_ten": name})

    supplement = act(receive(world, submitted("C")), "request_supplement", world.desk, reason="Thiếu CCCD")
    payment = act(receive(world, submitted("D")), "request_payment", world.desk, amount=8000)
    dossiers = [
        submitted("A"),
        submitted("B"),
        receive(world, submitted("B2")),
        supplement,
        payment,
        to_result(world, submitted("E")),
    ]
    return world, [d.code for d in dossiers]


@pytest.fixture
def api_schema(scene):
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

    try:
        yield schema
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def bearer(user) -> dict:
    return {"Authorization": f"Bearer {token_issue(user)[1]}"}


load_all_checks()
ALL_CHECKS = list(CHECKS.get_all())


def as_a_client_sends_it(case) -> None:
    """The `payload` part of a multipart body is JSON (its `encoding`); Schemathesis sends a generated
    object as is, so it is serialised here. Schemathesis also sends the parts `patternProperties`
    match (component_<n>, result_<n>) without a file name, i.e. as text fields, which no client
    uploading a file does: those are left out (uploads have their own tests, tests/**/test_*upload*)."""
    body = case.body
    if isinstance(body, dict) and "payload" in body and (case.media_type or "").startswith("multipart/"):
        payload = body["payload"]
        case.body = {"payload": payload if isinstance(payload, str | bytes) else json.dumps(payload)}


def on_real_dossier(case, codes: list[str]) -> None:
    """Half of the valid requests naming a dossier name a real one, so reads find it; an action's body
    is then reduced to the smallest valid one with the dossier's current version, so the lifecycle
    performs it (and the answer's schema is checked) rather than refusing generated officers, steps
    or a stale version. Invalid (negative) requests are left as generated."""
    code = (case.path_parameters or {}).get("code")
    if code is None or case.meta is None or not case.meta.generation.mode.is_positive:
        return
    pick = zlib.crc32(repr((code, case.body, case.query)).encode())
    if pick % 2:
        return
    case.path_parameters["code"] = code = codes[pick // 2 % len(codes)]
    STATS["on_real_dossier"] += 1
    if isinstance(case.body, dict) and "expected_version" in case.body and pick // 2 % 3 != 0:
        case.body = {"expected_version": Dossier.objects.get(code=code).version}


def run(schema, role: str, user, codes: list[str]) -> list[str]:
    """Every operation's Hypothesis test (examples, coverage and fuzzing phases); the failures found."""

    headers = bearer(user) if user is not None else {}

    def call(case):
        STATS["cases"] += 1
        as_a_client_sends_it(case)
        on_real_dossier(case, codes)
        response = case.call_and_validate(headers=headers, checks=ALL_CHECKS)
        if response.status_code == 204 and case.path.endswith("/auth/token") and user is not None:
            headers.update(bearer(user))  # the token was revoked: the next case gets a new one

    failures = []
    for result in get_all_tests(schema=schema, test_func=call, settings=None, given_kwargs={}):
        operation, test = result.ok()
        STATS["operations"] += 1
        try:
            test()
        except (Exception, BaseExceptionGroup) as exc:
            failures.append(f"[{role}] {operation.label}: {exc}")
            if os.environ.get("SCHEMATHESIS_TRACEBACK"):
                traceback.print_exception(exc)
    if user is not None:
        failures += every_action_on_every_dossier(schema, role, headers, codes)
    return failures


def every_action_on_every_dossier(schema, role: str, headers: dict, codes: list[str]) -> list[str]:
    """Each action, as the smallest valid request, on each dossier at its current version: the
    successful answers (ActionOut) and the lifecycle's refusals are checked against the document too."""
    failures = []
    for result in schema.get_all_operations():
        operation = result.ok()
        if "/actions/" not in operation.path:
            continue
        for code in codes:
            version = Dossier.objects.get(code=code).version
            case = operation.Case(
                path_parameters={"code": code},
                body={"expected_version": version},
                media_type="application/json",
            )
            STATS["cases"] += 1
            try:
                case.call_and_validate(headers=headers, checks=ALL_CHECKS)
            except (Exception, BaseExceptionGroup) as exc:
                failures.append(f"[{role}] {operation.label} on {code}: {exc}")
    return failures


def test_whole_api_conforms_to_its_document(api_schema, scene, caplog):
    caplog.set_level(logging.CRITICAL, logger="django")  # 4xx are expected by the thousand
    world = scene[0]
    STATS.clear()
    started = time.monotonic()
    failures = []
    # The citizen comes last: withdrawing ends the dossiers the staff would act on.
    callers = (
        ("anonymous", None),
        ("officer", world.officer),
        ("desk", world.desk),
        ("citizen", world.citizen),
    )
    for role, user in callers:
        # Anonymous calls stop at authentication on most operations: the boundary values of the
        # coverage phase are spent on the callers who get past it.
        phases = ["examples", "fuzzing"] + (["coverage"] if user else [])
        api_schema.config.phases.update(phases=phases)
        failures += run(api_schema, role, user, scene[1])
    print(
        f"\nschemathesis: {STATS['operations']} operation runs, {STATS['cases']} test cases, "
        f"{STATS['requests']} requests ({STATS['2xx']} 2xx, {STATS['actions_performed']} actions performed, "
        f"{STATS['4xx']} 4xx), {STATS['server_errors']} server errors, {len(failures)} operations with "
        f"failed checks, {time.monotonic() - started:.0f} s"
    )
    assert not failures, "\n\n".join(failures)
    assert STATS["server_errors"] == 0
    # Every operation of the document ran for each caller, and some actions really happened.
    operations = sum(len(methods) for methods in api_schema.raw_schema["paths"].values())
    assert STATS["operations"] == len(callers) * operations and operations >= 28
    assert STATS["actions_performed"] > 0
