import pytest

from tests.factories.organizations import UserFactory

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db
LOGIN = "/tai-khoan/dang-nhap/"


def test_login_by_email(client, citizen):
    response = client.post(LOGIN, {"username": "Nam@Example.vn", "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/ho-so/"
    assert int(client.session["_auth_user_id"]) == citizen.user.pk


@pytest.mark.parametrize("typed", ["0987654321", "+84987654321", "0987 654 321", "84.987.654.321"])
def test_login_by_phone_in_any_usual_format(client, citizen, typed):
    response = client.post(LOGIN, {"username": typed, "password": PASSWORD})
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == citizen.user.pk


def test_login_follows_a_safe_next_only(client, citizen):
    response = client.post(
        LOGIN + "?next=/thu-tuc/", {"username": "0987654321", "password": PASSWORD, "next": "/thu-tuc/"}
    )
    assert response["Location"] == "/thu-tuc/"
    client.logout()
    response = client.post(
        LOGIN, {"username": "0987654321", "password": PASSWORD, "next": "https://evil.example/"}
    )
    assert response["Location"] == "/ho-so/"


def test_wrong_password_is_refused_with_a_clear_message(client, citizen):
    response = client.post(LOGIN, {"username": "nam@example.vn", "password": "wrong-password"})
    assert response.status_code == 200
    assert "mật khẩu không đúng" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_unknown_account_gets_the_same_message(client):
    response = client.post(LOGIN, {"username": "nobody@example.vn", "password": "whatever-1234"})
    assert "mật khẩu không đúng" in response.content.decode()


def test_staff_still_log_in_by_username(client):
    UserFactory(username="canbo01", is_staff=True)
    response = client.post(LOGIN, {"username": "canbo01", "password": "matkhau-thu-nghiem"})
    assert response.status_code == 302


def test_the_database_refuses_a_phone_or_email_already_used():
    from django.db import IntegrityError, transaction

    UserFactory(phone="0900000001", email="an@example.vn")
    with pytest.raises(IntegrityError), transaction.atomic():
        UserFactory(phone="0900000001")
    with pytest.raises(IntegrityError), transaction.atomic():
        UserFactory(email="AN@example.vn")


def test_inactive_account_cannot_log_in(client, citizen):
    citizen.user.is_active = False
    citizen.user.save()
    response = client.post(LOGIN, {"username": "nam@example.vn", "password": PASSWORD})
    assert response.status_code == 200


def test_logout_is_a_post_and_ends_the_session(client, citizen):
    client.force_login(citizen.user)
    assert client.get("/tai-khoan/dang-xuat/").status_code == 405
    response = client.post("/tai-khoan/dang-xuat/")
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session
    assert client.get("/tai-khoan/thong-tin/").status_code == 302
