"""The login limit counts failures per ACCOUNT, whichever of its identifiers is typed: five wrong
passwords spread over the username (ID number), the e-mail and the phone lock the account on all three,
on the login page and on the API's token login alike (they share one count). Identifiers no account
answers to are still counted one by one, and the per-IP limit stands."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from motcua.accounts.models import LoginAttempt
from motcua.core import clock

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db
LOGIN = "/tai-khoan/dang-nhap/"
TOKEN = "/api/v1/auth/token"
LOCKED = "Đăng nhập sai quá nhiều lần"


@pytest.fixture
def frozen():
    state = {"now": timezone.now()}
    clock.set_now(lambda: state["now"])

    def advance(**delta):
        state["now"] += timedelta(**delta)

    return advance


def _page(client, username, password="sai-mat-khau", ip="10.0.0.1"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=ip)


def _token(username, password="sai-mat-khau", ip="10.0.0.1"):
    return Client(REMOTE_ADDR=ip).post(
        TOKEN, {"username": username, "password": password}, content_type="application/json"
    )


def test_failures_via_username_email_and_phone_lock_the_account(client, citizen, frozen):
    # 2 × ID number (the username), 2 × e-mail, 1 × phone, each from a different address
    typed_in_turn = ["031088005555", "031088005555", "NAM@example.vn", "nam@example.vn", "0987654321"]
    for n, typed in enumerate(typed_in_turn):
        _page(client, typed, ip=f"10.0.1.{n}")
    for typed in ("031088005555", "nam@example.vn", "+84 987 654 321"):
        response = _page(client, typed, password=PASSWORD, ip="10.0.2.1")
        assert LOCKED in response.content.decode(), typed
        assert "_auth_user_id" not in client.session
    failed_accounts = LoginAttempt.objects.filter(succeeded=False).values_list("user", flat=True)
    assert set(failed_accounts) == {citizen.user.pk}
    frozen(minutes=15, seconds=1)
    assert _page(client, "0987654321", password=PASSWORD, ip="10.0.2.1").status_code == 302


def test_four_failures_then_a_success_by_another_identifier_resets_the_count(client, citizen, frozen):
    for typed in ("031088005555", "nam@example.vn", "0987654321", "nam@example.vn"):
        _page(client, typed)
    assert _page(client, "0987654321", password=PASSWORD).status_code == 302
    client.logout()
    for _ in range(4):
        _page(client, "031088005555")
    assert _page(client, "nam@example.vn", password=PASSWORD).status_code == 302


def test_the_token_login_shares_the_limit_both_ways(client, citizen, frozen):
    for _ in range(3):
        assert _token("nam@example.vn", ip="10.0.3.1").status_code == 401
    for _ in range(2):
        _page(client, "0987654321", ip="10.0.3.2")
    response = _token("031088005555", password=PASSWORD, ip="10.0.3.3")
    assert response.status_code == 429
    body = response.json()
    assert body["code"] == "too_many_logins" and body["detail_en"].startswith("Too many failed logins")
    assert 0 < int(response["Retry-After"]) <= 15 * 60 + 1
    assert LOCKED in _page(client, "nam@example.vn", password=PASSWORD, ip="10.0.3.4").content.decode()
    frozen(minutes=15, seconds=1)
    assert _token("nam@example.vn", password=PASSWORD, ip="10.0.3.5").status_code == 201


def test_unknown_identifiers_are_counted_one_by_one(client, citizen, frozen):
    for _ in range(5):
        _page(client, "ai-do@example.vn", ip="10.0.4.1")
    assert LOCKED in _page(client, "ai-do@example.vn", ip="10.0.4.2").content.decode()
    assert LOCKED not in _page(client, "nguoi-khac@example.vn", ip="10.0.4.2").content.decode()
    # the real account is untouched by strangers' failures
    assert _page(client, "nam@example.vn", password=PASSWORD, ip="10.0.4.3").status_code == 302


def test_the_per_ip_limit_still_applies(client, citizen, frozen, settings):
    settings.MOTCUA_LOGIN_MAX_FAILURES_PER_IP = 6
    for n in range(6):
        _page(client, f"ai-do-{n}@example.vn", ip="203.0.113.9")
    assert LOCKED in _page(client, "nam@example.vn", password=PASSWORD, ip="203.0.113.9").content.decode()
    assert _token("nam@example.vn", password=PASSWORD, ip="203.0.113.9").status_code == 429
