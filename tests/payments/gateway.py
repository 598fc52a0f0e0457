"""The fake VNPay gateway on loopback HTTP, its IPN pointed at the live server, and a payer that walks
the payment page with a plain HTTP client (the browser's part, without a browser)."""

from urllib.parse import urlsplit

import httpx
import pytest

from motcua.payments import registry
from motcua.payments.fake import FakeVnpay


@pytest.fixture
def gateway(settings, live_server):
    with FakeVnpay(ipn_url=f"{live_server.url}/thanh-toan/vnpay/ipn/") as gw:
        for name, value in gw.settings().items():
            setattr(settings, name, value)
        settings.MOTCUA_NPP_URL = ""
        registry.reset()
        yield gw
        registry.reset()


class Payer:
    """Opens the signed payment URL on the gateway, chooses, and follows the redirect home."""

    def __init__(self, gw: FakeVnpay):
        self.gw = gw
        self.client = httpx.Client(timeout=30)

    def choose(self, payment_url: str, outcome: str) -> str:
        """The gateway's page, then the payer's choice; returns the return URL the gateway sent."""
        page = self.client.get(payment_url)
        assert page.status_code == 200, page.text
        txn_ref = dict(httpx.QueryParams(urlsplit(payment_url).query))["vnp_TxnRef"]
        answer = self.client.post(
            f"{self.gw.url}/paymentv2/decide", data={"txn_ref": txn_ref, "outcome": outcome}
        )
        assert answer.status_code == 302
        return answer.headers["location"]

    def come_back(self, return_url: str) -> httpx.Response:
        return self.client.get(return_url, follow_redirects=False)


@pytest.fixture
def payer(gateway):
    p = Payer(gateway)
    yield p
    p.client.close()
