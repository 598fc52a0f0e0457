"""An applicant whose first dossier was returned electronically with an e-result, which is in their
store; a second applicant with a store of their own."""

from tests.dossiers.world import act, issued, make_world, receive, submit
from tests.factories.organizations import ApplicantFactory, UserFactory


def returned_with_e_result(world):
    dossier = submit(world)
    dossier = act(receive(world, dossier), "forward", world.officer)
    dossier = act(dossier, "approve", world.leader)
    dossier = act(dossier, "issue_result", world.clerk, **issued("15/GXN", name="Bản sao CCCD"))
    return act(dossier, "return_result", world.desk, return_channel="electronic")


def store_world():
    world = make_world()
    world.first = returned_with_e_result(world)
    world.stranger_user = UserFactory(username="nguoikhac")
    world.stranger = ApplicantFactory(user=world.stranger_user)
    return world
