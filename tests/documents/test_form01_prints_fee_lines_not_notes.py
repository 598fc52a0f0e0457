"""Form 01 prints each fee line by its name with the amount in figures (per-copy lines as quantity ×
unit price, an exempt line with its exemption) — never the catalogue's explanatory notes as a fee."""

import pytest

from motcua.documents.builders import form01_for
from motcua.documents.rendering import render_form_html
from tests.dossiers.world import make_world, receive
from tests.payments.world import NOTE, fee_procedure, submit_online


@pytest.fixture
def fee_world(db):
    world = make_world()
    fee_procedure(world)
    return world


def test_exempt_birth_with_two_copies(fee_world):
    dossier = receive(fee_world, submit_online(fee_world, dang_ky_dung_han=True, so_ban_sao=2))
    form = form01_for(dossier)
    assert [(f.description, f.amount) for f in form.fees] == [
        ("Lệ phí đăng ký khai sinh", 0),
        ("Phí cấp bản sao Giấy khai sinh", 16000),
    ]
    html = render_form_html(form)
    assert "Lệ phí đăng ký khai sinh: 0 đồng (miễn: Đăng ký khai sinh đúng hạn)" in html
    assert "Phí cấp bản sao Giấy khai sinh: 2 × 8.000 đồng = 16.000 đồng" in html
    assert "Tổng cộng: <b>16.000 đồng</b>" in html
    assert NOTE not in html
