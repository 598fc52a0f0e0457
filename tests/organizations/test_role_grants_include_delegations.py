from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from motcua.organizations.models import Role
from motcua.organizations.selectors import user_has_role, user_role_grants
from motcua.organizations.services import delegation_create
from tests.factories.organizations import AgencyFactory, StaffRoleFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_direct_role_is_granted_only_at_its_agency():
    role = StaffRoleFactory(role=Role.LEADER)
    other = AgencyFactory()
    assert user_has_role(role.user, Role.LEADER, role.agency)
    assert not user_has_role(role.user, Role.LEADER, other)
    assert not user_has_role(role.user, Role.CLERK, role.agency)


def test_expired_role_is_not_granted():
    role = StaffRoleFactory(role=Role.DESK_OFFICER, valid_to=timezone.localdate() - timedelta(days=1))
    assert user_role_grants(role.user) == []


def test_delegated_role_is_granted_for_its_period_on_behalf_of_the_delegator():
    leader = StaffRoleFactory(role=Role.LEADER)
    deputy = UserFactory(is_staff=True)
    start = timezone.now()
    delegation_create(
        delegator=leader.user,
        delegate=deputy,
        agency=leader.agency,
        role=Role.LEADER,
        starts_at=start,
        ends_at=start + timedelta(days=3),
        reason="Đi công tác",
    )
    grant = user_has_role(deputy, Role.LEADER, leader.agency, at=start + timedelta(hours=1))
    assert grant is not None and grant.on_behalf_of_id == leader.user_id
    assert user_has_role(deputy, Role.LEADER, leader.agency, at=start + timedelta(days=4)) is None


def test_cannot_delegate_a_role_one_does_not_hold():
    clerk = StaffRoleFactory(role=Role.CLERK)
    with pytest.raises(PermissionDenied):
        delegation_create(
            delegator=clerk.user,
            delegate=UserFactory(),
            agency=clerk.agency,
            role=Role.LEADER,
            starts_at=timezone.now(),
            ends_at=timezone.now() + timedelta(days=1),
        )


def test_delegation_period_must_be_ordered():
    leader = StaffRoleFactory(role=Role.LEADER)
    with pytest.raises(ValidationError):
        delegation_create(
            delegator=leader.user,
            delegate=UserFactory(),
            agency=leader.agency,
            role=Role.LEADER,
            starts_at=timezone.now(),
            ends_at=timezone.now() - timedelta(hours=1),
        )


def test_a_revoked_delegation_grants_nothing_and_only_the_delegator_may_revoke():
    from motcua.organizations.services import delegation_revoke

    leader = StaffRoleFactory(role=Role.LEADER)
    deputy = UserFactory(is_staff=True)
    start = timezone.now() - timedelta(hours=1)
    delegation = delegation_create(
        delegator=leader.user,
        delegate=deputy,
        agency=leader.agency,
        role=Role.LEADER,
        starts_at=start,
        ends_at=start + timedelta(days=3),
    )
    assert user_has_role(deputy, Role.LEADER, leader.agency)
    with pytest.raises(PermissionDenied):
        delegation_revoke(delegation, by=deputy)
    delegation_revoke(delegation, by=leader.user)
    assert user_has_role(deputy, Role.LEADER, leader.agency) is None
    delegation.refresh_from_db()
    assert delegation.revoked_by == leader.user and delegation.revoked_at is not None


def test_role_validity_uses_the_vietnamese_date():
    from datetime import UTC, date, datetime

    from motcua.core import clock

    role = StaffRoleFactory(role=Role.DESK_OFFICER, valid_to=date(2026, 11, 28))
    clock.set_now(lambda: datetime(2026, 11, 28, 16, 30, tzinfo=UTC))  # 23:30 on 28 Nov in Vietnam
    assert user_role_grants(role.user)
    clock.set_now(lambda: datetime(2026, 11, 28, 17, 30, tzinfo=UTC))  # 00:30 on 29 Nov in Vietnam
    assert user_role_grants(role.user) == []
