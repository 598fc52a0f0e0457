import pytest
from django.contrib.auth import get_user_model

from motcua.organizations.models import Applicant

from .conftest import PASSWORD, citizen_data, organisation_data

pytestmark = pytest.mark.django_db
User = get_user_model()


def counts():
    return User.objects.count(), Applicant.objects.count()


def _log_in(client, username):
    response = client.post("/tai-khoan/dang-nhap/", {"username": username, "password": PASSWORD})
    assert response.status_code == 302, response.content.decode()[:2000]


def test_citizen_registers_then_logs_in(client):
    response = client.post("/tai-khoan/dang-ky/cong-dan/", citizen_data(phone="+84 912.345.678"))
    assert response.status_code == 302
    assert response["Location"] == "/tai-khoan/dang-ky/da-nhan/"  # the same page whoever registers
    assert "_auth_user_id" not in client.session
    applicant = Applicant.objects.get(id_number="031199001234")
    assert applicant.kind == "citizen"
    assert applicant.full_name == "Nguyễn Thị Hoa"
    assert str(applicant.date_of_birth) == "1990-05-17"
    assert applicant.phone == "0912345678"  # stored in one normal form
    user = applicant.user
    assert user.email == "hoa@example.vn" and user.phone == "0912345678"
    assert user.check_password(PASSWORD)
    assert user.get_full_name() == "Nguyễn Thị Hoa"
    assert not user.is_staff
    _log_in(client, "0912 345 678")
    html = client.get("/tai-khoan/thong-tin/").content.decode()
    assert "Nguyễn Thị Hoa" in html and "031199001234" in html


def test_organisation_registers_with_representative(client):
    response = client.post("/tai-khoan/dang-ky/to-chuc/", organisation_data())
    assert response.status_code == 302
    applicant = Applicant.objects.get(tax_code="0201234567")
    assert applicant.kind == "organisation"
    assert applicant.full_name == "Công ty TNHH Cảng Xanh"
    assert applicant.user.get_full_name() == "Trần Văn Minh"
    _log_in(client, "lienhe@cangxanh.vn")
    html = client.get("/tai-khoan/thong-tin/").content.decode()
    assert "Công ty TNHH Cảng Xanh" in html and "Trần Văn Minh" in html and "0201234567" in html


def test_thirteen_digit_tax_code_of_a_dependent_unit_is_accepted(client):
    response = client.post("/tai-khoan/dang-ky/to-chuc/", organisation_data(tax_code="0201234567-001"))
    assert response.status_code == 302


def test_passwords_are_hashed_with_argon2(client, settings):
    from motcua import settings as project_settings

    settings.PASSWORD_HASHERS = project_settings.PASSWORD_HASHERS
    client.post("/tai-khoan/dang-ky/cong-dan/", citizen_data())
    assert User.objects.get(username="031199001234").password.startswith("argon2")


def _refused(client, url, data, field, text):
    before = counts()
    response = client.post(url, data)
    assert response.status_code == 200
    form = response.context["form"]
    assert text in " ".join(form.errors.get(field, [])), form.errors
    html = response.content.decode()
    # the error is linked to its input
    assert f'id="id_{field}_error"' in html
    assert f'aria-describedby="id_{field}' in html
    assert 'aria-invalid="true"' in html
    assert counts() == before  # nothing half-created
    assert "_auth_user_id" not in client.session
    return response


CITIZEN = "/tai-khoan/dang-ky/cong-dan/"
ORG = "/tai-khoan/dang-ky/to-chuc/"


@pytest.mark.parametrize("bad", ["12345", "0311990012345", "03119900123a"])
def test_id_number_must_have_twelve_digits(client, bad):
    _refused(client, CITIZEN, citizen_data(id_number=bad), "id_number", "12")


@pytest.mark.parametrize("bad", ["020123456", "02012345678", "abc"])
def test_tax_code_must_have_ten_or_thirteen_digits(client, bad):
    _refused(client, ORG, organisation_data(tax_code=bad), "tax_code", "Mã số thuế gồm 10 chữ số")


def test_bad_phone_is_refused(client):
    _refused(client, CITIZEN, citizen_data(phone="12345"), "phone", "Số điện thoại không hợp lệ")


def test_passwords_must_match(client):
    _refused(client, CITIZEN, citizen_data(password2="something-else-1"), "password2", "không khớp")


def test_weak_password_is_refused(client):
    response = _refused(
        client, CITIZEN, citizen_data(password="12345678", password2="12345678"), "password", ""
    )
    assert response.context["form"].errors["password"]


def test_date_of_birth_in_the_future_is_refused(client):
    _refused(
        client, CITIZEN, citizen_data(date_of_birth="2999-01-01"), "date_of_birth", "Ngày sinh không hợp lệ"
    )


def test_missing_required_fields_are_named(client):
    before = counts()
    response = client.post(CITIZEN, {})
    errors = response.context["form"].errors
    assert {"full_name", "id_number", "date_of_birth", "phone", "address", "password"} <= set(errors)
    assert "email" not in errors  # optional for citizens
    assert counts() == before


def test_organisation_needs_an_email(client):
    _refused(client, ORG, organisation_data(email=""), "email", "")


def test_every_input_has_a_label(client):
    for url in (CITIZEN, ORG, "/tai-khoan/dang-nhap/", "/tai-khoan/quen-mat-khau/"):
        html = client.get(url).content.decode()
        import re

        ids = re.findall(r'<input[^>]*type="(?!hidden)[^"]*"[^>]*id="([^"]+)"', html)
        ids += re.findall(r'<input[^>]*id="([^"]+)"[^>]*type="(?!hidden)', html)
        assert ids, url
        for input_id in set(ids):
            assert f'for="{input_id}"' in html, (url, input_id)
