import re

import pytest
from django.core import mail

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db


def test_reset_email_is_vietnamese_then_english_and_its_link_works(client, citizen, settings):
    settings.MOTCUA_PUBLIC_URL = "https://dichvucong.example.vn"
    response = client.post("/tai-khoan/quen-mat-khau/", {"email": "NAM@example.vn"})
    assert response.status_code == 302 and response["Location"] == "/tai-khoan/quen-mat-khau/da-gui/"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["nam@example.vn"]
    assert message.subject.startswith("Đặt lại mật khẩu")
    body = message.body
    assert body.index("Xin chào Lê Văn Nam") < body.index("Hello,")
    link = re.search(r"https://dichvucong\.example\.vn(/tai-khoan/dat-lai-mat-khau/\S+/)", body).group(1)

    response = client.get(link)  # Django swaps the token for a session key and redirects
    assert response.status_code == 302
    form_url = response["Location"]
    page = client.get(form_url)
    assert page.context["validlink"]
    response = client.post(form_url, {"new_password1": "Bien-xanh-2027", "new_password2": "Bien-xanh-2027"})
    assert response.status_code == 302 and response["Location"] == "/tai-khoan/dat-lai-mat-khau/xong/"

    citizen.user.refresh_from_db()
    assert citizen.user.check_password("Bien-xanh-2027") and not citizen.user.check_password(PASSWORD)
    # the link is single-use
    assert not client.get(form_url).context["validlink"]


def test_unknown_email_reveals_nothing_and_sends_nothing(client, citizen):
    response = client.post("/tai-khoan/quen-mat-khau/", {"email": "khong-co@example.vn"})
    assert response["Location"] == "/tai-khoan/quen-mat-khau/da-gui/"
    assert mail.outbox == []


def test_a_tampered_link_is_refused_politely(client, citizen):
    html = client.get("/tai-khoan/dat-lai-mat-khau/MQ/abc-123/").content.decode()
    assert "không hợp lệ" in html
