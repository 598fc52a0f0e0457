"""The e-receipt of a paid attempt: a PDF with the receipt number, payer, amount in figures and in words,
the fee lines, the dossier code and the lookup QR; the applicant and the dossier's staff may download it,
nobody else; the citizen's dossier page shows "đã thanh toán" and links it; receipts are counted."""

import pytest
from django.test import Client

from motcua.core import clock
from motcua.payments.selectors import receipts_count
from tests.documents.conftest import pdf_text
from tests.factories.organizations import UserFactory
from tests.payments.helpers import attempt, start
from tests.payments.world import awaiting_payment

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def paid(fee_world, gateway, payer, live_server):
    dossier = awaiting_payment(fee_world, copies=2)
    started = start(fee_world, dossier, live_server)
    payer.choose(started.payment_url, "approve")
    return dossier, attempt(started)


def download(user, a):
    client = Client()
    client.force_login(user)
    return client.get(f"/thanh-toan/bien-lai/{a.txn_ref}/")


def test_receipt_pdf_carries_what_a_receipt_must(fee_world, paid):
    dossier, a = paid
    response = download(fee_world.citizen, a)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    for expected in (
        a.receipt_number,
        fee_world.applicant.full_name,
        dossier.code,
        "24.000 đồng",
        "Hai mươi tư nghìn đồng",
        "Lệ phí đăng ký khai sinh",
        "Phí cấp bản sao Giấy khai sinh",
        "16.000",
        a.txn_ref,
        f"ma={dossier.code}",
    ):
        assert expected in text, expected


def test_staff_of_the_dossier_may_download_strangers_may_not(fee_world, paid):
    _, a = paid
    assert download(fee_world.desk, a).status_code == 200
    assert download(UserFactory(), a).status_code == 404


def test_dossier_page_shows_paid_with_the_receipt(fee_world, paid):
    dossier, a = paid
    client = Client()
    client.force_login(fee_world.citizen)
    page = client.get(f"/ho-so/{dossier.code}/").content.decode()
    assert "đã thanh toán" in page
    assert f"/thanh-toan/bien-lai/{a.txn_ref}/" in page
    assert "Thanh toán trực tuyến</button>" not in page


def test_receipts_are_counted(paid):
    _, a = paid
    now = clock.now()
    from datetime import timedelta

    assert receipts_count(now - timedelta(days=1), now + timedelta(days=1)) == {
        "vnpay": {"count": 1, "total": a.amount}
    }
