"""PAdES signing of PDFs with pyHanko (ETSI EN 319 142-1, baseline B-B; B-T when a TSA is configured):
an agency's result or a desk's digitised set, with a visible signature box naming the agency and the
signer (and on whose behalf), on the last page.

`sign_pdf(data, certificate_row, …) -> Signed`; raises `SigningUnavailable` (409, code
`no_signing_certificate`) when the agency has no usable certificate and `NotAPdf` (422) when pyHanko
cannot read the input."""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from pathlib import Path

from django.conf import settings

from motcua.core.text import fold
from motcua.dossiers.errors import InvalidParams, InvalidState

from . import keys

BOX = (330, 36, 565, 112)  # points, bottom right of an A4 page (595 × 842)
FIELD_NAME = "ChuKySo"


class SigningUnavailable(InvalidState):
    code = "no_signing_certificate"


class NotAPdf(InvalidParams):
    code = "not_a_pdf"


@dataclass
class Signed:
    data: bytes
    sha256: str
    timestamped: bool


@cache
def stamp_font() -> str | None:
    """A TrueType font with Vietnamese glyphs for the signature box (Liberation Serif as the forms
    use, else DejaVu Sans); None: the box is written without diacritics in pyHanko's own font."""
    from motcua.documents.rendering import FONT_FILES, font_dir

    candidates = []
    directory = font_dir()
    if directory is not None:
        candidates.append(directory / FONT_FILES["normal", "normal"])
    candidates += [
        Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
        Path("/usr/share/fonts/dejavu/DejaVuSans.ttf"),
    ]
    for path in candidates:
        if path.is_file():
            try:
                import uharfbuzz  # noqa: F401  (pyHanko's [opentype] extra)
            except ImportError:
                return None
            return str(path)
    return None


def box_text(agency: str, signer: str, on_behalf_of: str = "") -> str:
    lines = [f"Ký bởi: {agency}", f"Người ký: {signer}"]
    if on_behalf_of:
        lines.append(f"Thay mặt: {on_behalf_of}")
    lines.append("Thời gian: %(ts)s")
    text = "\n".join(lines)
    return text if stamp_font() else fold(text)


def _style(text: str):
    from pyhanko.pdf_utils.text import TextBoxStyle
    from pyhanko.stamp import TextStampStyle

    font = stamp_font()
    if font:
        from pyhanko.pdf_utils.font.opentype import GlyphAccumulatorFactory

        box = TextBoxStyle(font=GlyphAccumulatorFactory(font, font_size=8))
    else:
        box = TextBoxStyle(font_size=8)
    return TextStampStyle(
        stamp_text=text, text_box_style=box, timestamp_format="%d/%m/%Y %H:%M:%S %z", border_width=1
    )


def _timestamper():
    url = getattr(settings, "MOTCUA_SIGNING_TSA_URL", "")
    if not url:
        return None
    from pyhanko.sign.timestamps import HTTPTimeStamper

    return HTTPTimeStamper(url, timeout=10)


def sign_pdf(
    data: bytes,
    certificate,
    *,
    signer_name: str,
    agency_name: str,
    on_behalf_of: str = "",
    reason: str = "",
    location: str = "",
) -> Signed:
    """`data` (a PDF) signed with `certificate` (a SigningCertificate row): PAdES (CAdES detached,
    /ETSI.CAdES.detached), SHA-256, a visible box on the last page, a timestamp from
    `MOTCUA_SIGNING_TSA_URL` when set. Returns the signed bytes and their SHA-256."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.misc import PdfError
    from pyhanko.sign import fields, signers
    from pyhanko.sign.fields import SigSeedSubFilter

    if certificate is None:
        raise SigningUnavailable(
            "Cơ quan chưa được cấu hình chứng thư ký số; liên hệ quản trị tỉnh.",
            "The agency has no signing certificate configured; ask the province administrator.",
        )
    try:
        writer = IncrementalPdfFileWriter(io.BytesIO(data), strict=False)
        pages = int(writer.root["/Pages"]["/Count"])
    except (PdfError, KeyError, ValueError, TypeError, OSError):
        raise NotAPdf(
            "Không đọc được tệp PDF để ký.", "The PDF cannot be read for signing.", code="not_a_pdf"
        ) from None
    timestamper = _timestamper()
    meta = signers.PdfSignatureMetadata(
        field_name=FIELD_NAME,
        md_algorithm="sha256",
        subfilter=SigSeedSubFilter.PADES,
        reason=reason or "Ban hành văn bản",
        location=location or settings.MOTCUA_DOCUMENT_PLACE,
        name=signer_name,
    )
    pdf_signer = signers.PdfSigner(
        meta,
        signer=keys.pyhanko_signer(certificate),
        timestamper=timestamper,
        stamp_style=_style(box_text(agency_name, signer_name, on_behalf_of)),
        new_field_spec=fields.SigFieldSpec(FIELD_NAME, on_page=max(pages - 1, 0), box=BOX),
    )
    out = io.BytesIO()
    outside_event_loops(lambda: pdf_signer.sign_pdf(writer, output=out))
    signed = out.getvalue()
    return Signed(signed, hashlib.sha256(signed).hexdigest(), timestamper is not None)


def signing_time_text(at: datetime) -> str:
    return at.strftime("%d/%m/%Y %H:%M")


def outside_event_loops(fn):
    """Run `fn()` here, or in a short-lived thread when this thread already runs an asyncio event loop:
    pyHanko's synchronous API calls `asyncio.run`, which refuses to start inside a running loop (an
    ASGI server, or a caller driving a browser with Playwright's sync API). Returns what `fn` returns."""
    import asyncio
    from concurrent.futures import ThreadPoolExecutor

    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return fn()
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(fn).result()
