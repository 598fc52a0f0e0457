"""A dossier world with signing certificates: the department (competent) and the centre (receiving)
hold development certificates issued by the test CA."""

from tests.dossiers.world import act, make_world, receive
from tests.factories.signing import certify_agency


def signing_world():
    world = make_world()
    for agency in (world.department, world.centre):
        certify_agency(agency)
    return world


def approved(world):
    return act(act(receive(world), "forward", world.officer), "approve", world.leader)


def signed_result(world, dossier=None, **params):
    """The leader signs a result generated from the template; returns (dossier, SignedDocument)."""
    from motcua.results.models import SignedDocument

    dossier = dossier or approved(world)
    params.setdefault("number", "15/GXN")
    params.setdefault("generate", True)
    dossier = act(dossier, "sign_result", world.leader, **params)
    return dossier, SignedDocument.objects.get(pk=dossier.events.order_by("-seq")[0].data["signed_document"])
