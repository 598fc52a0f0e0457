"""The national portal's transport: a session from the auth URL, then every call a JSON POST
`{session, madonvi, service, ...}` to the one service URL (DOMAIN.md §7).

Success is decided by `error_code` only (0, "0" or "00"), never by the message text. An expired
session (HTTP 401 or one of the configured codes) is renewed once per call. Every failure is raised as
`DeliveryError` with a machine-readable code:

    dvcqg:timeout            the portal did not answer within the timeout
    dvcqg:unreachable        connection refused / reset / DNS
    dvcqg:http_<status>      an HTTP status other than 200
    dvcqg:bad_response       not a JSON object
    dvcqg:auth:<error_code>  login refused
    dvcqg:error_code:<code>  the service answered a non-zero error_code
"""

from __future__ import annotations

import httpx

from motcua.integrations.registry import DeliveryError

from .options import PortalOptions

SUCCESS = {"0", "00"}


def error_code(answer: dict) -> str:
    """The answer's error_code as text ("" when absent); 0, "0" and "00" all mean success."""
    code = answer.get("error_code")
    return "" if code is None else str(code).strip()


def is_success(answer: dict) -> bool:
    return error_code(answer) in SUCCESS


class PortalError(DeliveryError):
    """A service call answered with a non-success error_code (`portal_code` holds it)."""

    def __init__(self, portal_code: str, detail: str = ""):
        super().__init__(f"dvcqg:error_code:{portal_code}", detail)
        self.portal_code = portal_code


class PortalClient:
    """One per worker process: keeps its HTTP connections and its session between calls."""

    def __init__(self, options: PortalOptions, *, http: httpx.Client | None = None):
        self.options = options
        self.http = http or httpx.Client(timeout=options.timeout, headers={"Accept": "application/json"})
        self.session: str | None = None
        self.logins = 0  # how many times a session was obtained (tests, the operations page)

    def close(self) -> None:
        self.http.close()

    def _post(self, url: str, body: dict) -> tuple[int, dict]:
        try:
            response = self.http.post(url, json=body)
        except httpx.TimeoutException as exc:
            raise DeliveryError("dvcqg:timeout", f"{type(exc).__name__}") from exc
        except httpx.TransportError as exc:
            raise DeliveryError("dvcqg:unreachable", f"{type(exc).__name__}: {exc}") from exc
        if response.status_code == 401:
            return 401, {}
        if response.status_code != 200:
            raise DeliveryError(f"dvcqg:http_{response.status_code}", response.text[:500])
        try:
            answer = response.json()
        except ValueError as exc:
            raise DeliveryError("dvcqg:bad_response", response.text[:500]) from exc
        if not isinstance(answer, dict):
            raise DeliveryError("dvcqg:bad_response", response.text[:500])
        return 200, answer

    def login(self) -> str:
        status, answer = self._post(
            str(self.options.auth_url),
            {"username": self.options.username, "password": self.options.password.get_secret_value()},
        )
        if status != 200 or not is_success(answer) or not answer.get("session"):
            code = error_code(answer) or str(status)
            raise DeliveryError(f"dvcqg:auth:{code}", str(answer.get("message", ""))[:500])
        self.session = str(answer["session"])
        self.logins += 1
        return self.session

    def call(self, service: str, **fields) -> dict:
        """POST one service call; returns the answer (a dict) on success.

        Raises PortalError (a non-success error_code other than "session expired") or DeliveryError.
        """
        renewed = False
        while True:
            if not self.session:
                self.login()
                renewed = True
            body = {"session": self.session, "madonvi": self.options.madonvi, "service": service, **fields}
            status, answer = self._post(str(self.options.service_url), body)
            expired = status == 401 or error_code(answer) in self.options.session_expired_codes
            if expired:
                self.session = None
                if renewed:
                    raise DeliveryError("dvcqg:session_expired", "the session expired again after renewal")
                continue  # renew once
            if is_success(answer):
                return answer
            raise PortalError(error_code(answer) or "missing", str(answer.get("message", ""))[:500])
