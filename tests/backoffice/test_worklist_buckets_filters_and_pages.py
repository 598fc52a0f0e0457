"""Worklists: each bucket shows the dossiers waiting for this user, counts are bounded ("99+"),
filters and the folded-accent search narrow the list, pages go by keyset (due date, id)."""

import re

import pytest

from motcua.backoffice import selectors
from tests.dossiers.world import act, receive, submit, vn
from tests.factories.organizations import ApplicantFactory


def codes(response) -> list[str]:
    return re.findall(r'class="code" href="/can-bo/ho-so/([^/]+)/"', response.content.decode())


def count_of(response, key: str) -> str:
    return re.search(rf'data-count="{key}">([^<]+)<', response.content.decode()).group(1)


def test_desk_sees_online_dossiers_waiting_for_receipt(login, world):
    online = submit(world)
    received = receive(world)
    response = login(world.desk).get("/can-bo/?ds=cho-tiep-nhan")
    assert codes(response) == [online.code]
    assert count_of(response, "cho-tiep-nhan") == "1"
    assert count_of(response, "moi-tiep-nhan") == "1"
    assert codes(login(world.desk).get("/can-bo/?ds=moi-tiep-nhan")) == [received.code]


def test_processing_officer_sees_mine_and_leader_after_forward(login, world):
    dossier = receive(world)
    assert codes(login(world.officer).get("/can-bo/?ds=cua-toi")) == [dossier.code]
    assert codes(login(world.leader).get("/can-bo/?ds=cua-toi")) == []
    act(dossier, "forward", world.officer, officer=world.leader.pk)
    assert codes(login(world.leader).get("/can-bo/?ds=cua-toi")) == [dossier.code]
    assert codes(login(world.officer).get("/can-bo/?ds=cua-toi")) == []
    assert codes(login(world.officer).get("/can-bo/?ds=don-vi")) == [dossier.code]


def test_consultations_asked_of_my_agency(login, world):
    dossier = receive(world)
    act(dossier, "consult", world.officer, agencies=[world.other.identifier], question="Xin ý kiến")
    assert codes(login(world.other_officer).get("/can-bo/?ds=xin-y-kien")) == [dossier.code]


def test_due_soon_and_overdue_follow_the_calendar(login, world, fixed_clock, settings):
    settings.MOTCUA_DUE_SOON_HOURS = 8
    dossier = receive(world)  # 3 working days: due Thursday 5 Mar 09:00
    client = login(world.leader)
    assert codes(client.get("/can-bo/?ds=sap-den-han")) == []
    fixed_clock.set(vn(2026, 3, 4, 10, 0))  # Wednesday: 7 working hours left
    assert codes(client.get("/can-bo/?ds=sap-den-han")) == [dossier.code]
    assert codes(client.get("/can-bo/?ds=qua-han")) == []
    fixed_clock.set(vn(2026, 3, 5, 10, 0))
    assert codes(client.get("/can-bo/?ds=qua-han")) == [dossier.code]
    assert "Quá hạn" in client.get("/can-bo/?ds=qua-han").content.decode()


def test_filters_and_folded_search(login, world):
    hoa = ApplicantFactory(full_name="Phạm Thị Hoà", id_number="031190000777")
    first = receive(world, applicant=hoa)
    second = receive(world, channel="post")
    client = login(world.desk)
    assert codes(client.get("/can-bo/?ds=moi-tiep-nhan&q=pham thi hoa")) == [first.code]
    assert codes(client.get("/can-bo/?ds=moi-tiep-nhan&q=031190000777")) == [first.code]
    assert codes(client.get(f"/can-bo/?ds=moi-tiep-nhan&q={second.code}")) == [second.code]
    assert codes(client.get("/can-bo/?ds=moi-tiep-nhan&channel=post")) == [second.code]
    assert codes(client.get(f"/can-bo/?ds=moi-tiep-nhan&procedure={world.procedure.code}")) == [
        first.code,
        second.code,
    ]
    assert codes(client.get("/can-bo/?ds=moi-tiep-nhan&procedure=9.999999")) == []
    assert codes(client.get("/can-bo/?ds=moi-tiep-nhan&date_from=2000-01-01&date_to=2000-01-02")) == []


def test_keyset_pages_and_bounded_counts(login, world, monkeypatch, django_assert_max_num_queries):
    monkeypatch.setattr(selectors, "PAGE_SIZE", 2)
    monkeypatch.setattr(selectors, "COUNT_CAP", 4)
    made = [receive(world).code for _ in range(5)]
    client = login(world.desk)
    with django_assert_max_num_queries(30):
        first = client.get("/can-bo/?ds=moi-tiep-nhan")
    assert codes(first) == made[:2]  # same due date: the oldest first
    assert count_of(first, "moi-tiep-nhan") == "3+"
    page = first
    seen = []
    while True:
        seen += codes(page)
        match = re.search(r'href="\?([^"]+)" rel="next"', page.content.decode())
        if not match:
            break
        page = client.get("/can-bo/?" + match.group(1).replace("&amp;", "&"))
    assert seen == made


@pytest.mark.parametrize("bucket", [b.key for b in selectors.BUCKETS])
def test_every_bucket_renders_with_few_queries(login, world, bucket, django_assert_max_num_queries):
    receive(world)
    submit(world)
    client = login(world.desk)
    with django_assert_max_num_queries(30):
        assert client.get(f"/can-bo/?ds={bucket}").status_code == 200
