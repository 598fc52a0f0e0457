"""Relay and inbound events are logged as one JSON object per line with their fields (event, dossier
code, outbox id, error code…), through the logging configuration of settings."""

import json
import logging

import pytest

from motcua.core.jsonlog import JsonFormatter, log_format
from tests.factories.national_records import new_dossier_record
from tests.integrations.inbound import integration_token, post_record

from ..dossiers.world import receive


def _json_lines(caplog, prefix):
    formatter = JsonFormatter()
    return [json.loads(formatter.format(r)) for r in caplog.records if r.name.startswith(prefix)]


def test_relay_failures_are_structured(world, fake_portal, relay, caplog):
    dossier = receive(world)
    fake_portal.fail_next(1, http_status=503)
    with caplog.at_level(logging.INFO, logger="motcua.relay"):
        relay.drain()
    lines = _json_lines(caplog, "motcua.relay")
    failed = next(line for line in lines if line.get("event") == "relay.failed")
    assert failed["dossier_code"] == dossier.code and failed["error_code"] == "dvcqg:http_503"
    assert failed["level"] == "WARNING" and failed["attempt"] == 1 and failed["ts"].endswith("+00:00")
    assert any(line.get("event") == "relay.round" and line["failed"] == 1 for line in lines)


def test_inbound_events_are_structured(client, world, fixed_clock, caplog):
    _, token = integration_token()
    with caplog.at_level(logging.INFO, logger="motcua.integrations"):
        post_record(client, token, new_dossier_record(world, "G22.99-260302-0900"))
        post_record(client, token, new_dossier_record(world, "G22.99-260302-0900"))
    events = [(line["event"], line["dossier_code"]) for line in _json_lines(caplog, "motcua.integrations")]
    assert events == [("inbound.created", "G22.99-260302-0900"), ("inbound.replayed", "G22.99-260302-0900")]


def test_the_relay_and_the_portal_link_log_through_the_common_handler(settings):
    for name in ("motcua.relay", "motcua.integrations"):
        assert settings.LOGGING["loggers"][name].get("propagate", True)
        assert "handlers" not in settings.LOGGING["loggers"][name]
    assert settings.LOGGING["root"]["handlers"] == ["console"]


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({}, "text"),
        ({"MOTCUA_PRODUCTION": "1"}, "json"),
        ({"MOTCUA_PRODUCTION": "1", "MOTCUA_LOG_FORMAT": "text"}, "text"),
        ({"MOTCUA_LOG_FORMAT": "JSON"}, "json"),
        ({"MOTCUA_JSON_LOGS": "1"}, "json"),
        ({"MOTCUA_JSON_LOGS": "0", "MOTCUA_PRODUCTION": "1"}, "text"),
        ({"MOTCUA_JSON_LOGS": "1", "MOTCUA_LOG_FORMAT": "text"}, "text"),
    ],
)
def test_one_switch_chooses_the_format_of_every_logger(environ, expected):
    assert log_format(environ) == expected
