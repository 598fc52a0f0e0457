"""The delegator ends a delegation from the delegations page: from then on the delegate can no longer act
for them; the delegate and other officers cannot revoke it; who revoked it, and when, is recorded."""

from datetime import timedelta

from django.utils import timezone

from motcua.organizations.models import Delegation, Role
from motcua.organizations.services import delegation_create
from tests.dossiers.world import act, receive


def _delegate(world, deputy) -> Delegation:
    start = timezone.now() - timedelta(hours=1)
    return delegation_create(
        delegator=world.leader,
        delegate=deputy,
        agency=world.leader.staff_roles.get(role=Role.LEADER).agency,
        role=Role.LEADER,
        starts_at=start,
        ends_at=start + timedelta(days=7),
        reason="Đi công tác",
    )


def test_the_delegator_revokes_and_the_delegate_can_no_longer_approve(client, world):
    deputy = world.staff(Role.PROCESSING_OFFICER)
    delegation = _delegate(world, deputy)
    client.force_login(world.leader)
    page = client.get("/can-bo/uy-quyen/").content.decode()
    url = f"/can-bo/uy-quyen/{delegation.pk}/thu-hoi/"
    assert f'action="{url}"' in page and "Thu hồi" in page

    response = client.post(url, follow=True)
    assert response.status_code == 200
    assert "Đã thu hồi ủy quyền." in response.content.decode()
    delegation.refresh_from_db()
    assert delegation.revoked_by == world.leader and delegation.revoked_at is not None
    assert f'action="{url}"' not in response.content.decode()  # no button on a revoked delegation

    dossier = act(receive(world), "forward", world.officer)
    client.force_login(deputy)
    response = client.post(
        f"/can-bo/ho-so/{dossier.code}/thao-tac/approve/", {"expected_version": dossier.version}
    )
    assert response.status_code in (403, 422)
    dossier.refresh_from_db()
    assert dossier.state != "approved"


def test_the_delegate_and_strangers_cannot_revoke(client, world):
    deputy = world.staff(Role.PROCESSING_OFFICER)
    delegation = _delegate(world, deputy)
    url = f"/can-bo/uy-quyen/{delegation.pk}/thu-hoi/"
    client.force_login(deputy)
    assert f'action="{url}"' not in client.get("/can-bo/uy-quyen/").content.decode()
    assert client.post(url).status_code == 403
    client.force_login(world.other_officer)
    assert client.post(url).status_code == 404  # not theirs to see
    client.force_login(world.leader)
    assert client.get(url).status_code == 405
    delegation.refresh_from_db()
    assert delegation.revoked_at is None
