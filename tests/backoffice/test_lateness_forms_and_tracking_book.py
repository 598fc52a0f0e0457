"""Lateness: the apology (form 04) is offered only when late or nearly due and sets the new date; stop
(form 05); every dossier's control slip (form 06); the tracking book (form 07) as PDF and Excel."""

import io
import re

from openpyxl import load_workbook

from motcua.backoffice.selectors import actions_for
from tests.backoffice.conftest import pdf_text
from tests.dossiers.world import act, receive, vn


def test_apology_offered_only_near_or_after_the_due_date(login, world, fixed_clock):
    dossier = receive(world)  # due Thursday 5 Mar 2026 09:00
    assert "apologize" not in actions_for(dossier, world.leader)
    fixed_clock.set(vn(2026, 3, 4, 10, 0))
    assert "apologize" in actions_for(dossier, world.leader)
    client = login(world.leader)
    page = client.get(f"/can-bo/ho-so/{dossier.code}/").content.decode()
    assert 'id="action-apologize"' in page
    response = client.post(
        f"/can-bo/ho-so/{dossier.code}/thao-tac/apologize/",
        {"expected_version": 1, "new_due_at": "2026-03-10T16:00", "reason": "Chờ xác minh"},
    )
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.due_at == vn(2026, 3, 10, 16, 0)
    text = pdf_text(client.get(f"/can-bo/ho-so/{dossier.code}/mau-04.pdf").content)
    assert dossier.code in text and "Chờ xác minh" in text and "10 tháng 3 năm 2026" in text


def test_stop_prints_form05_and_control_slip_form06(login, world):
    dossier = receive(world)
    act(dossier, "forward", world.officer)
    client = login(world.leader)
    response = client.post(
        f"/can-bo/ho-so/{dossier.code}/thao-tac/stop/",
        {"expected_version": 2, "reason": "Theo yêu cầu thanh tra"},
    )
    assert response.status_code == 302
    assert "Theo yêu cầu thanh tra" in pdf_text(
        client.get(f"/can-bo/ho-so/{dossier.code}/mau-05.pdf").content
    )
    slip = pdf_text(client.get(f"/can-bo/ho-so/{dossier.code}/mau-06.pdf").content)
    assert dossier.code in slip and world.officer.get_full_name() in slip


def test_form_not_yet_issued_is_404(login, world):
    dossier = receive(world)
    client = login(world.desk)
    assert client.get(f"/can-bo/ho-so/{dossier.code}/mau-03.pdf").status_code == 404
    assert client.get(f"/can-bo/ho-so/{dossier.code}/mau-09.pdf").status_code == 404


def test_tracking_book_pdf_and_excel(login, world, fixed_clock):
    dossier = receive(world)
    client = login(world.desk)
    assert client.get("/can-bo/so-theo-doi/").status_code == 200
    query = f"agency={world.centre.pk}&start=2026-03-01&end=2026-03-31"
    pdf = client.get(f"/can-bo/so-theo-doi/?{query}&format=pdf")
    assert pdf["Content-Type"] == "application/pdf"
    assert dossier.code in pdf_text(pdf.content)
    xlsx = client.get(f"/can-bo/so-theo-doi/?{query}&format=xlsx")
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert any(dossier.code in str(c.value) for row in sheet.iter_rows() for c in row if c.value)
    # another agency's book is not offered
    bad = client.get(f"/can-bo/so-theo-doi/?agency={world.department.pk}&start=2026-03-01&end=2026-03-31")
    assert bad.status_code == 400
    assert re.search(r"class=\"error\"", bad.content.decode())
