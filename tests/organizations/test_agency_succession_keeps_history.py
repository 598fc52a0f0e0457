from datetime import date

import pytest
from django.db import IntegrityError

from motcua.organizations.models import Agency, AgencySuccession, SuccessionKind
from tests.factories.organizations import AgencyFactory

pytestmark = pytest.mark.django_db


def test_merged_unit_stays_readable_with_its_successor():
    old = AgencyFactory(name="UBND huyện Cũ", valid_to=date(2025, 6, 30))
    new = AgencyFactory(name="UBND xã Mới", valid_from=date(2025, 7, 1))
    AgencySuccession.objects.create(
        predecessor=old, successor=new, kind=SuccessionKind.MERGED, effective_date=date(2025, 7, 1)
    )
    assert [s.successor for s in old.successions.all()] == [new]
    active = set(Agency.objects.active_on(date(2025, 8, 1)))
    assert new in active and old not in active
    assert old in set(Agency.objects.active_on(date(2025, 1, 1)))


def test_a_unit_cannot_succeed_itself():
    agency = AgencyFactory()
    with pytest.raises(IntegrityError):
        AgencySuccession.objects.create(
            predecessor=agency, successor=agency, kind=SuccessionKind.RENAMED, effective_date=date(2025, 7, 1)
        )
