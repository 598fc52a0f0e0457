"""The period report: the one-stop-shop table, each number linked to the dossiers behind it, and the
same tables as Excel (Vietnamese headers) and CSV."""

import csv
import io
import re

import pytest

from .cases import at, processed, received_on


def _data(world, clock):
    early = received_on(world, clock, 2026, 3, 2, 9, 0)
    processed(world, clock, early, 2026, 3, 3, 9, 0)
    received_on(world, clock, 2026, 3, 4, 9, 0, channel="post")  # still open, overdue from 9 March
    at(clock, 2026, 3, 20, 9, 0)
    return early


def test_numbers_link_to_their_dossiers(client, world, fixed_clock):
    early = _data(world, fixed_clock)
    client.force_login(world.leader)
    page = client.get("/can-bo/thong-ke/bao-cao/?from=2026-03-01&to=2026-03-31")
    assert page.status_code == 200
    total = page.context["table"][-1]
    assert total.values["early"] == 1 and total.values["in_progress_overdue"] == 1
    assert total.values["new_in_person_or_post"] == 2 and total.values["received_total"] == 2
    links = re.findall(
        r'href="(/can-bo/thong-ke/ho-so/\?[^"]+measure=processed_early[^"]*)"', page.content.decode()
    )
    assert links
    listed = client.get(links[-1].replace("&amp;", "&"))
    assert listed.status_code == 200 and [f.dossier.code for f in listed.context["facts"]] == [early.code]
    assert listed.context["total"] == 1
    assert client.get("/can-bo/thong-ke/ho-so/?from=2026-03-01&to=2026-03-31&measure=nope").status_code == 404


def test_csv_and_excel(client, world, fixed_clock):
    _data(world, fixed_clock)
    client.force_login(world.leader)
    response = client.get("/can-bo/thong-ke/bao-cao/?from=2026-03-01&to=2026-03-31&format=csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Đơn vị", "Tổng số tiếp nhận", "Kỳ trước chuyển qua"]
    assert rows[-1][0] == "Tổng cộng" and rows[-1][1] == "2"
    xlsx = client.get("/can-bo/thong-ke/bao-cao/?from=2026-03-01&to=2026-03-31&format=xlsx")
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.load_workbook(io.BytesIO(xlsx.content))
    sheet = book.worksheets[0]
    assert sheet.cell(4, 1).value == "Đơn vị" and sheet.cell(4, 6).value == "Đã giải quyết"
    assert book.worksheets[1].cell(4, 5).value == "Thời gian TB (giờ làm việc)"
