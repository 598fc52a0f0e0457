"""Fake SMS gateway and fake Zalo OA (ZNS) on loopback HTTP, for tests and the demo
(`MOTCUA_SMS_FAKE=1`, `MOTCUA_ZALO_FAKE=1` under `make run`). They speak the shapes of `sms.py` and
`zalo.py` and keep what they were sent:

- `calls`: every request body as received (failed ones included);
- `delivered`: every message they accepted (answered success), in arrival order — a message sent
  twice appears twice: the tests count redeliveries here.

Faults on demand: `down` (HTTP 503), `fail_next(n, error_code=…)` or `fail_next(n, http_status=…)`,
`delay` (seconds before every answer).

    with FakeSmsGateway() as sms:
        sms.settings()  # MOTCUA_SMS_* values pointing at it
"""

from __future__ import annotations

import json
import secrets
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from motcua.notifications.kinds import Kind


class _LoopbackFake:
    """The server in a daemon thread on 127.0.0.1 (random port unless `port` is given)."""

    thread_name = "fake"

    def __init__(self, port: int = 0):
        self.lock = threading.Lock()
        self.calls: list[dict] = []
        self.delivered: list[dict] = []
        self.down = False
        self.delay = 0.0
        self.failures: list[dict] = []
        self._server = ThreadingHTTPServer(("127.0.0.1", port), _handler(self))
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, name=self.thread_name, daemon=True)

    def start(self):
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def fail_next(self, n: int = 1, *, error_code: str | None = None, http_status: int | None = None) -> None:
        with self.lock:
            self.failures.extend([{"error_code": error_code, "http_status": http_status}] * n)

    def delivered_to(self, address: str) -> list[dict]:
        with self.lock:
            return [d for d in self.delivered if d.get(self.address_field) == address]

    def answer(self, headers, body: dict) -> tuple[int, dict]:
        with self.lock:
            self.calls.append(body)
            if self.down:
                return 503, {"message": "Service Unavailable"}
            if self.failures:
                fault = self.failures.pop(0)
                if fault["http_status"]:
                    return fault["http_status"], {"message": "Lỗi giả lập"}
                return 200, self.refusal(fault["error_code"])
            problem = self.check(headers, body)
            if problem is not None:
                return 200, problem
            self.delivered.append(body)
            return 200, self.accepted(body)


class FakeSmsGateway(_LoopbackFake):
    """The generic SMS gateway of `channels/sms.py`."""

    thread_name = "fake-sms"
    address_field = "to"
    token = "fake-sms-token"
    sender = "MOTCUA"

    def settings(self) -> dict:
        return {
            "MOTCUA_SMS_URL": f"{self.url}/sms/send",
            "MOTCUA_SMS_TOKEN": self.token,
            "MOTCUA_SMS_SENDER": self.sender,
            "MOTCUA_SMS_PERMANENT_CODES": "21",
        }

    def check(self, headers, body: dict) -> dict | None:
        if headers.get("Authorization") != f"Bearer {self.token}":
            return {"error_code": "401", "message": "Sai khóa truy cập"}
        to = str(body.get("to", ""))
        if not (to.isdigit() and to.startswith("84") and 10 <= len(to) <= 12):
            return {"error_code": "21", "message": "Số điện thoại không hợp lệ"}
        if not body.get("text") or not body.get("ref"):
            return {"error_code": "4", "message": "Thiếu nội dung"}
        return None

    def refusal(self, code) -> dict:
        return {"error_code": str(code), "message": "Lỗi giả lập"}

    def accepted(self, body: dict) -> dict:
        return {"error_code": "0", "message_id": f"sms-{secrets.token_hex(6)}"}


class FakeZaloOA(_LoopbackFake):
    """Zalo's ZNS template-message endpoint (`channels/zalo.py`)."""

    thread_name = "fake-zalo"
    address_field = "phone"
    access_token = "fake-zalo-token"

    def settings(self) -> dict:
        ids = ",".join(f"{kind}={400100 + i}" for i, kind in enumerate(Kind.values))
        return {
            "MOTCUA_ZALO_URL": f"{self.url}/message/template",
            "MOTCUA_ZALO_ACCESS_TOKEN": self.access_token,
            "MOTCUA_ZALO_TEMPLATE_IDS": ids,
            "MOTCUA_ZALO_PERMANENT_CODES": "-108,-118",
        }

    def check(self, headers, body: dict) -> dict | None:
        if headers.get("access_token") != self.access_token:
            return {"error": -124, "message": "Access token is invalid"}
        phone = str(body.get("phone", ""))
        if not (phone.isdigit() and phone.startswith("84") and 10 <= len(phone) <= 12):
            return {"error": -108, "message": "Phone number is invalid"}
        if not body.get("template_id") or not isinstance(body.get("template_data"), dict):
            return {"error": -112, "message": "Template data is invalid"}
        return None

    def refusal(self, code) -> dict:
        return {"error": int(code) if str(code).lstrip("-").isdigit() else -1, "message": "Lỗi giả lập"}

    def accepted(self, body: dict) -> dict:
        return {
            "error": 0,
            "message": "Success",
            "data": {"msg_id": secrets.token_hex(10), "sent_time": str(int(time.time() * 1000))},
        }


def _handler(fake: _LoopbackFake):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True

        def do_POST(self):
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length)
            try:
                body = json.loads(raw or b"{}")
                if not isinstance(body, dict):
                    raise ValueError
            except ValueError:
                self._send(400, {"message": "JSON không hợp lệ"})
                return
            if fake.delay:
                time.sleep(fake.delay)
            status, answer = fake.answer(self.headers, body)
            self._send(status, answer)

        def _send(self, status: int, answer: dict) -> None:
            data = json.dumps(answer, ensure_ascii=False).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args):
            pass

    return Handler


def start_demo_fakes(env: dict, say) -> list[_LoopbackFake]:
    """For `run_with_worker`: start the fake SMS gateway (MOTCUA_SMS_FAKE=1, no real one configured)
    and the fake Zalo OA (MOTCUA_ZALO_FAKE=1, no token configured), put their settings in `env` (the
    children's environment), and return them (to stop at the end)."""
    from django.conf import settings

    started = []
    if settings.MOTCUA_SMS_FAKE and not settings.MOTCUA_SMS_URL:
        sms = FakeSmsGateway().start()
        env.update(sms.settings())
        say(f"Cổng SMS giả lập / fake SMS gateway: {sms.url}")
        started.append(sms)
    if settings.MOTCUA_ZALO_FAKE and not settings.MOTCUA_ZALO_ACCESS_TOKEN:
        zalo = FakeZaloOA().start()
        env.update(zalo.settings())
        say(f"Zalo OA giả lập / fake Zalo OA: {zalo.url}")
        started.append(zalo)
    return started
