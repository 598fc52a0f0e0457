"""A financial obligation is a positive whole number of đồng up to lifecycle.MAX_AMOUNT_DONG, whichever
door sets it: the desk page refused nothing up to 2^63 − 1 while the API stopped at 10 billion."""

import pytest

from motcua.dossiers import lifecycle
from motcua.dossiers.errors import InvalidParams
from motcua.dossiers.models import Dossier, DossierFee
from tests.dossiers.world import receive

from .test_processing_page_and_actions import post


@pytest.mark.parametrize("amount", ["9223372036854775807", str(lifecycle.MAX_AMOUNT_DONG + 1), "0"])
def test_the_page_refuses_an_amount_out_of_range(login, world, amount):
    dossier = receive(world)
    response = post(login(world.officer), dossier, "request_payment", amount=amount)
    assert response.status_code in (400, 422)
    assert "Số tiền phải là số nguyên dương" in response.content.decode()
    assert Dossier.objects.get(pk=dossier.pk).state == dossier.state
    assert not DossierFee.objects.filter(dossier=dossier, kind="obligation").exists()


def test_the_lifecycle_refuses_it_and_takes_the_largest(world):
    dossier = receive(world)
    with pytest.raises(InvalidParams) as refused:
        lifecycle.perform(
            dossier, "request_payment", world.officer, dossier.version, amount=lifecycle.MAX_AMOUNT_DONG + 1
        )
    assert refused.value.code == "invalid_amount"
    done = lifecycle.perform(
        dossier, "request_payment", world.officer, dossier.version, amount=lifecycle.MAX_AMOUNT_DONG
    )
    assert done.state == "payment_requested"
    assert DossierFee.objects.get(dossier=dossier, kind="obligation").amount == lifecycle.MAX_AMOUNT_DONG
