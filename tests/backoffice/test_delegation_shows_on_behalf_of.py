"""A leader delegates approval for a period; the delegate approves and the history says "on behalf of"."""

from motcua.organizations.models import Delegation, Role
from tests.dossiers.world import act, receive


def test_leader_delegates_and_the_delegate_approves_on_behalf(login, world):
    deputy = world.staff(Role.PROCESSING_OFFICER)
    client = login(world.leader)
    page = client.get("/can-bo/uy-quyen/")
    assert page.status_code == 200
    grant = world.leader.staff_roles.get(role=Role.LEADER)
    response = client.post(
        "/can-bo/uy-quyen/",
        {
            "grant": grant.pk,
            "delegate": deputy.pk,
            "starts_at": "2020-01-01T08:00",
            "ends_at": "2099-01-01T08:00",
            "reason": "Đi công tác",
        },
    )
    assert response.status_code == 302
    delegation = Delegation.objects.get()
    assert delegation.delegate == deputy and delegation.role == Role.LEADER

    dossier = receive(world)
    act(dossier, "forward", world.officer)
    dossier.refresh_from_db()
    deputy_client = login(deputy)
    response = deputy_client.post(
        f"/can-bo/ho-so/{dossier.code}/thao-tac/approve/", {"expected_version": dossier.version}
    )
    assert response.status_code == 302
    event = dossier.events.order_by("-seq").first()
    assert event.action == "approve" and event.on_behalf_of == world.leader
    html = deputy_client.get(f"/can-bo/ho-so/{dossier.code}/").content.decode()
    assert f"thay mặt {world.leader}" in html


def test_only_own_roles_can_be_delegated(login, world):
    client = login(world.officer)
    other_grant = world.leader.staff_roles.get()
    response = client.post(
        "/can-bo/uy-quyen/",
        {
            "grant": other_grant.pk,
            "delegate": world.clerk.pk,
            "starts_at": "2026-01-01T08:00",
            "ends_at": "2026-02-01T08:00",
        },
    )
    assert response.status_code == 422
    assert not Delegation.objects.exists()


def test_end_before_start_is_refused(login, world):
    client = login(world.leader)
    grant = world.leader.staff_roles.get()
    response = client.post(
        "/can-bo/uy-quyen/",
        {
            "grant": grant.pk,
            "delegate": world.officer.pk,
            "starts_at": "2026-02-01T08:00",
            "ends_at": "2026-01-01T08:00",
        },
    )
    assert response.status_code == 422
    assert not Delegation.objects.exists()
