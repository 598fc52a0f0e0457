"""Signing material for tests: a development CA made in memory once per run (never written to disk,
never committed), certificates for agencies, and a real (small) PDF to sign."""

from functools import cache

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from motcua.results import devca, keys


@cache
def _ca():
    return devca.make_ca()


@pytest.fixture(scope="session")
def dev_ca():
    return _ca()


def certify_agency(agency, ca=None):
    """`agency`'s active signing certificate, issued by the test CA (or `ca`)."""
    return keys.install(agency, devca.issue(ca or _ca(), agency.name), development=True)


@cache
def real_pdf_bytes() -> bytes:
    """A one-page A4 PDF made by WeasyPrint (what pyHanko can sign; the intake's tiny PDF cannot)."""
    from motcua.documents.rendering import html_to_pdf

    return html_to_pdf("<html lang='vi'><body><h1>Giấy xác nhận</h1><p>Nguyễn Văn An</p></body></html>")


def real_pdf(name: str = "ket-qua.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, real_pdf_bytes(), content_type="application/pdf")
