"""Who reads statistics follows the role's window, through the session and through a bearer token
(whose grants ride in the token's own statement, api/auth.py): a leader whose role ended yesterday or
starts tomorrow reads nothing (403), on the last day they still read their unit; a leader's delegate
reads the delegator's unit only inside the delegation's window and never another unit."""

from datetime import date, timedelta

import pytest
from django.test import Client

from motcua.api.auth import token_issue
from motcua.core import clock
from motcua.organizations.models import Role, StaffRole

PATH = "/api/v1/reports/summary?from=2026-03-01&to=2026-03-31"


def _by_token(user, path=PATH):
    _, clear = token_issue(user)
    return Client().get(path, headers={"Authorization": f"Bearer {clear}"})


def _by_session(user, path=PATH):
    client = Client()
    client.force_login(user)
    return client.get(path)


@pytest.mark.parametrize("read", [_by_token, _by_session], ids=["token", "session"])
@pytest.mark.parametrize(
    "valid_from, valid_to, allowed",
    [
        (None, date(2026, 3, 1), False),  # ended yesterday
        (date(2026, 3, 3), None, False),  # starts tomorrow
        (None, date(2026, 3, 2), True),  # today is the last day
    ],
)
def test_a_leader_reads_statistics_only_inside_the_role_window(
    world, fixed_clock, read, valid_from, valid_to, allowed
):
    StaffRole.objects.filter(user=world.leader, role=Role.LEADER).update(
        valid_from=valid_from, valid_to=valid_to
    )
    response = read(world.leader)
    assert response.status_code == (200 if allowed else 403), response.content
    page = _by_session(world.leader, "/can-bo/thong-ke/")  # pages are read with the session only
    assert page.status_code == (200 if allowed else 403)


@pytest.mark.parametrize("read", [_by_token, _by_session], ids=["token", "session"])
def test_a_delegate_reads_the_delegator_s_unit_only_inside_the_window(world, fixed_clock, read):
    deputy = world.staff(Role.PROCESSING_OFFICER)
    start = clock.now() + timedelta(hours=1)
    world.leader_delegates(deputy, start, start + timedelta(hours=2))
    assert read(deputy).status_code == 403
    fixed_clock.set(start)
    assert read(deputy).status_code == 200
    assert read(deputy, PATH + f"&agency={world.department.identifier}").status_code == 200
    assert read(deputy, PATH + f"&agency={world.other.identifier}").status_code == 403
    fixed_clock.set(start + timedelta(hours=2))
    assert read(deputy).status_code == 403
