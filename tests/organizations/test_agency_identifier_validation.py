import pytest
from django.core.exceptions import ValidationError

from motcua.organizations.models import Agency, AgencyKind
from motcua.organizations.validators import validate_agency_identifier


@pytest.mark.parametrize("value", ["000.00.14.H56", "123.45.67.G01", "000.00.00.H99"])
def test_valid_identifiers_pass(value):
    validate_agency_identifier(value)


@pytest.mark.parametrize(
    "value", ["", "000.00.14.H5", "00.00.14.H56", "000-00-14-H56", "000.00.14.X56", "000.00.14.h56"]
)
def test_malformed_identifiers_fail_in_both_languages(value):
    with pytest.raises(ValidationError) as err:
        validate_agency_identifier(value)
    message = err.value.messages[0]
    assert "Mã định danh cơ quan" in message
    assert "agency identifier" in message


@pytest.mark.django_db
def test_model_validation_rejects_bad_identifier():
    agency = Agency(name="UBND xã Thử", kind=AgencyKind.COMMUNE_COMMITTEE, identifier="ABC")
    with pytest.raises(ValidationError) as err:
        agency.full_clean()
    assert "identifier" in err.value.message_dict
