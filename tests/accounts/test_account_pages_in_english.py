import pytest

pytestmark = pytest.mark.django_db


def test_account_pages_are_vietnamese_first_and_english_on_request(client):
    html = client.get("/tai-khoan/dang-ky/cong-dan/").content.decode()
    assert "Đăng ký tài khoản công dân" in html and "Số định danh cá nhân (CCCD)" in html
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    html = client.get("/tai-khoan/dang-ky/cong-dan/").content.decode()
    assert "Create a citizen account" in html and "Personal ID number (citizen ID card)" in html
    html = client.get("/tai-khoan/dang-nhap/").content.decode()
    assert "E-mail or phone number" in html and "Forgot your password?" in html
