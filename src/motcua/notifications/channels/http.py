"""The JSON-over-HTTP transport the SMS and Zalo channels share: one POST, every transport failure
turned into a `ChannelError` with a machine-readable code (`<channel>:timeout`, `:unreachable`,
`:http_<status>`, `:bad_response`)."""

from __future__ import annotations

import httpx

from .registry import ChannelError


def post_json(http: httpx.Client, channel: str, url: str, body: dict, headers: dict | None = None) -> dict:
    """POST `body` as JSON; the answer as a dict (HTTP 200 and a JSON object), else ChannelError."""
    try:
        response = http.post(url, json=body, headers=headers or {})
    except httpx.TimeoutException as exc:
        raise ChannelError(f"{channel}:timeout", type(exc).__name__) from exc
    except httpx.TransportError as exc:
        raise ChannelError(f"{channel}:unreachable", f"{type(exc).__name__}: {exc}") from exc
    if response.status_code != 200:
        raise ChannelError(f"{channel}:http_{response.status_code}", response.text[:500])
    try:
        answer = response.json()
    except ValueError as exc:
        raise ChannelError(f"{channel}:bad_response", response.text[:500]) from exc
    if not isinstance(answer, dict):
        raise ChannelError(f"{channel}:bad_response", response.text[:500])
    return answer


def codes(value: str) -> list[str]:
    return [c.strip() for c in str(value or "").split(",") if c.strip()]
