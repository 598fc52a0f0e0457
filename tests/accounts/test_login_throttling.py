from datetime import timedelta

import pytest
from django.contrib.auth import authenticate
from django.test import RequestFactory
from django.utils import timezone

from motcua.accounts.models import LoginAttempt
from motcua.core import clock

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db
LOGIN = "/tai-khoan/dang-nhap/"


@pytest.fixture
def frozen():
    """A clock the test moves by hand."""
    state = {"now": timezone.now()}
    clock.set_now(lambda: state["now"])

    def advance(**delta):
        state["now"] += timedelta(**delta)

    return advance


def fail(client, username="nam@example.vn", times=1, ip="10.0.0.1"):
    for _ in range(times):
        client.post(LOGIN, {"username": username, "password": "sai-mat-khau"}, REMOTE_ADDR=ip)


def test_five_failures_lock_the_account_even_with_the_right_password(client, citizen, frozen):
    fail(client, times=5)
    response = client.post(
        LOGIN, {"username": "nam@example.vn", "password": PASSWORD}, REMOTE_ADDR="10.0.0.1"
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert "Đăng nhập sai quá nhiều lần" in html and "thử lại sau 15 phút" in html
    assert "Too many failed logins" not in html  # the page shows the reader's language only
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    response = client.post(
        LOGIN, {"username": "nam@example.vn", "password": PASSWORD}, REMOTE_ADDR="10.0.0.1"
    )
    html = response.content.decode()
    assert "Too many failed logins. Try again in 15 minutes" in html and "Đăng nhập sai" not in html


def test_the_fifth_failure_already_says_when_to_retry(client, citizen, frozen):
    fail(client, times=4)
    response = client.post(LOGIN, {"username": "nam@example.vn", "password": "sai"}, REMOTE_ADDR="10.0.0.1")
    assert "thử lại sau 15 phút" in response.content.decode()


def test_the_lock_is_per_account_however_the_identifier_is_typed(client, citizen, frozen):
    # phone in three spellings counts as one account
    for typed in ("0987654321", "+84987654321", "0987 654 321", "84987654321", "0987.654.321"):
        fail(client, username=typed, ip="10.0.0.2")
    response = client.post(LOGIN, {"username": "0987654321", "password": PASSWORD}, REMOTE_ADDR="10.0.0.3")
    assert "Đăng nhập sai quá nhiều lần" in response.content.decode()
    # the same person's e-mail names the same account: locked too (test_login_limit_counts_per_account)
    response = client.post(
        LOGIN, {"username": "nam@example.vn", "password": PASSWORD}, REMOTE_ADDR="10.0.0.3"
    )
    assert "Đăng nhập sai quá nhiều lần" in response.content.decode()


def test_the_lock_releases_after_the_window(client, citizen, frozen):
    fail(client, times=5)
    frozen(minutes=14)
    response = client.post(
        LOGIN, {"username": "nam@example.vn", "password": PASSWORD}, REMOTE_ADDR="10.0.0.1"
    )
    assert "thử lại sau 1 phút" in response.content.decode()
    frozen(minutes=1, seconds=1)
    response = client.post(
        LOGIN, {"username": "nam@example.vn", "password": PASSWORD}, REMOTE_ADDR="10.0.0.1"
    )
    assert response.status_code == 302


def test_refused_attempts_do_not_extend_the_lock(client, citizen, frozen):
    fail(client, times=5)
    frozen(minutes=10)
    fail(client, times=3)  # refused while locked: not counted
    frozen(minutes=5, seconds=1)
    response = client.post(
        LOGIN, {"username": "nam@example.vn", "password": PASSWORD}, REMOTE_ADDR="10.0.0.1"
    )
    assert response.status_code == 302


def test_a_success_resets_the_account_count(client, citizen, frozen):
    fail(client, times=4)
    client.post(LOGIN, {"username": "nam@example.vn", "password": PASSWORD}, REMOTE_ADDR="10.0.0.1")
    client.logout()
    fail(client, times=4)
    response = client.post(
        LOGIN, {"username": "nam@example.vn", "password": PASSWORD}, REMOTE_ADDR="10.0.0.1"
    )
    assert response.status_code == 302


def test_one_ip_trying_many_accounts_is_locked(client, citizen, frozen, settings):
    settings.MOTCUA_LOGIN_MAX_FAILURES_PER_IP = 8
    for n in range(8):
        fail(client, username=f"ai-do-{n}@example.vn", ip="203.0.113.9")
    response = client.post(
        LOGIN, {"username": "nam@example.vn", "password": PASSWORD}, REMOTE_ADDR="203.0.113.9"
    )
    assert "Đăng nhập sai quá nhiều lần" in response.content.decode()
    # another IP is not affected
    response = client.post(
        LOGIN, {"username": "nam@example.vn", "password": PASSWORD}, REMOTE_ADDR="203.0.113.10"
    )
    assert response.status_code == 302


def test_attempts_are_stored_in_the_database(client, citizen, frozen):
    fail(client, times=2)
    rows = LoginAttempt.objects.filter(identifier="nam@example.vn")
    assert rows.count() == 2 and not rows.filter(succeeded=True).exists()
    assert rows.first().ip_address == "10.0.0.1"


def test_the_admin_login_is_throttled_too(citizen, frozen):
    request = RequestFactory().post("/admin/login/", REMOTE_ADDR="10.0.0.7")
    for _ in range(5):
        assert authenticate(request, username="nam@example.vn", password="sai") is None
    assert authenticate(request, username="nam@example.vn", password=PASSWORD) is None
    frozen(minutes=16)
    assert authenticate(request, username="nam@example.vn", password=PASSWORD) == citizen.user


def test_old_attempts_are_purged(client, citizen, frozen):
    fail(client, times=3)
    frozen(days=2)
    fail(client, times=1)
    assert LoginAttempt.objects.count() == 1
