"""Real processes for tests that need the production shape: the application under gunicorn (with the
project's gunicorn_conf.py) on a free loopback port, in a process of its own, stopped by its own id."""

from __future__ import annotations

import http.client
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def manage(env: dict, *args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    """`python -m motcua.manage <args>` with `env` on top of a clean environment; raises on failure."""
    result = subprocess.run(
        [sys.executable, "-m", "motcua.manage", *args],
        env=base_env(env),
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=ROOT,
    )
    if result.returncode != 0:
        raise RuntimeError(f"manage {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result


def base_env(extra: dict) -> dict:
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": os.environ.get("HOME", "/tmp"),
        "PYTHONPATH": os.pathsep.join([str(SRC), str(ROOT)]),
        "DJANGO_SETTINGS_MODULE": "motcua.settings",
        "MOTCUA_DEBUG": "0",
    }
    env.update(extra)
    return env


class Gunicorn:
    """`gunicorn -c python:motcua.gunicorn_conf motcua.wsgi:application` with `env`; ready once /healthz
    answers 200."""

    def __init__(self, env: dict, workers: int = 1):
        self.port = free_port()
        self.env = base_env(
            {"MOTCUA_BIND": f"127.0.0.1:{self.port}", "MOTCUA_WEB_WORKERS": str(workers), **env}
        )
        self.proc: subprocess.Popen | None = None
        self._log = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def log_text(self) -> str:
        self._log.flush()
        self._log.seek(0)
        return self._log.read().decode(errors="replace")

    def request(self, method: str, path: str, headers: dict | None = None, body: bytes | None = None):
        """(status, headers as a message, body bytes)."""
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            conn.request(method, path, body=body, headers={"Host": "127.0.0.1", **(headers or {})})
            response = conn.getresponse()
            return response.status, response.msg, response.read()
        finally:
            conn.close()

    def __enter__(self) -> Gunicorn:
        self._log = tempfile.TemporaryFile()
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "-c",
                "python:motcua.gunicorn_conf",
                "motcua.wsgi:application",
            ],
            env=self.env,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            cwd=ROOT,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and self.proc.poll() is None:
            try:
                if self.request("GET", "/healthz")[0] == 200:
                    return self
            except OSError:
                pass
            time.sleep(0.2)
        tail = self.log_text()[-3000:]
        self.__exit__()
        raise RuntimeError(f"gunicorn did not start:\n{tail}")

    def __exit__(self, *exc) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


class Browser:
    """A cookie-keeping HTTP client for a server on loopback (follows redirects)."""

    def __init__(self, base: str):
        import http.cookiejar
        import urllib.request

        self.base = base
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))

    def cookie(self, name: str) -> str | None:
        return next((c.value for c in self.cookies if c.name == name), None)

    def get(self, path: str) -> tuple[int, str]:
        return self._open(path, None)

    def post(self, path: str, fields: dict) -> tuple[int, str]:
        import urllib.parse

        body = urllib.parse.urlencode({"csrfmiddlewaretoken": self.cookie("csrftoken") or "", **fields})
        return self._open(path, body.encode())

    def _open(self, path: str, body: bytes | None) -> tuple[int, str]:
        import urllib.error
        import urllib.request

        request = urllib.request.Request(self.base + path, data=body, headers={"Referer": self.base + path})
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read().decode(errors="replace")
