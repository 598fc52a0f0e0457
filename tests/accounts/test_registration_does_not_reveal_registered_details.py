"""Registration never says whether an ID number, tax code, e-mail or phone is registered: a new
registration and one with a detail already held get the same answer (the "registration received" page).
When a detail is held, no second account is created and the holder is told by e-mail instead; phones
held on applicants' rows count as held."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.exceptions import ValidationError

from motcua.accounts.services import Registration, applicant_register
from motcua.organizations.models import Applicant, ApplicantKind

from .conftest import citizen_data, organisation_data

pytestmark = pytest.mark.django_db
User = get_user_model()
CITIZEN = "/tai-khoan/dang-ky/cong-dan/"
ORG = "/tai-khoan/dang-ky/to-chuc/"
DONE = "/tai-khoan/dang-ky/da-nhan/"
NEW = {"id_number": "031199001234", "email": "hoa@example.vn", "phone": "0912345678"}


def counts():
    return User.objects.count(), Applicant.objects.count()


def _answer(client, url, data):
    """Everything the registrant sees: the status, where it leads, and that page (whose CSRF token is
    masked afresh on every response, so it is left out)."""
    response = client.post(url, data, REMOTE_ADDR="10.9.0.1")
    page = client.get(response["Location"]) if response.status_code == 302 else response
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page.content.decode())
    return response.status_code, response.get("Location"), html


@pytest.fixture
def fresh_answer(client, db):
    """The answer to a registration whose details are all new (made and then undone)."""
    answer = _answer(client, CITIZEN, citizen_data(id_number="031299009999", email="moi@example.vn"))
    User.objects.filter(username="031299009999").delete()
    Applicant.objects.filter(id_number="031299009999").delete()
    mail.outbox.clear()
    return answer


@pytest.mark.parametrize(
    ("typed", "detail_vi", "detail_en"),
    [
        ({"id_number": "031088005555"}, "số định danh cá nhân", "personal ID number"),
        ({"email": "NAM@example.vn"}, "địa chỉ thư điện tử", "e-mail address"),
        ({"phone": "+84 987 654 321"}, "số điện thoại", "phone number"),
    ],
    ids=["id_number", "email", "phone"],
)
def test_a_held_detail_gets_the_same_answer_and_the_holder_is_told(
    client, citizen, fresh_answer, typed, detail_vi, detail_en
):
    before = counts()
    answer = _answer(client, CITIZEN, citizen_data(**{**NEW, **typed}))
    assert answer == fresh_answer
    assert answer[:2] == (302, DONE)
    assert "Đã nhận đăng ký" in answer[2]
    assert counts() == before  # no second account
    assert "_auth_user_id" not in client.session
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["nam@example.vn"]
    assert message.subject.startswith("Có người đăng ký tài khoản bằng thông tin của bạn")
    assert detail_vi in message.body and detail_en in message.body
    assert "Không có tài khoản mới nào được tạo" in message.body
    assert "http://localhost:8000/tai-khoan/quen-mat-khau/" in message.body


def test_all_three_held_details_make_one_e_mail_naming_them(client, citizen, fresh_answer):
    answer = _answer(
        client, CITIZEN, citizen_data(id_number="031088005555", email="nam@example.vn", phone="0987654321")
    )
    assert answer == fresh_answer
    assert len(mail.outbox) == 1
    assert "số định danh cá nhân, địa chỉ thư điện tử, số điện thoại" in mail.outbox[0].body


def test_a_phone_held_on_an_applicant_row_counts(client, citizen, fresh_answer):
    # the applicant's phone differs from the one on its user account
    Applicant.objects.filter(pk=citizen.pk).update(phone="0911222333")
    before = counts()
    assert _answer(client, CITIZEN, citizen_data(**{**NEW, "phone": "+84911222333"})) == fresh_answer
    assert counts() == before
    assert [m.to for m in mail.outbox] == [["nam@example.vn"]]
    with pytest.raises(ValidationError) as caught:  # the trusted service refuses it on the field
        applicant_register(
            Registration(
                kind=ApplicantKind.CITIZEN,
                full_name="Nguyễn Thị Hoa",
                id_number="031199001234",
                date_of_birth=citizen.date_of_birth,
                phone="0911 222 333",
                password="Hoa-sen-no-2026",
            )
        )
    assert set(caught.value.message_dict) == {"phone"}


def test_a_held_tax_code_gets_the_same_answer_as_a_new_one(client, db):
    first = _answer(client, ORG, organisation_data())
    assert Applicant.objects.filter(tax_code="0201234567").count() == 1
    assert [m.to for m in mail.outbox] == [["lienhe@cangxanh.vn"]]  # the welcome e-mail
    assert mail.outbox[0].subject.startswith("Tài khoản Một Cửa của bạn đã sẵn sàng")
    mail.outbox.clear()
    again = _answer(client, ORG, organisation_data(phone="0912000111", email="khac@example.vn"))
    assert again == first
    assert Applicant.objects.filter(tax_code="0201234567").count() == 1
    assert [m.to for m in mail.outbox] == [["lienhe@cangxanh.vn"]]
    assert "mã số thuế" in mail.outbox[0].body


def test_a_new_registration_creates_the_account_and_welcomes_the_address_typed(client, db):
    assert _answer(client, CITIZEN, citizen_data())[:2] == (302, DONE)
    applicant = Applicant.objects.get(id_number="031199001234")
    assert applicant.user.email == "hoa@example.vn"
    assert [m.to for m in mail.outbox] == [["hoa@example.vn"]]
    assert "http://localhost:8000/tai-khoan/dang-nhap/" in mail.outbox[0].body


def test_format_errors_are_still_shown_on_the_field(client, citizen):
    response = client.post(CITIZEN, citizen_data(id_number="12345"))
    assert response.status_code == 200
    assert "12" in " ".join(response.context["form"].errors["id_number"])
    assert mail.outbox == []
