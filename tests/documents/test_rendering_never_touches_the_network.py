"""Forms render offline: the URL fetcher serves data: URIs and our own files, and refuses the rest."""

import socket
from dataclasses import replace

import pytest

from motcua.documents import samples
from motcua.documents.rendering import (
    RefusedURL,
    font_dir,
    html_to_pdf,
    local_only_url_fetcher,
    render_form_html,
    render_form_pdf,
)

from .conftest import pdf_text


@pytest.fixture
def no_sockets(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("rendering tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


@pytest.mark.parametrize(
    "url",
    [
        "http://example.com/logo.png",
        "https://cdn.example.com/font.woff2",
        "ftp://example.com/x",
        "file:///etc/passwd",
    ],
)
def test_fetcher_refuses_remote_urls_and_foreign_files(url):
    with pytest.raises(RefusedURL):
        local_only_url_fetcher().fetch(url)


def test_fetcher_serves_data_uris_and_the_font():
    fetcher = local_only_url_fetcher()
    assert fetcher.fetch("data:text/plain;base64,eGluIGNow6Bv").read() == "xin chào".encode()
    directory = font_dir()
    assert directory is not None, "Liberation Serif not found: apt-get install fonts-liberation2"
    assert fetcher.fetch((directory / "LiberationSerif-Regular.ttf").as_uri()).read(4) == b"\x00\x01\x00\x00"


def test_a_remote_image_in_the_html_is_left_out_without_a_connection(no_sockets):
    html = '<html><body><p>Xin chào</p><img src="http://203.0.113.7/x.png"><link rel="stylesheet" href="https://example.com/a.css"></body></html>'
    pdf = html_to_pdf(html)
    assert "Xin chào" in pdf_text(pdf)


def test_applicant_data_is_escaped_not_fetched(no_sockets):
    form = samples.form01()
    evil = replace(form.applicant, name='<img src="http://203.0.113.7/track.png">Lê Văn A')
    form = replace(form, applicant=evil)
    html = render_form_html(form)
    assert '<img src="http://203.0.113.7' not in html
    assert "&lt;img" in html
    assert "Lê Văn A" in pdf_text(render_form_pdf(form))
