"""QR codes (segno) for the public lookup of a dossier, embedded as SVG data URIs: no file, no network."""

from __future__ import annotations

from urllib.parse import urlencode

import segno

LOOKUP_PATH = "/tra-cuu/"


def lookup_url(base_url: str, dossier_code: str) -> str:
    """'https://dichvucong.example.gov.vn' + code → 'https://…/tra-cuu/?ma=<code>'."""
    return f"{base_url.rstrip('/')}{LOOKUP_PATH}?{urlencode({'ma': dossier_code})}"


def qr_svg_data_uri(data: str, *, scale: int = 3, border: int = 2) -> str:
    """The QR code of `data` as an SVG data URI, error correction M (survives a worn printout)."""
    return segno.make(data, error="m", micro=False).svg_data_uri(scale=scale, border=border)
