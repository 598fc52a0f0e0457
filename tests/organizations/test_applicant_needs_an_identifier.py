import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from motcua.organizations.models import Applicant, ApplicantKind
from tests.factories.organizations import ApplicantFactory

pytestmark = pytest.mark.django_db


def test_citizen_without_id_number_is_refused_by_the_database():
    with pytest.raises(IntegrityError):
        Applicant.objects.create(kind=ApplicantKind.CITIZEN, full_name="Không Số")


def test_organisation_is_identified_by_tax_code():
    org = Applicant.objects.create(
        kind=ApplicantKind.ORGANISATION, full_name="Công ty TNHH Thử", tax_code="0201234567"
    )
    assert org.identifier == "0201234567"


def test_bad_id_number_gets_a_bilingual_message():
    applicant = ApplicantFactory.build(id_number="12345")
    with pytest.raises(ValidationError) as err:
        applicant.full_clean()
    assert "12 chữ số" in " ".join(err.value.message_dict["id_number"])


def test_applicant_search_text_is_folded():
    applicant = ApplicantFactory(full_name="Đỗ Thị Hường")
    assert "do thi huong" in applicant.search_text


def test_staff_names_read_family_name_first():
    from tests.factories.organizations import UserFactory

    user = UserFactory(last_name="Nguyễn", first_name="Văn Hải")
    assert user.get_full_name() == "Nguyễn Văn Hải" == str(user)
