"""The plugin shaped like the national payment platform: the INIT message with its SHA-256 MaXacThuc over
the "|"-joined fields and the secret, the receipt block, and its confirmation checked like VNPay's IPN;
a payment through it marks the dossier DuocThanhToanTrucTuyen = 1 (VNPay: 2)."""

import hashlib
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.test import Client

from motcua.dossiers.models import DossierEvent
from motcua.dossiers.states import State
from motcua.integrations.national_portal.records import dossier_record
from motcua.payments import registry, services
from motcua.payments.national import CONFIRM_FIELDS, INIT_FIELDS, checksum
from tests.payments.helpers import reloaded
from tests.payments.world import awaiting_payment

SECRET = "bi-mat-chung"


@pytest.fixture
def platform(settings):
    settings.MOTCUA_VNPAY_PAY_URL = ""
    settings.MOTCUA_NPP_URL = "http://127.0.0.1:9/thanh-toan"
    settings.MOTCUA_NPP_PARTNER_CODE = "H99"
    settings.MOTCUA_NPP_SECRET = SECRET
    registry.reset()
    yield registry.gateway("national")
    registry.reset()


def confirmation(attempt, **changes) -> dict:
    message = {
        "MaDoiTac": "H99",
        "MaThamChieu": attempt.txn_ref,
        "SoTien": str(attempt.amount),
        "MaGiaoDich": "NPP0001",
        "TrangThai": "00",
        "ThoiGianGD": "20260302091500",
    }
    message["MaXacThuc"] = checksum(message, CONFIRM_FIELDS, SECRET)
    return {**message, **changes}


def test_init_message_and_its_checksum(fee_world, platform):
    dossier = awaiting_payment(fee_world, copies=1)
    started = services.start_payment(
        dossier.code, fee_world.citizen, client_ip="203.0.113.5", return_url="http://x/"
    )
    message = platform.init_message(started.attempt)

    assert (message["LoaiBanTin"], message["LoaiHinhThanhToan"], message["NgonNgu"], message["MaTienTe"]) == (
        "INIT",
        "PAY",
        "vi-VN",
        "VND",
    )
    assert message["SoTien"] == "16000" and message["MaThamChieu"] == started.attempt.txn_ref
    joined = "|".join(str(message[f]) for f in INIT_FIELDS) + "|" + SECRET
    assert message["MaXacThuc"] == hashlib.sha256(joined.encode()).hexdigest()
    block = message["ThongTinBienLai"]
    assert block["MaHoSo"] == dossier.code and block["NguoiNop"]["HoTen"] == fee_world.applicant.full_name
    assert [line["SoTien"] for line in block["DanhSachKhoanPhi"]] == [8000, 8000]
    query = dict(parse_qsl(urlsplit(started.payment_url).query))
    assert query["MaXacThuc"] == message["MaXacThuc"] and query["UrlTraVe"] == "http://x/"


def test_confirmation_pays_and_flags_1(fee_world, platform):
    dossier = awaiting_payment(fee_world)
    started = services.start_payment(dossier.code, fee_world.citizen, client_ip="", return_url="http://x/")
    client = Client()

    forged = client.post("/thanh-toan/dvcqg/ipn/", confirmation(started.attempt, SoTien="1"))
    assert forged.json() == {"MaLoi": "97", "MoTa": "Invalid signature"}
    assert reloaded(dossier).state == State.PAYMENT_REQUESTED

    answer = client.post("/thanh-toan/dvcqg/ipn/", confirmation(started.attempt))
    assert answer.json()["MaLoi"] == "00"
    again = client.post("/thanh-toan/dvcqg/ipn/", confirmation(started.attempt))
    assert again.json()["MaLoi"] == "02"

    paid = reloaded(dossier)
    assert paid.state == State.RECEIVED
    record = dossier_record(DossierEvent.objects.filter(dossier=paid).order_by("-seq").first())
    assert record["DuocThanhToanTrucTuyen"] == "1"


@pytest.mark.django_db(transaction=True)
def test_vnpay_payment_flags_2(fee_world, gateway, payer, live_server):
    from tests.payments.helpers import start

    dossier = awaiting_payment(fee_world)
    payer.choose(start(fee_world, dossier, live_server).payment_url, "approve")
    record = dossier_record(DossierEvent.objects.filter(dossier=dossier).order_by("-seq").first())
    assert record["DuocThanhToanTrucTuyen"] == "2"


def test_a_desk_payment_is_not_online(fee_world):
    from tests.dossiers.world import act

    dossier = act(awaiting_payment(fee_world), "pay", fee_world.desk, reference="BL-1")
    record = dossier_record(DossierEvent.objects.filter(dossier=dossier).order_by("-seq").first())
    assert record["DuocThanhToanTrucTuyen"] == "0"
