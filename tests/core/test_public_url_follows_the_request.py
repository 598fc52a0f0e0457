"""Absolute links come from MOTCUA_PUBLIC_URL; in development, without it, from the request's address
(so a server on another port gets QR codes to that port); outside a request, from MOTCUA_DEV_PUBLIC_URL
or http://localhost:8000."""

from django.test import RequestFactory

from motcua.core.public_url import PublicUrlMiddleware, public_base_url


def seen_during(request) -> str:
    seen = {}

    def view(_request):
        seen["base"] = public_base_url()
        return "response"

    assert PublicUrlMiddleware(view)(request) == "response"
    return seen["base"]


def test_the_setting_wins(settings):
    settings.MOTCUA_PUBLIC_URL = "https://dichvucong.example.vn"
    settings.DEBUG = True
    request = RequestFactory().get("/", HTTP_HOST="127.0.0.1:8765")
    assert seen_during(request) == "https://dichvucong.example.vn"


def test_development_follows_the_request_host_and_port(settings, monkeypatch):
    settings.MOTCUA_PUBLIC_URL = ""
    settings.DEBUG = True
    monkeypatch.delenv("MOTCUA_DEV_PUBLIC_URL", raising=False)
    assert seen_during(RequestFactory().get("/", HTTP_HOST="127.0.0.1:8765")) == "http://127.0.0.1:8765"
    assert seen_during(RequestFactory().get("/", HTTP_HOST="localhost:9000")) == "http://localhost:9000"
    assert public_base_url() == "http://localhost:8000"  # outside the request: the fallback


def test_outside_a_request_the_dev_url_of_make_run(settings, monkeypatch):
    settings.MOTCUA_PUBLIC_URL = ""
    monkeypatch.setenv("MOTCUA_DEV_PUBLIC_URL", "http://127.0.0.1:8080/")
    assert public_base_url() == "http://127.0.0.1:8080"


def test_production_never_trusts_the_host_header(settings, monkeypatch):
    settings.MOTCUA_PUBLIC_URL = ""
    settings.DEBUG = False
    monkeypatch.delenv("MOTCUA_DEV_PUBLIC_URL", raising=False)
    assert seen_during(RequestFactory().get("/", HTTP_HOST="127.0.0.1:8765")) == "http://localhost:8000"
