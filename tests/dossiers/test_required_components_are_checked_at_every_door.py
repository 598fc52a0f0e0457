"""Mandatory components: an online submission (API or portal) carries a file for each (an
applicant's claim that it comes from a data store is refused: test_reuse_claims_need_verifying); a
receipt at the desk (desk page or API) needs each declared received. Same rule, same words at every
door; nothing is created when it fails."""

from motcua.dossiers.models import Dossier
from tests.portal.helpers import fill_all, step_url

from .doors import page_text, problem
from .world import pdf

CERT = "Giấy chứng sinh"
ONLINE_VI = f"Chưa tải lên giấy tờ bắt buộc: {CERT}"
ONLINE_EN = f"Required document not uploaded yet: {CERT}"
DESK_VI = f"Chưa nhận giấy tờ bắt buộc: {CERT}"


def test_the_api_refuses_an_online_submission_without_documents(doors):
    body = problem(doors.api_submit(components=[]), 422, "components_missing")
    assert [m["position"] for m in body["missing"]] == [1, 2, 3]
    body = problem(
        doors.api_submit(files={1: [pdf("to-khai.pdf")], 3: [pdf("cccd.pdf")]}), 422, "components_missing"
    )
    assert body["missing"] == [{"position": 2, "name": CERT}]
    assert ONLINE_VI in body["detail"] and ONLINE_EN in body["detail_en"]
    assert not Dossier.objects.exists()


def test_the_portal_says_the_same_before_sending(doors):
    client = doors.portal_client()
    draft = fill_all(client, doors.world)
    draft.files.filter(position=2).delete()
    page = page_text(client.get(step_url(draft, "xac-nhan")))
    assert ONLINE_VI in page
    response = client.post(step_url(draft, "xac-nhan"), {"declare": "1"})
    assert response.status_code == 422 and ONLINE_VI in page_text(response)
    assert not Dossier.objects.exists()


def test_the_desk_receives_only_what_it_declared_received(doors):
    # the API: a postal dossier registered without component 2, then received → refused
    response = doors.api_desk_register(components=[{"position": 1}, {"position": 3}])
    assert response.status_code == 201, response.content
    code = response.json()["code"]
    refused = doors.desk.post(f"/api/v1/dossiers/{code}/actions/receive", {"expected_version": 1})
    body = problem(refused, 422, "components_missing")
    assert DESK_VI in body["detail"] and body["missing"] == [{"position": 2, "name": CERT}]
    received = doors.desk.post(
        f"/api/v1/dossiers/{code}/actions/receive",
        {"expected_version": 1, "components": [{"position": 2}]},
    )
    assert received.status_code == 200, received.content
    assert received.json()["dossier"]["state"] == "received"


def test_the_desk_page_refuses_a_receipt_with_a_component_unticked(doors):
    response = doors.desk_page(comp_2=None)
    assert response.status_code == 422 and DESK_VI in page_text(response)
    assert not Dossier.objects.exists()
    response = doors.desk_page()
    assert response.status_code == 302, page_text(response)[:2000]
    assert Dossier.objects.get().state == "received"
