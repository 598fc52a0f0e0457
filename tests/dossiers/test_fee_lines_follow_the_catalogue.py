"""Fees as data (issue 13): the lines stored on a dossier when it is filed and when the officer requests
the financial obligation — exemptions declared or confirmed, per-copy charges, channel-specific lines,
and a zero-fee dossier is never asked to pay."""

import pytest

from motcua.catalog.models import FeeKind
from motcua.catalog.spec import FeeSpec
from motcua.dossiers.errors import InvalidParams
from motcua.dossiers.states import State
from tests.dossiers.world import act, make_world, receive
from tests.payments.world import awaiting_payment, fee_procedure, submit_online


def lines(dossier):
    return {f.name: (f.quantity, f.amount, f.exemption) for f in dossier.fees.order_by("pk")}


@pytest.fixture
def fee_world(db):
    world = make_world()
    fee_procedure(world)
    return world


def test_on_time_birth_declared_in_the_eform_is_exempt(fee_world):
    dossier = submit_online(fee_world, dang_ky_dung_han=True, so_ban_sao=0)
    assert lines(dossier) == {"Lệ phí đăng ký khai sinh": (1, 0, "Đăng ký khai sinh đúng hạn")}


def test_late_birth_is_charged(fee_world):
    dossier = submit_online(fee_world, dang_ky_dung_han=False, so_ban_sao=0)
    assert lines(dossier) == {"Lệ phí đăng ký khai sinh": (1, 8000, "")}


def test_each_requested_copy_is_charged(fee_world):
    dossier = submit_online(fee_world, dang_ky_dung_han=True, so_ban_sao=2)
    assert lines(dossier)["Phí cấp bản sao Giấy khai sinh"] == (2, 16000, "")
    assert sum(f.amount for f in dossier.fees.all()) == 16000


def test_channel_specific_line_only_on_its_channel(fee_world):
    online = submit_online(fee_world, so_ban_sao=0)
    at_desk = receive(fee_world, eform_data={"ho_ten": "Trần Văn Bình", "so_ban_sao": 0})
    assert "Phí tiếp nhận tại quầy" not in lines(online)
    assert lines(at_desk)["Phí tiếp nhận tại quầy"] == (1, 5000, "")


def test_officer_confirms_an_exemption_when_requesting_payment(fee_world):
    dossier = awaiting_payment(fee_world, copies=1, exemptions=["ho_ngheo"])
    assert dossier.state == State.PAYMENT_REQUESTED and dossier.national_status == 6
    assert lines(dossier) == {
        "Lệ phí đăng ký khai sinh": (1, 0, "Hộ nghèo"),
        "Phí cấp bản sao Giấy khai sinh": (1, 8000, ""),
    }
    event = dossier.events.get(action="request_payment")
    assert event.data["amount"] == 8000 and event.data["exemptions"] == ["ho_ngheo"]


def test_an_exemption_not_listed_is_refused(fee_world):
    dossier = receive(fee_world, submit_online(fee_world, so_ban_sao=0))
    with pytest.raises(InvalidParams) as refused:
        act(dossier, "request_payment", fee_world.officer, exemptions=["ban_than_quen"])
    assert refused.value.code == "invalid_exemptions"
    dossier.refresh_from_db()
    assert dossier.state == State.RECEIVED and lines(dossier)["Lệ phí đăng ký khai sinh"] == (1, 8000, "")


def test_an_exempt_dossier_is_never_asked_to_pay(fee_world):
    dossier = receive(fee_world, submit_online(fee_world, dang_ky_dung_han=True, so_ban_sao=0))
    with pytest.raises(InvalidParams) as refused:
        act(dossier, "request_payment", fee_world.officer)
    assert refused.value.code == "nothing_to_pay"


def test_a_zero_fee_procedure_is_never_asked_to_pay(db):
    world = make_world()
    fee_procedure(world, fees=(FeeSpec(kind=FeeKind.CHARGE, name="Lệ phí", amount=0),))
    dossier = receive(world, submit_online(world))
    with pytest.raises(InvalidParams) as refused:
        act(dossier, "request_payment", world.officer)
    assert refused.value.code == "nothing_to_pay"
    dossier.refresh_from_db()
    assert dossier.state == State.RECEIVED
