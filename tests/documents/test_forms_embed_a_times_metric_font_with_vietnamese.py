"""The PDF embeds Liberation Serif (Times New Roman metrics) and nothing else, so Vietnamese text never
falls back to a font without its diacritics."""

import io

from fontTools.ttLib import TTFont
from pypdf import PdfReader

from motcua.documents import samples
from motcua.documents.rendering import render_form_pdf

from .conftest import pdf_text


def _embedded_families(pdf: bytes) -> set[str]:
    """The family name (name table, ID 1) of every font file embedded in the PDF."""
    families = set()
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for ref in page["/Resources"].get("/Font", {}).values():
            font = ref.get_object()
            descriptor = (font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font)[
                "/FontDescriptor"
            ]
            data = descriptor["/FontFile2"].get_object().get_data()
            families.add(TTFont(io.BytesIO(data))["name"].getDebugName(1))
    return families


def test_only_liberation_serif_is_embedded():
    families = _embedded_families(render_form_pdf(samples.form01()))
    assert families == {"Liberation Serif"}


def test_every_vietnamese_letter_survives_the_round_trip():
    from dataclasses import replace

    letters = "ăâđêôơư ÁÀẢÃẠ ẮẰẲẴẶ ẤẦẨẪẬ ÉÈẺẼẸ ẾỀỂỄỆ ÍÌỈĨỊ ÓÒỎÕỌ ỐỒỔỖỘ ỚỜỞỠỢ ÚÙỦŨỤ ỨỪỬỮỰ ÝỲỶỸỴ Đ"
    form = replace(samples.form03(), reasons=(letters, letters.lower()))
    text = pdf_text(render_form_pdf(form))
    assert letters in text
    assert letters.lower() in text
