"""An ID number, tax code or phone typed in full-width (０３１…) or Arabic-Indic (٠١…) digits IS the ASCII
identifier at every door (organizations.validators.ascii_digits): registration sees it as taken and tells
the holder, login, the desk's walk-in, the Applicant model, the e-form and the public lookup all answer to
the ASCII form; nothing but ASCII digits is stored."""

from datetime import date

import pytest
from django.contrib.auth import authenticate
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client

from motcua.accounts.services import Registration, applicant_register
from motcua.backoffice.services import WalkInApplicant, applicant_find_or_create
from motcua.dossiers.models import Dossier
from motcua.organizations.models import Applicant, ApplicantKind, User
from motcua.organizations.validators import ascii_digits

from .doors import BIRTH_FORM

HELD = "031190000123"  # the portal world's citizen
FULL_WIDTH = "".join(chr(0xFF10 + int(d)) for d in HELD)
ARABIC_INDIC = "".join(chr(0x0660 + int(d)) for d in HELD)
PASSWORD = "Hoa-sen-no-2026"


def test_ascii_digits_maps_every_decimal_digit():
    assert ascii_digits(FULL_WIDTH) == HELD
    assert ascii_digits(ARABIC_INDIC) == HELD
    assert ascii_digits("＋84 ９１２") == "+84 912"
    assert ascii_digits(None) == ""


@pytest.mark.parametrize("typed", [FULL_WIDTH, ARABIC_INDIC], ids=["full-width", "arabic-indic"])
def test_registration_sees_the_look_alike_as_taken_and_tells_the_holder(doors, typed):
    doors.world.applicant.email = "hoa@example.vn"
    doors.world.applicant.save()
    users, applicants = User.objects.count(), Applicant.objects.count()
    response = Client().post(
        "/tai-khoan/dang-ky/cong-dan/",
        {
            "full_name": "Nguyễn Văn Hùng",
            "id_number": typed,
            "date_of_birth": "1985-01-01",
            "phone": "0987111222",
            "email": "fw-probe@example.com",
            "address": "Hải Phòng",
            "password": PASSWORD,
            "password2": PASSWORD,
        },
        REMOTE_ADDR="10.9.0.7",
    )
    assert response.status_code == 302
    assert (User.objects.count(), Applicant.objects.count()) == (users, applicants)
    assert [m.to for m in mail.outbox] == [["hoa@example.vn"]]
    assert "số định danh cá nhân" in mail.outbox[0].body
    with pytest.raises(ValidationError) as caught:  # the trusted service names the field
        applicant_register(
            Registration(
                kind=ApplicantKind.CITIZEN,
                full_name="Nguyễn Văn Hùng",
                id_number=typed,
                date_of_birth=date(1985, 1, 1),
                phone="0987111222",
                password=PASSWORD,
            )
        )
    assert "id_number" in caught.value.message_dict


def test_a_new_registration_in_full_width_digits_is_stored_in_ascii(doors):
    applicant = applicant_register(
        Registration(
            kind=ApplicantKind.CITIZEN,
            full_name="Nguyễn Văn Hùng",
            id_number="０３１０８５００４１３７",
            date_of_birth=date(1985, 1, 1),
            phone="０９８７１１１２２２",
            password=PASSWORD,
        )
    )
    applicant.refresh_from_db()
    assert (applicant.id_number, applicant.phone, applicant.user.username) == (
        "031085004137",
        "0987111222",
        "031085004137",
    )
    assert authenticate(username="０３１０８５００４１３７", password=PASSWORD) == applicant.user


def test_the_model_and_the_desk_walk_in_store_ascii(doors):
    found = applicant_find_or_create(WalkInApplicant(id_number=FULL_WIDTH, full_name="Ai đó"))
    assert found.pk == doors.world.applicant.pk
    org = applicant_find_or_create(
        WalkInApplicant(
            kind=ApplicantKind.ORGANISATION,
            tax_code="٠٢٠١٢٣٤٥٦٧",
            full_name="Công ty A",
            phone="０２２５３１２３４５６",
        )
    )
    org.refresh_from_db()
    assert (org.tax_code, org.phone) == ("0201234567", "02253123456")
    applicant = Applicant(kind=ApplicantKind.CITIZEN, full_name="B", id_number="０３１２９９００９９９９")
    applicant.full_clean()
    applicant.save()
    assert Applicant.objects.filter(id_number="031299009999").count() == 1


def test_the_eform_stores_ascii_and_the_public_lookup_answers_to_any_digits(doors):
    eform = {**BIRTH_FORM, "cccd_nguoi_yeu_cau": "٠" * 12, "dien_thoai": "０９１２３４５６７８"}
    eform["so_ban_sao"] = "２"
    response = doors.api_submit(eform_data=eform)
    assert response.status_code == 201, response.content
    stored = response.json()["eform_data"]
    assert (stored["cccd_nguoi_yeu_cau"], stored["dien_thoai"], stored["so_ban_sao"]) == (
        "000000000000",
        "0912345678",
        2,
    )
    code = response.json()["code"]
    for typed in (HELD, FULL_WIDTH, ARABIC_INDIC):
        assert (
            Client()
            .post(f"/api/v1/dossiers/{code}/lookup", {"id_number": typed}, "application/json")
            .status_code
            == 200
        )
        page = Client().post("/tra-cuu/", {"ma": code, "cccd": typed})
        assert code in page.content.decode()


@pytest.mark.parametrize(
    ("field", "value", "message_en"),
    [
        ("so_ban_sao", "1e1", "The value must be a number."),
        ("so_ban_sao", "1_0", "The value must be a number."),
        ("so_ban_sao", "0x10", "The value must be a number."),
        ("ngay_sinh", "9999-12-31", "The year must be between 1900 and 2100."),
        ("ngay_sinh", "31/12/1899", "The year must be between 1900 and 2100."),
        ("cccd_nguoi_yeu_cau", "０３１１", "A personal ID number has exactly 12 digits."),
    ],
)
def test_the_eform_refuses_loose_values(doors, field, value, message_en):
    response = doors.api_submit(eform_data={**BIRTH_FORM, field: value})
    assert response.status_code == 422, response.content
    assert [(e["field"], e["message_en"]) for e in response.json()["errors"]] == [(field, message_en)]


def test_the_desk_page_finds_the_held_citizen_by_a_full_width_id(doors):
    response = doors.desk_page(identifier=FULL_WIDTH, full_name="Nguyễn Thị Hoa")
    assert response.status_code == 302, response.content
    assert Dossier.objects.get().applicant_id == doors.world.applicant.pk
    assert Applicant.objects.filter(full_name="Nguyễn Thị Hoa").count() == 1
