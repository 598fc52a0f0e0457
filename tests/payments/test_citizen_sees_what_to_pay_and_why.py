"""The citizen's dossier page while payment is requested: each line with its reason (exemption, copies),
the amount owed and the "Thanh toán trực tuyến" button, which starts an attempt and sends them to the
gateway; without a gateway configured there is no button."""

import pytest
from django.test import Client

from motcua.payments import registry
from motcua.payments.models import PaymentAttempt
from tests.payments.world import awaiting_payment

pytestmark = pytest.mark.django_db(transaction=True)


def citizen_client(world):
    client = Client()
    client.force_login(world.citizen)
    return client


def test_lines_reasons_and_button(fee_world, gateway):
    dossier = awaiting_payment(fee_world, copies=2, exemptions=["ho_ngheo"])
    client = citizen_client(fee_world)
    page = client.get(f"/ho-so/{dossier.code}/").content.decode()
    assert "Miễn: Hộ nghèo" in page
    assert "2 × 8.000" in page
    assert "Cần nộp 16.000 đồng." in page
    assert "Thanh toán trực tuyến</button>" in page

    response = client.post(f"/thanh-toan/ho-so/{dossier.code}/")

    assert response.status_code == 302 and response["Location"].startswith(gateway.url)
    assert PaymentAttempt.objects.get().amount == 16000


def test_no_gateway_no_button(fee_world, settings):
    settings.MOTCUA_VNPAY_PAY_URL = ""
    settings.MOTCUA_NPP_URL = ""
    registry.reset()
    dossier = awaiting_payment(fee_world)
    client = citizen_client(fee_world)
    page = client.get(f"/ho-so/{dossier.code}/").content.decode()
    assert "Cần nộp 16.000 đồng." in page and "Thanh toán trực tuyến</button>" not in page
    response = client.post(f"/thanh-toan/ho-so/{dossier.code}/", follow=True)
    assert "Chưa có cổng thanh toán trực tuyến" in response.content.decode()
    assert not PaymentAttempt.objects.exists()
    registry.reset()


def test_the_payment_part_in_english(fee_world, gateway, settings):
    dossier = awaiting_payment(fee_world, copies=2)
    client = citizen_client(fee_world)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(f"/ho-so/{dossier.code}/").content.decode()
    assert "24.000 đồng to pay." in page and "Pay online</button>" in page
    assert "Thanh toán trực tuyến</button>" not in page
