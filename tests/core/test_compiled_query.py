"""A queryset built into SQL once answers exactly as the ORM does for every later set of values."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db.models import F

from motcua.core.compiled import CompiledQuery
from motcua.organizations.models import Agency, Delegation, Role, StaffRole
from tests.factories.organizations import AgencyFactory, StaffRoleFactory, UserFactory

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def _roles(user, day):
    return (
        StaffRole.objects.filter(user_id=user, valid_from__lte=day)
        .order_by("pk")
        .values_list("pk", "agency_id", "role")
    )


@pytest.mark.django_db
def test_rows_match_the_orm_for_each_new_set_of_values():
    a, b = UserFactory(), UserFactory()
    StaffRoleFactory(user=a, valid_from=date(2026, 1, 1))
    StaffRoleFactory(user=a, valid_from=date(2026, 6, 1))
    StaffRoleFactory(user=b, valid_from=date(2026, 3, 1))
    compiled = CompiledQuery(_roles, user="int", day="date")
    for user, day in [
        (a, date(2026, 2, 1)),
        (a, date(2026, 7, 1)),
        (b, date(2026, 2, 1)),
        (b, date(2026, 3, 1)),
    ]:
        assert compiled.rows(user=user.pk, day=day) == list(_roles(user.pk, day))
    assert len(compiled.rows(user=a.pk, day=date(2026, 7, 1))) == 2
    assert compiled.rows(user=b.pk, day=date(2026, 2, 1)) == []


def _delegations(at, agency_code):
    return (
        Delegation.objects.filter(starts_at__lte=at, ends_at__gt=at, agency__identifier=agency_code)
        .annotate(agency_name=F("agency__name"), started=F("starts_at"))
        .order_by("pk")
    )


@pytest.mark.django_db
def test_objects_are_model_instances_with_annotations_converted():
    agency = AgencyFactory()
    boss, deputy = UserFactory(), UserFactory()
    start = datetime(2026, 5, 4, 8, 0, tzinfo=VN)
    delegation = Delegation.objects.create(
        delegator=boss,
        delegate=deputy,
        agency=agency,
        role=Role.LEADER,
        starts_at=start,
        ends_at=start + timedelta(days=5),
    )
    compiled = CompiledQuery(_delegations, at="datetime", agency_code="str")
    found = compiled.objects(at=start + timedelta(hours=1), agency_code=agency.identifier)
    assert [d.pk for d in found] == [delegation.pk]
    assert found[0].delegate_id == deputy.pk and found[0].agency_name == agency.name
    # an annotation is converted as the ORM converts it (SQLite returns text for it otherwise)
    assert found[0].started == start and isinstance(found[0].started, datetime)
    assert compiled.objects(at=start - timedelta(hours=1), agency_code=agency.identifier) == []
    assert compiled.objects(at=start + timedelta(hours=1), agency_code="000.00.00.H00") == []


@pytest.mark.django_db
def test_a_value_the_sql_does_not_use_is_refused():
    compiled = CompiledQuery(lambda user, day: StaffRole.objects.filter(user_id=user), user="int", day="date")
    with pytest.raises(ValueError, match="day"):
        compiled.rows(user=1, day=date(2026, 1, 1))
    with pytest.raises(ValueError, match="kind"):
        CompiledQuery(lambda x: Agency.objects.all(), x="decimal")


@pytest.mark.django_db
def test_rows_are_converted_as_the_orm_converts_them():
    """Dates and UUIDs come back typed on SQLite too (raw SQLite rows hold text)."""
    from motcua.calendar.models import CalendarRevision

    CalendarRevision.objects.get_or_create(pk=1)
    compiled = CompiledQuery(
        lambda pk: CalendarRevision.objects.filter(pk=pk).values_list("pk", "token"), pk="int"
    )
    assert compiled.rows(pk=1) == list(CalendarRevision.objects.filter(pk=1).values_list("pk", "token"))
    user = UserFactory()
    joined = CompiledQuery(
        lambda pk: StaffRole.objects.filter(user_id=pk).values_list("user__date_joined"), pk="int"
    )
    StaffRoleFactory(user=user)
    assert joined.rows(pk=user.pk) == [(user.date_joined,)]
