"""builders.py maps a dossier that went through the lifecycle to each form, and the PDFs carry its data."""

import datetime as dt

import pytest

from motcua.documents import builders
from motcua.documents.rendering import render_form_pdf
from motcua.documents.xlsx import render_tracking_book_xlsx
from tests.dossiers.world import FixedClock, act, make_world, receive, vn

from .conftest import pdf_text

pytestmark = pytest.mark.django_db

RECEIVED = "09 giờ 00 phút, ngày 02 tháng 3 năm 2026"


@pytest.fixture
def world(db):
    return make_world()


@pytest.fixture
def fixed_clock():
    return FixedClock(vn(2026, 3, 2, 9, 0))  # a Monday, 09:00 in Vietnam


def _common(text, dossier):
    assert dossier.code in text
    assert dossier.applicant.full_name in text
    assert dossier.procedure_version.name in text


def test_receipt_of_a_desk_dossier(world, fixed_clock):
    dossier = receive(world)
    form = builders.form01_for(dossier, number="1/TNHS", place="Hà Nội", base_url="https://dvc.example.vn")
    assert form.lookup_url == f"https://dvc.example.vn/tra-cuu/?ma={dossier.code}"
    assert form.received_at == vn(2026, 3, 2, 9, 0)
    assert form.processing_time == "3 ngày làm việc"
    assert [f.amount for f in form.fees] == [8000]
    text = pdf_text(render_form_pdf(form))
    _common(text, dossier)
    assert RECEIVED in text
    assert "Hà Nội, ngày 02 tháng 3 năm 2026" in text
    assert "8.000 đồng" in text


def test_supplement_refusal_apology_stop_and_slip(world, fixed_clock):
    dossier = receive(world)
    supplement = act(
        receive(world), "request_supplement", world.desk, missing=["Bản sao CCCD"], reason="Bản chụp bị mờ"
    )
    form = builders.form02_for(supplement)
    assert [(i.name, i.reason) for i in form.items] == [("Bản sao CCCD", "Bản chụp bị mờ")]
    text = pdf_text(render_form_pdf(form))
    _common(text, supplement)
    assert "Bản chụp bị mờ" in text

    refused = act(receive(world), "refuse", world.desk, reason="Không thuộc thẩm quyền")
    text = pdf_text(render_form_pdf(builders.form03_for(refused)))
    _common(text, refused)
    assert "Không thuộc thẩm quyền" in text

    fixed_clock.set(vn(2026, 3, 5, 15, 0))
    late = act(
        dossier, "apologize", world.leader, reason="Chờ xác minh", new_due_at="2026-03-10T16:00:00+07:00"
    )
    form = builders.form04_for(late)
    assert form.new_due_at == vn(2026, 3, 10, 16, 0)
    assert form.old_due_at < form.new_due_at
    text = pdf_text(render_form_pdf(form))
    _common(text, late)
    assert "16 giờ 00 phút, ngày 10 tháng 3 năm 2026" in text

    stopped = act(late, "stop", world.leader, reason="Có tranh chấp")
    text = pdf_text(render_form_pdf(builders.form05_for(stopped)))
    _common(text, stopped)
    assert "Có tranh chấp" in text

    slip = builders.form06_for(stopped, receipt_number="1/TNHS")
    assert slip.rows and slip.rows[0].step.startswith("Tiếp nhận hồ sơ")
    text = pdf_text(render_form_pdf(slip))
    _common(text, stopped)
    assert world.department.name in text


def test_tracking_book_of_the_centre(world, fixed_clock):
    first = receive(world)
    second = receive(world)
    book = builders.form07_for(world.centre, dt.date(2026, 3, 1), dt.date(2026, 3, 31), place="Hà Nội")
    assert [r.dossier_code for r in book.rows] == [first.code, second.code]
    text = pdf_text(render_form_pdf(book))
    assert first.code in text and second.code in text
    assert render_tracking_book_xlsx(book)[:2] == b"PK"
    empty = builders.form07_for(world.centre, dt.date(2026, 4, 1), dt.date(2026, 4, 30))
    assert empty.rows == ()
