import io
import os
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader

REPO = Path(__file__).resolve().parents[2]


def pdf_text(pdf: bytes) -> str:
    """All the text of a PDF, NFC-normalised, with runs of whitespace folded to one space."""
    reader = PdfReader(io.BytesIO(pdf))
    text = "\n".join(page.extract_text() or "" for page in reader.pages)
    return " ".join(unicodedata.normalize("NFC", text).split())


def pdf_pages(pdf: bytes) -> list:
    return list(PdfReader(io.BytesIO(pdf)).pages)


@pytest.fixture
def screenshot_dir(tmp_path) -> Path:
    """Where form PNGs go: docs/screenshots/ when MOTCUA_SCREENSHOTS=1, else a temporary folder."""
    if os.environ.get("MOTCUA_SCREENSHOTS") == "1":
        target = REPO / "docs" / "screenshots"
        target.mkdir(parents=True, exist_ok=True)
        return target
    return tmp_path


def pdf_to_png(pdf: bytes, target: Path, tmp_path: Path) -> Path:
    """First page of the PDF to `target` (a .png) with poppler's pdftoppm at 60 dpi."""
    if shutil.which("pdftoppm") is None:
        pytest.fail("pdftoppm is missing: apt-get install poppler-utils")
    source = tmp_path / (target.stem + ".pdf")
    source.write_bytes(pdf)
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            "60",
            "-png",
            "-singlefile",
            "-f",
            "1",
            "-l",
            "1",
            str(source),
            str(target.with_suffix("")),
        ],
        check=True,
        timeout=60,
    )
    return target
