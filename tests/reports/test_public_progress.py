"""The public progress page and its JSON: no login, counts and rates, masked names, nothing personal."""

from motcua.reports.public import mask_name

from .cases import at, processed, received_on


def test_names_are_masked():
    assert mask_name("Nguyễn Văn An") == "Nguyễn V. A."
    assert mask_name("Trần Thị Bình") == "Trần T. B."
    assert mask_name("Công ty TNHH Một Cửa", "organisation") == "Công ty TNHH Một Cửa"


def test_public_page_and_json(client, world, fixed_clock):
    d = received_on(world, fixed_clock, 2026, 3, 2, 9, 0)
    processed(world, fixed_clock, d, 2026, 3, 3, 9, 0)
    received_on(world, fixed_clock, 2026, 3, 4, 9, 0)
    at(fixed_clock, 2026, 3, 20, 9, 0)
    page = client.get("/tien-do-giai-quyet/?from=2026-03-01&to=2026-03-31")
    assert page.status_code == 200
    html = page.content.decode()
    full = world.applicant.full_name
    assert full not in html and mask_name(full) in html
    assert world.applicant.id_number not in html
    doc = client.get("/tien-do-giai-quyet/?from=2026-03-01&to=2026-03-31&format=json").json()
    department = next(u for u in doc["units"] if u["identifier"] == world.department.identifier)
    assert department["received"] == 2 and department["processed"] == 1
    assert department["on_time_rate"] == 0.5 and department["overdue"] == 1  # the second is late by 20 March
    assert doc["recent"][0]["applicant"] == mask_name(full)
    bad = client.get("/tien-do-giai-quyet/?from=x&to=2026-03-31&format=json")
    assert bad.status_code == 422 and bad.json()["detail_en"]
