"""Worklists by urgency: overdue first with the latest on top, days late and the holder shown, only the
buckets the user's roles can act on, and keyset pages that follow the due date."""

import re

from motcua.backoffice import selectors
from tests.dossiers.world import act, receive, vn


def codes(response) -> list[str]:
    return re.findall(r'class="code" href="/can-bo/ho-so/([^/]+)/"', response.content.decode())


def buckets(response) -> set[str]:
    return set(re.findall(r'data-bucket="([^"]+)"', response.content.decode()))


def test_overdue_first_most_late_on_top_with_days_and_holder(login, world, fixed_clock):
    fixed_clock.set(vn(2026, 3, 2, 9, 0))  # Monday
    oldest = receive(world)  # due Thursday 5 Mar
    fixed_clock.set(vn(2026, 3, 4, 9, 0))
    middle = receive(world)  # due Monday 9 Mar
    fixed_clock.set(vn(2026, 3, 6, 9, 0))
    newest = receive(world)  # due Wednesday 11 Mar
    fixed_clock.set(vn(2026, 3, 10, 10, 0))  # oldest 5 days late, middle 1 day late, newest not yet
    response = login(world.officer).get("/can-bo/?ds=cua-toi")
    assert codes(response) == [oldest.code, middle.code, newest.code]
    html = response.content.decode()
    assert re.findall(r'data-days-late="(\d+)"', html) == ["5", "1"]
    assert "trễ 5 ngày" in html
    holders = re.findall(r"<td data-holder>([^<]*)</td>", html)
    assert len(holders) == 3 and all(world.department.name in h for h in holders)


def test_holder_is_the_assigned_officer(login, world, fixed_clock):
    dossier = receive(world)
    act(dossier, "forward", world.officer, officer=world.leader.pk)
    html = login(world.leader).get("/can-bo/?ds=cua-toi").content.decode()
    name = world.leader.get_full_name() or world.leader.username
    assert re.findall(r"<td data-holder>([^<]*)</td>", html) == [name]


def test_only_the_buckets_of_my_roles(login, world):
    desk = buckets(login(world.desk).get("/can-bo/"))
    assert {"cho-tiep-nhan", "cho-tra-ket-qua", "qua-han"} <= desk
    assert not desk & {"cua-toi", "don-vi", "xin-y-kien", "giam-sat"}
    clerk = buckets(login(world.clerk).get("/can-bo/"))
    assert {"cua-toi", "don-vi", "qua-han"} <= clerk
    assert not clerk & {"cho-tiep-nhan", "cho-tra-ket-qua", "moi-tiep-nhan", "giam-sat"}
    leader = buckets(login(world.leader).get("/can-bo/"))
    assert {"cua-toi", "don-vi", "xin-y-kien"} <= leader
    assert not leader & {"cho-tiep-nhan", "cho-tra-ket-qua"}


def test_leader_sees_the_units_dossiers(login, world):
    dossier = receive(world)  # at the processing officer's step of the leader's department
    assert codes(login(world.leader).get("/can-bo/?ds=don-vi")) == [dossier.code]
    assert codes(login(world.leader).get("/can-bo/?ds=cua-toi")) == []


def test_pages_follow_the_due_date(login, world, fixed_clock, monkeypatch):
    monkeypatch.setattr(selectors, "PAGE_SIZE", 2)
    made = []
    for day in (6, 2, 4, 3, 5):  # received out of due-date order
        fixed_clock.set(vn(2026, 3, day, 9, 0))
        made.append((day, receive(world).code))
    client = login(world.officer)
    seen, query = [], "ds=cua-toi"
    while query is not None:
        page = client.get("/can-bo/?" + query)
        seen += codes(page)
        match = re.search(r'href="\?([^"]+)" rel="next"', page.content.decode())
        query = match.group(1).replace("&amp;", "&") if match else None
    assert seen == [code for _, code in sorted(made)]


def test_a_malformed_cursor_reads_as_the_first_page(login, world):
    dossier = receive(world)
    for cursor in ("abc", "1.x", "99999999999999999999999.1", "-.-1", "٣.1"):
        response = login(world.officer).get(f"/can-bo/?ds=cua-toi&sau={cursor}")
        assert response.status_code == 200
        assert codes(response) == [dossier.code]
