"""Forms 01–07 hold with a 200-character unbroken name: it wraps (pypdf finds all of it), the signature
block is kept, the header's agency names break only between words; each form states its circular and
number; form 04 is the apology and extension request."""

from dataclasses import replace

import pytest

from motcua.documents import samples
from motcua.documents.forms import FORM_TEMPLATES, template_of
from motcua.documents.rendering import render_form_pdf

from .conftest import pdf_pages, pdf_text

LONG_NAME = ("NguyễnThịHồngNhungĐặngLêPhươngUyên" * 7)[:200]
AGENCY = "Trung tâm Phục vụ hành chính công thành phố Hải Phòng và các xã đảo Bạch Long Vĩ, Cát Hải"

SIGNATURES = {
    "01": ["NGƯỜI NỘP HỒ SƠ", "NGƯỜI TIẾP NHẬN HỒ SƠ"],
    "02": ["NGƯỜI HƯỚNG DẪN"],
    "03": ["NGƯỜI TIẾP NHẬN HỒ SƠ"],
    "04": ["PHÓ GIÁM ĐỐC", "(Ký, ghi rõ họ tên và đóng dấu)"],
    "05": ["GIÁM ĐỐC"],
    "06": ["Giao, nhận hồ sơ"],
    "07": ["Ký nhận"],
}


def with_long_name(number: str):
    form = samples.ALL[number]()
    form = replace(form, agency_name=AGENCY)
    if number == "07":
        return replace(form, rows=(replace(form.rows[0], applicant_name=LONG_NAME), *form.rows[1:]))
    return replace(form, applicant=replace(form.applicant, name=LONG_NAME))


def squeezed(text: str) -> str:
    return "".join(text.split())


@pytest.mark.parametrize("number", sorted(samples.ALL))
def test_long_unbroken_name_wraps_and_the_signature_block_stays(number):
    pdf = render_form_pdf(with_long_name(number))
    text = pdf_text(pdf)
    assert LONG_NAME in squeezed(text)
    for heading in SIGNATURES[number]:
        assert heading in text, heading
    assert AGENCY.upper() in text  # the header breaks the agency name between words only
    assert f"Mẫu số {number} – Thông tư số 03/2025/TT-VPCP" in text


def test_typical_form_01_fits_on_one_page():
    assert len(pdf_pages(render_form_pdf(samples.form01()))) == 1


def test_every_form_is_a_versioned_template_stating_its_circular():
    assert sorted(t.number for t in FORM_TEMPLATES.values()) == ["01", "02", "03", "04", "05", "06", "07"]
    for template in FORM_TEMPLATES.values():
        assert template.circular == "Thông tư số 03/2025/TT-VPCP"
        assert template.version
    assert "01/2018" in template_of(samples.form04()).replaces


def test_form_04_requests_the_extension():
    form = replace(samples.form04(), extension="05 ngày làm việc")
    text = pdf_text(render_form_pdf(form))
    assert "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT" in text
    assert "đề nghị gia hạn thời gian giải quyết hồ sơ thêm 05 ngày làm việc" in text
