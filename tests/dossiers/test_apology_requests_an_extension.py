"""Under Circular 03/2025 form 04 is an apology AND a request to extend the processing time: the
`apologize` action records the extension requested (working time from the due date in force to the
new one), and form 04 built from the dossier prints it."""

import io

from pypdf import PdfReader

from motcua.documents.builders import form04_for
from motcua.documents.rendering import render_form_pdf

from .world import act, receive, vn


def test_apology_records_the_requested_extension_and_form_04_prints_it(world, fixed_clock):
    dossier = receive(world)  # Monday 2 Mar 09:00, 3 working days: due Thursday 5 Mar 09:00
    fixed_clock.set(vn(2026, 3, 5, 15, 0))
    dossier = act(
        dossier, "apologize", world.leader, reason="Chờ xác minh", new_due_at="2026-03-10T09:00:00+07:00"
    )
    event = dossier.events.order_by("-seq").first()
    assert event.data["requested_extension"]["text"] == "03 ngày làm việc"
    assert event.data["requested_extension"]["working_hours"] == 24
    form = form04_for(dossier)
    assert form.extension == "03 ngày làm việc"
    text = " ".join(
        " ".join(p.extract_text() for p in PdfReader(io.BytesIO(render_form_pdf(form))).pages).split()
    )
    assert "đề nghị gia hạn thời gian giải quyết hồ sơ thêm 03 ngày làm việc" in text


def test_half_day_extensions_read_in_hours(world, fixed_clock):
    dossier = receive(world)
    fixed_clock.set(vn(2026, 3, 5, 15, 0))
    dossier = act(dossier, "apologize", world.leader, reason="Trễ", new_due_at="2026-03-06T11:00:00+07:00")
    event = dossier.events.order_by("-seq").first()
    assert event.data["requested_extension"]["text"] == "10 giờ làm việc"
