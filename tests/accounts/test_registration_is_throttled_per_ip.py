"""Registrations that pass the format checks are counted per client IP: past
MOTCUA_REGISTRATION_MAX_PER_IP within the window the page answers 429 (with Retry-After and a message in
the reader's language), creates nothing and sends nothing, whether the details are new or held; other
addresses are not affected, and the window frees the address."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.utils import timezone

from motcua.core import clock
from motcua.organizations.models import Applicant

from .conftest import citizen_data

pytestmark = pytest.mark.django_db
User = get_user_model()
CITIZEN = "/tai-khoan/dang-ky/cong-dan/"


@pytest.fixture
def frozen(settings):
    settings.MOTCUA_REGISTRATION_MAX_PER_IP = 3
    settings.MOTCUA_REGISTRATION_WINDOW_MINUTES = 60
    state = {"now": timezone.now()}
    clock.set_now(lambda: state["now"])

    def advance(**delta):
        state["now"] += timedelta(**delta)

    return advance


def _data(n: int, **overrides):
    own = {"id_number": f"0311990012{n:02d}", "email": f"nguoi-{n}@example.vn", "phone": f"09123456{n:02d}"}
    return citizen_data(**{**own, **overrides})


def test_past_the_limit_the_address_gets_429_and_nothing_happens(client, citizen, frozen):
    for n in range(2):
        assert client.post(CITIZEN, _data(n), REMOTE_ADDR="198.51.100.7").status_code == 302
    # a held ID number counts the same as a new one
    held = _data(5, id_number="031088005555")
    assert client.post(CITIZEN, held, REMOTE_ADDR="198.51.100.7").status_code == 302
    users, sent = User.objects.count(), len(mail.outbox)

    response = client.post(CITIZEN, _data(9), REMOTE_ADDR="198.51.100.7")
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 60 * 60 + 1
    html = response.content.decode()
    assert "Có quá nhiều lượt đăng ký từ địa chỉ mạng này" in html and "Too many" not in html
    assert (User.objects.count(), len(mail.outbox)) == (users, sent)
    assert not Applicant.objects.filter(id_number="031199001209").exists()
    # the held ID number gets the same 429 (no e-mail to its holder either)
    assert client.post(CITIZEN, held, REMOTE_ADDR="198.51.100.7").status_code == 429
    assert len(mail.outbox) == sent

    # another address is not affected
    assert client.post(CITIZEN, _data(9), REMOTE_ADDR="198.51.100.8").status_code == 302
    # the window frees the address
    frozen(minutes=61)
    assert client.post(CITIZEN, _data(10), REMOTE_ADDR="198.51.100.7").status_code == 302


def test_the_message_is_in_english_for_english_readers(client, citizen, frozen):
    for n in range(3):
        client.post(CITIZEN, _data(n), REMOTE_ADDR="198.51.100.9")
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    html = client.post(CITIZEN, _data(7), REMOTE_ADDR="198.51.100.9").content.decode()
    assert "Too many registrations from this network address" in html and "Có quá nhiều" not in html


def test_typing_mistakes_do_not_count(client, frozen):
    for _ in range(5):
        response = client.post(CITIZEN, _data(1, id_number="123"), REMOTE_ADDR="198.51.100.10")
        assert response.status_code == 200
    assert client.post(CITIZEN, _data(1), REMOTE_ADDR="198.51.100.10").status_code == 302
