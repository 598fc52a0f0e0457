"""`POST /api/v1/dossiers/{code}/payments`: the applicant gets a signed payment URL for the open payment
request, pays it on the fake gateway, and the dossier's fee lines show paid; anyone else gets a 404, a
dossier not awaiting payment a 409."""

import json

import pytest
from django.test import Client

from motcua.dossiers.states import State
from tests.api.test_dossier_full_life import token_for
from tests.dossiers.world import make_world, receive
from tests.payments.gateway import Payer, gateway  # noqa: F401 (fixture)
from tests.payments.world import awaiting_payment, fee_procedure, submit_online

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def fee_world(db):
    world = make_world()
    fee_procedure(world)
    return world


def post(user, path):
    client = Client()
    token = token_for(client, user)
    return client.post(
        path, json.dumps({}), content_type="application/json", headers={"Authorization": f"Bearer {token}"}
    )


def test_applicant_pays_through_the_api(fee_world, gateway):  # noqa: F811
    dossier = awaiting_payment(fee_world, copies=1)

    response = post(fee_world.citizen, f"/api/v1/dossiers/{dossier.code}/payments")

    assert response.status_code == 201, response.content
    body = response.json()
    assert set(body) == {"attempt", "txn_ref", "amount", "payment_url"}
    assert body["amount"] == 16000 and body["payment_url"].startswith(gateway.url)
    Payer(gateway).choose(body["payment_url"], "approve")
    client = Client()
    detail = client.get(
        f"/api/v1/dossiers/{dossier.code}",
        headers={"Authorization": f"Bearer {token_for(client, fee_world.citizen)}"},
    ).json()
    assert detail["state"] == State.RECEIVED
    assert all(f["paid_at"] for f in detail["fees"])
    assert {f["name"] for f in detail["fees"]} == {
        "Lệ phí đăng ký khai sinh",
        "Phí cấp bản sao Giấy khai sinh",
    }


def test_someone_else_gets_404(fee_world, gateway):  # noqa: F811
    dossier = awaiting_payment(fee_world)
    for user in (fee_world.desk, fee_world.staff("processing_officer")):
        response = post(user, f"/api/v1/dossiers/{dossier.code}/payments")
        assert response.status_code == 404
        assert response.json()["code"] == "dossier_not_found"


def test_not_awaiting_payment_is_409(fee_world, gateway):  # noqa: F811
    dossier = receive(fee_world, submit_online(fee_world, so_ban_sao=1))
    response = post(fee_world.citizen, f"/api/v1/dossiers/{dossier.code}/payments")
    assert response.status_code == 409
    assert response.json()["code"] == "not_awaiting_payment"
