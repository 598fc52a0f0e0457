"""The grants read with the bearer token (one statement, api/auth.py) are exactly the grants read on
their own (`user_role_grants` without the token's rows): a role that ended yesterday or starts tomorrow,
a delegation before, inside and after its window, a revoked one, around Vietnamese midnight (validity
days are Hà Nội days, not UTC ones). An action outside a window is refused through the token as it is
through the service."""

import json
from datetime import date, timedelta

import pytest
from django.test import Client

from motcua.api.auth import token_issue, token_user
from motcua.core import clock
from motcua.organizations.models import Role, StaffRole, User
from motcua.organizations.selectors import user_role_grants
from tests.dossiers.world import submit, vn

pytestmark = pytest.mark.django_db


def _both(clear: str, user_pk: int):
    via_token = token_user(clear)
    fresh = User.objects.get(pk=user_pk)
    assert via_token is not None
    return user_role_grants(via_token), user_role_grants(fresh)


MOMENTS = [
    vn(2026, 3, 2, 9, 0),
    vn(2026, 3, 2, 23, 59, 59),  # 16:59 UTC: still the 2nd in Hà Nội
    vn(2026, 3, 3, 0, 0, 1),  # 17:00 UTC on the 2nd: already the 3rd in Hà Nội
    vn(2026, 3, 3, 6, 59),  # still the 2nd in UTC
    vn(2026, 3, 4, 12, 0),
]


@pytest.mark.parametrize("at", MOMENTS, ids=lambda m: m.isoformat())
def test_role_windows_and_delegations_read_with_the_token_equal_a_fresh_read(world, fixed_clock, at):
    desk = world.desk
    role = StaffRole.objects.get(user=desk, role=Role.DESK_OFFICER)
    role.valid_to = date(2026, 3, 2)  # last day: Monday the 2nd (Hà Nội)
    role.save()
    StaffRole.objects.create(
        user=desk, agency=world.other, role=Role.DESK_OFFICER, valid_from=date(2026, 3, 3)
    )
    StaffRole.objects.create(
        user=desk,
        agency=world.department,
        role=Role.CLERK,
        valid_from=date(2026, 3, 2),
        valid_to=date(2026, 3, 2),
    )
    window_start = vn(2026, 3, 2, 23, 30)
    world.leader_delegates(desk, window_start, window_start + timedelta(hours=1))
    world.leader_delegates(
        desk, vn(2026, 3, 1), vn(2026, 3, 10), agency=world.other, revoked_at=vn(2026, 3, 1, 12)
    )
    _, clear = token_issue(desk)
    fixed_clock.set(at)
    via_token, fresh = _both(clear, desk.pk)
    assert via_token == fresh
    # and the windows mean what they say
    day = at.date()
    keys = {(g.agency_id, g.role, g.on_behalf_of_id) for g in via_token}
    assert ((world.centre.pk, Role.DESK_OFFICER, None) in keys) == (day <= date(2026, 3, 2))
    assert ((world.other.pk, Role.DESK_OFFICER, None) in keys) == (day >= date(2026, 3, 3))
    assert ((world.department.pk, Role.CLERK, None) in keys) == (day == date(2026, 3, 2))
    in_window = window_start <= at < window_start + timedelta(hours=1)
    assert ((world.department.pk, Role.LEADER, world.leader.pk) in keys) == in_window
    assert not any(g.agency_id == world.other.pk and g.role == Role.LEADER for g in via_token)


def _receive_via_token(clear: str, dossier) -> int:
    response = Client().post(
        f"/api/v1/dossiers/{dossier.code}/actions/receive",
        json.dumps({"expected_version": dossier.version}),
        content_type="application/json",
        headers={"Authorization": f"Bearer {clear}"},
    )
    return response.status_code


@pytest.mark.parametrize(
    "valid_from, valid_to, allowed",
    [
        (None, date(2026, 3, 1), False),  # ended yesterday
        (date(2026, 3, 3), None, False),  # starts tomorrow
        (date(2026, 3, 2), date(2026, 3, 2), True),  # today only
    ],
)
def test_an_action_through_the_token_follows_the_role_window(
    world, fixed_clock, valid_from, valid_to, allowed
):
    dossier = submit(world)
    StaffRole.objects.filter(user=world.desk, role=Role.DESK_OFFICER).update(
        valid_from=valid_from, valid_to=valid_to
    )
    _, clear = token_issue(world.desk)
    status = _receive_via_token(clear, dossier)
    assert (status == 200) == allowed, status
    if not allowed:
        assert status in (403, 404)


def test_a_deactivated_user_s_token_is_refused(world, fixed_clock):
    _, clear = token_issue(world.desk)
    assert token_user(clear) is not None
    User.objects.filter(pk=world.desk.pk).update(is_active=False)
    response = Client().get("/api/v1/dossiers", headers={"Authorization": f"Bearer {clear}"})
    assert response.status_code == 401 and response.json()["code"] == "invalid_token"


def test_a_delegation_outside_its_window_cannot_approve_through_the_token(world, fixed_clock):
    deputy = world.staff(Role.PROCESSING_OFFICER, world.other)
    start = clock.now() + timedelta(days=1)
    world.leader_delegates(deputy, start, start + timedelta(days=1))
    _, clear = token_issue(deputy)
    assert not any(g.role == Role.LEADER for g in user_role_grants(token_user(clear)))
    fixed_clock.set(start + timedelta(hours=1))
    assert any(g.role == Role.LEADER for g in user_role_grants(token_user(clear)))
    fixed_clock.set(start + timedelta(days=1))
    assert not any(g.role == Role.LEADER for g in user_role_grants(token_user(clear)))
