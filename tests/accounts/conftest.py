import pytest

from motcua.accounts.services import Registration, applicant_register
from motcua.organizations.models import ApplicantKind

PASSWORD = "Hoa-sen-no-2026"


def citizen_data(**overrides) -> dict:
    return {
        "full_name": "Nguyễn Thị Hoa",
        "id_number": "031199001234",
        "date_of_birth": "1990-05-17",
        "phone": "0912345678",
        "email": "hoa@example.vn",
        "address": "12 Lê Lợi, phường Hồng Bàng, Hải Phòng",
        "password": PASSWORD,
        "password2": PASSWORD,
        **overrides,
    }


def organisation_data(**overrides) -> dict:
    return {
        "full_name": "Công ty TNHH Cảng Xanh",
        "tax_code": "0201234567",
        "representative": "Trần Văn Minh",
        "phone": "0225 3123 456",
        "email": "lienhe@cangxanh.vn",
        "address": "5 Điện Biên Phủ, Hải Phòng",
        "password": PASSWORD,
        "password2": PASSWORD,
        **overrides,
    }


@pytest.fixture
def citizen(db):
    """A registered citizen (through the service, as the page would)."""
    from datetime import date

    return applicant_register(
        Registration(
            kind=ApplicantKind.CITIZEN,
            full_name="Lê Văn Nam",
            id_number="031088005555",
            date_of_birth=date(1988, 3, 2),
            phone="0987654321",
            email="nam@example.vn",
            address="1 Trần Phú, Hải Phòng",
            password=PASSWORD,
        )
    )
