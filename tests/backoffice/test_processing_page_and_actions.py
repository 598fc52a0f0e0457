"""The processing page offers exactly the actions the process allows this user now; each action goes
through the lifecycle; a stale version is a clear message and changes nothing."""

import re

from django.core.files.uploadedfile import SimpleUploadedFile

from motcua.backoffice.selectors import actions_for
from motcua.dossiers.models import Dossier
from tests.dossiers.world import act, pdf, receive, submit

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def offered(response) -> list[str]:
    return re.findall(r'<details class="action" id="action-([a-z_]+)"', response.content.decode())


def post(client, dossier, action, **data):
    data.setdefault("expected_version", Dossier.objects.get(pk=dossier.pk).version)
    return client.post(f"/can-bo/ho-so/{dossier.code}/thao-tac/{action}/", data)


def test_actions_are_those_of_the_step_and_role(login, world):
    dossier = receive(world)
    assert offered(login(world.officer).get(f"/can-bo/ho-so/{dossier.code}/")) == [
        "forward",
        "consult",
        "request_payment",
        "request_supplement",
    ]
    assert offered(login(world.leader).get(f"/can-bo/ho-so/{dossier.code}/")) == ["transfer", "stop"]
    assert "forward" not in actions_for(dossier, world.clerk)
    act(dossier, "forward", world.officer)
    dossier.refresh_from_db()
    assert actions_for(dossier, world.leader)[:2] == ["approve", "send_back"] or set(
        actions_for(dossier, world.leader)
    ) >= {"approve", "reject", "send_back"}
    assert actions_for(dossier, world.officer) == []


def test_full_life_through_the_pages(login, world, django_assert_max_num_queries):
    dossier = receive(world)
    officer = login(world.officer)
    with django_assert_max_num_queries(60):
        page = officer.get(f"/can-bo/ho-so/{dossier.code}/")
    assert f'<option value="{world.leader.pk}">' in page.content.decode()
    response = post(officer, dossier, "forward", officer=world.leader.pk, comment="Đủ điều kiện")
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.current_step == "trinh-lanh-dao" and dossier.assigned_officer == world.leader

    assert post(login(world.leader), dossier, "approve", comment="Đồng ý").status_code == 302
    result = SimpleUploadedFile("ket-qua.pdf", PDF, content_type="application/pdf")
    response = post(
        login(world.clerk),
        dossier,
        "issue_result",
        number="12/GXN",
        signer="Trần Văn Lãnh",
        document_date="2026-03-02",
        result_file=result,
    )
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.state == "result_ready"
    stored = dossier.results.get()
    assert stored.number == "12/GXN" and stored.file

    desk = login(world.desk)
    assert desk.get(f"/can-bo/ho-so/{dossier.code}/ket-qua/{stored.pk}/").status_code == 200
    assert (
        post(desk, dossier, "return_result", return_channel="post", comment="Số vận đơn 123").status_code
        == 302
    )
    dossier.refresh_from_db()
    assert dossier.state == "returned" and dossier.return_channel == "post"
    history = desk.get(f"/can-bo/ho-so/{dossier.code}/").content.decode()
    assert "Đủ điều kiện" in history and "Số vận đơn 123" in history


def test_stale_version_is_a_clear_message_and_changes_nothing(login, world):
    dossier = receive(world)
    officer = login(world.officer)
    act(dossier, "consult", world.officer, agencies=[world.other.identifier])  # someone else moved it on
    dossier.refresh_from_db()
    before = (dossier.version, dossier.state, dossier.current_step, dossier.events.count())
    response = post(officer, dossier, "forward", expected_version=1)
    assert response.status_code == 409
    html = response.content.decode()
    assert 'role="alert"' in html and "Hồ sơ đã được người khác cập nhật" in html
    dossier.refresh_from_db()
    assert (dossier.version, dossier.state, dossier.current_step, dossier.events.count()) == before
    # the page shows the fresh version, so a retry works
    assert f'name="expected_version" value="{dossier.version}"' in html


def test_refused_action_shows_the_lifecycle_message(login, world):
    dossier = receive(world)
    act(dossier, "forward", world.officer)
    response = post(login(world.leader), dossier, "reject")  # no reason
    assert response.status_code == 422
    assert "Cần nêu rõ lý do" in response.content.decode()


def test_send_back_consult_answer_payment(login, world):
    dossier = receive(world)
    officer, leader = login(world.officer), None
    assert post(officer, dossier, "consult", agencies=[world.other.pk], question="Ý kiến?").status_code == 302
    other = login(world.other_officer)
    assert other.get(f"/can-bo/ho-so/{dossier.code}/").status_code == 200  # the consulted agency may read
    assert post(other, dossier, "answer_consultation", answer="Đồng ý").status_code == 302
    officer = login(world.officer)
    assert "Đồng ý" in officer.get(f"/can-bo/ho-so/{dossier.code}/").content.decode()
    assert post(officer, dossier, "request_payment", amount="20.000").status_code == 302
    dossier.refresh_from_db()
    assert dossier.state == "payment_requested"
    assert post(login(world.desk), dossier, "pay", reference="BL-1").status_code == 302
    assert post(login(world.officer), dossier, "forward").status_code == 302
    leader = login(world.leader)
    assert post(leader, dossier, "send_back", reason="Xem lại").status_code == 302
    dossier.refresh_from_db()
    assert dossier.current_step == "thu-ly"


def test_file_viewer_is_for_authorised_users_only(login, world):
    scan = SimpleUploadedFile("cccd.png", b"\x89PNG\r\n\x1a\n0000", content_type="image/png")
    dossier = submit(
        world, components=[{"position": 1, "files": [pdf("to-khai.pdf")]}, {"position": 2, "files": [scan]}]
    )
    file_id = dossier.components.get(position=2).files.get().pk
    url = f"/can-bo/ho-so/{dossier.code}/tep/{file_id}/"
    response = login(world.desk).get(url)
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert "sandbox" in response["Content-Security-Policy"]
    assert login(world.other_officer).get(url).status_code == 404  # not seen: as if it did not exist
    assert login(world.desk).get(f"/can-bo/ho-so/{dossier.code}/tep/{file_id + 999}/").status_code == 404


def test_online_dossier_received_from_the_page(login, world):
    dossier = submit(world)
    desk = login(world.desk)
    assert offered(desk.get(f"/can-bo/ho-so/{dossier.code}/"))[0] == "receive"
    response = post(desk, dossier, "receive", comp_1="1", digitised_1="1")
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.state == "received" and dossier.components.get(position=1).digitised
    assert login(world.desk).get(f"/can-bo/ho-so/{dossier.code}/mau-01.pdf").status_code == 200


def test_transfer_to_the_competent_agency(login, world):
    dossier = receive(world)
    assert post(login(world.desk), dossier, "transfer", competent_agency=world.other.pk).status_code == 302
    dossier.refresh_from_db()
    assert dossier.competent_agency == world.other
