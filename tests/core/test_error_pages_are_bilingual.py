"""Django's own error answers (400, 403, CSRF 403, 404, 500) are small bilingual pages, Vietnamese
first, in the site's layout; with DEBUG off (production mode) a crash shows no traceback."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.fixture
def client(settings):
    settings.ROOT_URLCONF = "tests.core.failing_urls"
    return Client(raise_request_exception=False)


def bilingual(response, status, vi, en):
    assert response.status_code == status
    page = response.content.decode()
    assert vi in page and en in page and page.index(vi) < page.index(en), page[:2000]
    assert 'lang="vi"' in page and 'lang="en"' in page
    assert "Một Cửa" in page  # the site's layout (base.html)
    return page


def test_a_crash_in_production_mode_is_the_bilingual_500_page_without_a_traceback(client, settings):
    settings.DEBUG = False  # what MOTCUA_PRODUCTION=1 sets (test_production_mode_is_deploy_ready.py)
    page = bilingual(client.get("/_loi/"), 500, "Lỗi máy chủ", "Server error")
    assert "Traceback" not in page and "RuntimeError" not in page and "8f3a" not in page


def test_a_crash_in_development_mode_shows_the_traceback(client, settings):
    settings.DEBUG = True  # `make run`: development mode
    response = client.get("/_loi/", headers={"Accept": "text/html"})
    assert response.status_code == 500
    assert "RuntimeError" in response.content.decode() and "8f3a" in response.content.decode()


def test_an_unknown_address_is_the_bilingual_404_page(client):
    bilingual(client.get("/khong-co-trang-nay/"), 404, "Không tìm thấy trang", "Page not found")


def test_a_forbidden_page_is_the_bilingual_403_page(client):
    bilingual(client.get("/_cam/"), 403, "Không có quyền truy cập", "Forbidden")


def test_a_bad_host_is_the_bilingual_400_page(client):
    response = client.get("/", headers={"Host": "ke-gian.example"})
    bilingual(response, 400, "Yêu cầu không hợp lệ", "Bad request")


def test_a_failed_csrf_check_is_the_bilingual_403_page(settings):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/tai-khoan/dang-nhap/", {"username": "a", "password": "b"})
    bilingual(response, 403, "Không gửi được biểu mẫu", "The form could not be sent")


def test_error_pages_stay_vietnamese_first_when_english_is_chosen(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    bilingual(client.get("/khong-co-trang-nay/"), 404, "Không tìm thấy trang", "Page not found")
