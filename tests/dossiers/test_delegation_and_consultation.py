import pytest

from motcua.dossiers import lifecycle
from motcua.dossiers.errors import DossierForbidden, InvalidState
from motcua.organizations.models import Role
from motcua.organizations.services import delegation_create
from tests.factories.organizations import UserFactory

from .world import act, receive, vn


def test_a_delegate_approves_on_behalf_of_the_leader(world, fixed_clock):
    deputy = UserFactory()
    delegation_create(
        delegator=world.leader,
        delegate=deputy,
        agency=world.department,
        role=Role.LEADER,
        starts_at=vn(2026, 3, 1),
        ends_at=vn(2026, 3, 10),
    )
    dossier = act(receive(world), "forward", world.officer)
    dossier = act(dossier, "approve", deputy)
    event = dossier.events.order_by("-seq").first()
    assert event.actor == deputy and event.on_behalf_of == world.leader and event.role == Role.LEADER


def test_an_expired_delegation_gives_nothing(world, fixed_clock):
    deputy = UserFactory()
    delegation_create(
        delegator=world.leader,
        delegate=deputy,
        agency=world.department,
        role=Role.LEADER,
        starts_at=vn(2026, 2, 1),
        ends_at=vn(2026, 2, 10),
    )
    dossier = act(receive(world), "forward", world.officer)
    with pytest.raises(DossierForbidden):
        lifecycle.perform(dossier, "approve", deputy, dossier.version)


def test_an_assigned_officer_keeps_the_dossier_for_themselves(world, fixed_clock):
    colleague = world.staff(Role.PROCESSING_OFFICER)
    dossier = receive(world, officer=world.officer.pk)
    assert dossier.assigned_officer == world.officer
    with pytest.raises(DossierForbidden):
        lifecycle.perform(dossier, "forward", colleague, dossier.version)


def test_open_consultations_block_the_step_until_every_agency_answers(world, fixed_clock):
    third = world.staff(Role.PROCESSING_OFFICER, world.centre)
    dossier = act(
        receive(world), "consult", world.officer, agencies=[world.other.identifier, world.centre.identifier]
    )
    assert dossier.consultations.count() == 2
    with pytest.raises(InvalidState) as info:
        lifecycle.perform(dossier, "forward", world.officer, dossier.version)
    assert info.value.code == "requirements_missing"
    dossier = act(dossier, "answer_consultation", world.other_officer, answer="Đồng ý")
    with pytest.raises(InvalidState):
        lifecycle.perform(dossier, "forward", world.officer, dossier.version)
    dossier = act(dossier, "answer_consultation", third, answer="Không có ý kiến")
    dossier = act(dossier, "forward", world.officer)
    assert dossier.current_step == "trinh-lanh-dao"


def test_transfer_repins_the_process_and_routes_to_the_new_agency(world, fixed_clock):
    dossier = act(receive(world), "transfer", world.desk, competent_agency=world.other.identifier)
    assert dossier.competent_agency == world.other and dossier.current_agency == world.other
    dossier = act(dossier, "forward", world.other_officer)
    assert dossier.current_step == "trinh-lanh-dao"
    assert dossier.events.order_by("-seq")[1].data["to_agency"] == world.other.identifier


def test_reject_ends_with_a_refusal_result_to_return(world, fixed_clock):
    dossier = act(receive(world), "forward", world.officer)
    dossier = act(dossier, "reject", world.leader, reason="Không đủ điều kiện")
    assert (dossier.state, dossier.outcome, dossier.national_status) == ("result_ready", "rejected", 9)
    dossier = act(dossier, "return_result", world.desk, return_channel="post")
    assert dossier.national_status == 10 and dossier.return_channel == "post"
