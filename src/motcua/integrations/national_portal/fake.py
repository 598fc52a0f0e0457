"""A fake national portal (DVCQG) on loopback HTTP, for tests and the demo (`MOTCUA_DVCQG_FAKE=1`).

It speaks the shapes of DOMAIN.md §7: `POST /auth` `{username, password}` → `{session, error_code}`;
`POST /service` `{session, madonvi, service, ...}` → `{error_code, message}`. It keeps what it was sent:

- `dossiers`: the last `DongBoHoSoMC` record per MaHoSo (an insert of a known MaHoSo is answered
  ALREADY_EXISTS, an update of an unknown one NOT_FOUND, as a real portal does);
- `accepted`: every (service, MaHoSo, MaSuKien) taken for the first time, in arrival order — the
  receiver's idempotency: a repeat of the same event is acknowledged and not recorded again;
- `calls`: every call as received (repeats included), for counting at-least-once redeliveries.

Faults on demand: `down` (HTTP 503), `fail_next(n, error_code=…)` or `fail_next(n, http_status=…)`,
`delay` (seconds before every answer: slow, or a timeout when above the client's), `expire_sessions()`
(now) and `session_ttl_calls` (a session dies after that many calls).

    with FakePortal() as portal:
        portal.settings()  # MOTCUA_DVCQG_* values pointing at it
"""

from __future__ import annotations

import json
import secrets
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

SUCCESS = "0"
WRONG_LOGIN = "1"
SESSION_EXPIRED = "-1"
ALREADY_EXISTS = "2"
NOT_FOUND = "3"
BAD_REQUEST = "4"

# The sync record's required fields (a record without them is refused with BAD_REQUEST).
REQUIRED_SYNC = ("MaHoSo", "MaTTHC", "TrangThaiHoSo", "KenhThucHien", "NgayNopHoSo")
REQUIRED_PROGRESS = ("MaHoSo", "TrangThai", "ThoiDiemXuLy")


@dataclass
class Accepted:
    service: str
    code: str
    event: str
    record: dict


@dataclass
class FakePortalState:
    username: str = "motcua"
    password: str = "fake-password"
    madonvi: str = "000.00.00.H99"
    sessions: dict[str, int] = field(default_factory=dict)  # session → calls made with it
    session_ttl_calls: int | None = None
    logins: int = 0
    dossiers: dict[str, dict] = field(default_factory=dict)
    accepted: list[Accepted] = field(default_factory=list)
    seen: set[tuple[str, str, str]] = field(default_factory=set)
    calls: list[dict] = field(default_factory=list)
    arrived: int = 0  # requests received, counted before any delay
    down: bool = False
    delay: float = 0.0
    failures: list[dict] = field(default_factory=list)  # queued faults for the next calls
    catalogue: dict[str, dict] = field(default_factory=dict)  # MaTTHC → LayThuTuc record


class FakePortal:
    """The server in a daemon thread on 127.0.0.1 (random port unless `port` is given)."""

    def __init__(self, port: int = 0):
        self.state = FakePortalState()
        self.lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", port), _handler(self))
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, name="fake-dvcqg", daemon=True)

    # ----- lifecycle -----
    def start(self) -> FakePortal:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> FakePortal:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def settings(self) -> dict:
        """The MOTCUA_DVCQG_* settings that point the connector at this portal."""
        s = self.state
        return {
            "MOTCUA_DVCQG_AUTH_URL": f"{self.url}/auth",
            "MOTCUA_DVCQG_SERVICE_URL": f"{self.url}/service",
            "MOTCUA_DVCQG_USERNAME": s.username,
            "MOTCUA_DVCQG_PASSWORD": s.password,
            "MOTCUA_DVCQG_MADONVI": s.madonvi,
            "MOTCUA_DVCQG_SESSION_EXPIRED_CODES": SESSION_EXPIRED,
            "MOTCUA_DVCQG_ALREADY_EXISTS_CODES": ALREADY_EXISTS,
            "MOTCUA_DVCQG_NOT_FOUND_CODES": NOT_FOUND,
        }

    # ----- faults -----
    def fail_next(self, n: int = 1, *, error_code: str | None = None, http_status: int | None = None) -> None:
        with self.lock:
            self.state.failures.extend([{"error_code": error_code, "http_status": http_status}] * n)

    def expire_sessions(self) -> None:
        with self.lock:
            self.state.sessions.clear()

    # ----- what it received -----
    def events(self, code: str, service: str = "CapNhatTienDoHoSoMC") -> list[str]:
        """The MaSuKien accepted for one dossier and service, in arrival order."""
        with self.lock:
            return [a.event for a in self.state.accepted if a.code == code and a.service == service]

    def accepted_count(self) -> Counter:
        with self.lock:
            return Counter((a.service, a.code, a.event) for a in self.state.accepted)

    def calls_of(self, service: str) -> list[dict]:
        with self.lock:
            return [c for c in self.state.calls if c.get("service") == service]

    # ----- the protocol -----
    def answer(self, path: str, body: dict) -> tuple[int, dict]:
        s = self.state
        with self.lock:
            if s.down:
                return 503, {"error_code": "503", "message": "Hệ thống đang bảo trì"}
            if path.rstrip("/").endswith("/auth"):
                if body.get("username") != s.username or body.get("password") != s.password:
                    return 200, {"error_code": WRONG_LOGIN, "message": "Sai tài khoản"}
                session = secrets.token_hex(16)
                s.sessions[session] = 0
                s.logins += 1
                return 200, {"session": session, "error_code": SUCCESS}
            s.calls.append(body)
            if s.failures:
                fault = s.failures.pop(0)
                if fault["http_status"]:
                    return fault["http_status"], {"error_code": str(fault["http_status"])}
                return 200, {"error_code": fault["error_code"], "message": "Lỗi giả lập"}
            session = body.get("session")
            if session not in s.sessions or (
                s.session_ttl_calls is not None and s.sessions[session] >= s.session_ttl_calls
            ):
                s.sessions.pop(session, None)
                return 200, {"error_code": SESSION_EXPIRED, "message": "Phiên làm việc hết hạn"}
            s.sessions[session] += 1
            if body.get("madonvi") != s.madonvi:
                return 200, {"error_code": BAD_REQUEST, "message": "Sai mã đơn vị"}
            service = body.get("service")
            if service == "DongBoHoSoMC":
                return 200, self._sync(body)
            if service == "CapNhatTienDoHoSoMC":
                return 200, self._progress(body)
            if service == "LayDanhSachTTHC":
                return 200, {"error_code": 0, "result": [{"MATTHC": k} for k in sorted(s.catalogue)]}
            if service == "LayThuTuc":
                record = s.catalogue.get(str(body.get("MaTTHC")))
                if record is None:
                    return 200, {"error_code": NOT_FOUND, "message": "Không có thủ tục"}
                return 200, {"error_code": "00", "result": record}
            return 200, {"error_code": BAD_REQUEST, "message": f"Dịch vụ không hỗ trợ: {service}"}

    def _take(self, service: str, record: dict) -> None:
        key = (service, str(record.get("MaHoSo")), str(record.get("MaSuKien", "")))
        if key in self.state.seen:
            return  # a repeat of an event already taken: acknowledged, not recorded twice
        self.state.seen.add(key)
        self.state.accepted.append(Accepted(service, key[1], key[2], record))

    def _sync(self, body: dict) -> dict:
        data = body.get("data")
        if not isinstance(data, list) or not data:
            return {"error_code": BAD_REQUEST, "message": "Thiếu data"}
        updating = str(body.get("isUpdating"))
        if updating not in ("True", "False"):
            return {"error_code": BAD_REQUEST, "message": "isUpdating phải là True/False"}
        for record in data:
            missing = [f for f in REQUIRED_SYNC if not record.get(f)]
            if missing:
                return {"error_code": BAD_REQUEST, "message": f"Thiếu trường {', '.join(missing)}"}
            known = record["MaHoSo"] in self.state.dossiers
            if updating == "False" and known:
                return {"error_code": ALREADY_EXISTS, "message": "Hồ sơ đã tồn tại"}
            if updating == "True" and not known:
                return {"error_code": NOT_FOUND, "message": "Không tìm thấy hồ sơ"}
        for record in data:
            self.state.dossiers[record["MaHoSo"]] = record
            self._take("DongBoHoSoMC", record)
        return {"error_code": 0, "message": "Thành công"}

    def _progress(self, body: dict) -> dict:
        data = body.get("data")
        if not isinstance(data, list) or not data:
            return {"error_code": BAD_REQUEST, "message": "Thiếu data"}
        for record in data:
            missing = [f for f in REQUIRED_PROGRESS if not record.get(f)]
            if missing:
                return {"error_code": BAD_REQUEST, "message": f"Thiếu trường {', '.join(missing)}"}
        for record in data:
            self._take("CapNhatTienDoHoSoMC", record)
        return {"error_code": "00", "message": "Thành công"}


def _handler(portal: FakePortal):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive, as the connector's client expects
        disable_nagle_algorithm = True  # headers and body go out in separate writes: no 40 ms stall

        def do_POST(self):
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length)
            try:
                body = json.loads(raw or b"{}")
                if not isinstance(body, dict):
                    raise ValueError
            except ValueError:
                self._send(400, {"error_code": BAD_REQUEST, "message": "JSON không hợp lệ"})
                return
            with portal.lock:
                portal.state.arrived += 1  # counted before the delay: "a call is in flight"
            if portal.state.delay:
                time.sleep(portal.state.delay)
            status, answer = portal.answer(self.path, body)
            self._send(status, answer)

        def _send(self, status: int, answer: dict) -> None:
            data = json.dumps(answer, ensure_ascii=False).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args):  # quiet: the tests and the demo log through the relay
            pass

    return Handler


def main() -> None:
    """`python -m motcua.integrations.national_portal.fake [port]`: serve until killed, printing the
    MOTCUA_DVCQG_* settings as `NAME=value` lines (the relay benchmark runs it in its own process)."""
    import signal
    import sys

    portal = FakePortal(int(sys.argv[1]) if len(sys.argv) > 1 else 0).start()
    for name, value in portal.settings().items():
        print(f"{name}={value}", flush=True)
    signal.sigwait({signal.SIGTERM, signal.SIGINT})
    portal.stop()


if __name__ == "__main__":
    main()
