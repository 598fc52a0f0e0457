"""After the demo loads, `congdan` has a birth registration awaiting online payment (national status 6):
24.000 đ (the late-registration charge and two copies), and loading again adds no second one."""

import pytest

from motcua.demo.loader import load_demo
from motcua.demo.payments import MARK
from motcua.dossiers.models import Dossier

pytestmark = pytest.mark.django_db


def test_congdan_has_a_dossier_awaiting_payment():
    load_demo()
    load_demo()
    dossiers = Dossier.objects.filter(**{f"eform_data__{MARK}": True})
    assert dossiers.count() == 1
    d = dossiers.get()
    assert d.applicant.user.username == "congdan"
    assert (d.state, d.national_status, d.channel) == ("payment_requested", 6, "online")
    assert sorted((f.name, f.quantity, f.amount) for f in d.fees.all()) == [
        ("Lệ phí đăng ký khai sinh", 1, 8000),
        ("Phí cấp bản sao Giấy khai sinh", 2, 16000),
    ]
