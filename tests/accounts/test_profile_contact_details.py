import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from motcua.accounts.services import applicant_change_identifier
from tests.factories.organizations import ApplicantFactory, UserFactory

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db
PROFILE = "/tai-khoan/thong-tin/"


def test_profile_needs_login(client):
    response = client.get(PROFILE)
    assert response.status_code == 302 and response["Location"].startswith("/tai-khoan/dang-nhap/?next=")


def test_profile_shows_identity_and_contact(client, citizen):
    client.force_login(citizen.user)
    html = client.get(PROFILE).content.decode()
    assert "Lê Văn Nam" in html and "031088005555" in html and "02/03/1988" in html
    assert 'value="0987654321"' in html and 'value="nam@example.vn"' in html
    assert "chỉ cán bộ tiếp nhận mới sửa được" in html
    assert 'name="id_number"' not in html  # shown, not editable


def test_applicant_edits_contact_and_logs_in_with_the_new_phone(client, citizen):
    client.force_login(citizen.user)
    response = client.post(
        PROFILE,
        {
            "phone": "+84 912 000 111",
            "email": "Nam.Moi@example.vn",
            "address": "9 Lạch Tray, Hải Phòng",
            "id_number": "031099999999",
            "full_name": "Kẻ Khác",
        },
    )
    assert response.status_code == 302
    citizen.refresh_from_db()
    citizen.user.refresh_from_db()
    assert (citizen.phone, citizen.email, citizen.address) == (
        "0912000111",
        "nam.moi@example.vn",
        "9 Lạch Tray, Hải Phòng",
    )
    assert (citizen.user.phone, citizen.user.email) == ("0912000111", "nam.moi@example.vn")
    assert citizen.id_number == "031088005555" and citizen.full_name == "Lê Văn Nam"  # ignored
    client.logout()
    assert (
        client.post("/tai-khoan/dang-nhap/", {"username": "0912000111", "password": PASSWORD}).status_code
        == 302
    )


def test_contact_taken_by_another_account_is_refused(client, citizen):
    UserFactory(phone="0911111111", email="khac@example.vn")
    client.force_login(citizen.user)
    response = client.post(PROFILE, {"phone": "0911111111", "email": "KHAC@example.vn", "address": ""})
    errors = response.context["form"].errors
    assert "đã được dùng" in errors["phone"][0] and "đã được dùng" in errors["email"][0]
    citizen.refresh_from_db()
    assert citizen.phone == "0987654321"


def test_keeping_ones_own_phone_is_not_a_duplicate(client, citizen):
    client.force_login(citizen.user)
    response = client.post(PROFILE, {"phone": "0987654321", "email": "nam@example.vn", "address": "Mới"})
    assert response.status_code == 302


def test_staff_account_without_applicant_sees_a_plain_page(client):
    client.force_login(UserFactory(is_staff=True))
    assert client.get(PROFILE).status_code == 200


def test_only_staff_change_the_id_number(citizen):
    with pytest.raises(PermissionDenied):
        applicant_change_identifier(actor=citizen.user, applicant=citizen, id_number="031088006666")
    officer = UserFactory(is_staff=True)
    applicant_change_identifier(actor=officer, applicant=citizen, id_number="031088006666")
    citizen.refresh_from_db()
    assert citizen.id_number == "031088006666"


def test_staff_cannot_give_an_id_number_already_taken(citizen):
    ApplicantFactory(id_number="031000000001")
    with pytest.raises(ValidationError):
        applicant_change_identifier(
            actor=UserFactory(is_staff=True), applicant=citizen, id_number="031000000001"
        )
