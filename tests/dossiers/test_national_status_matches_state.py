import pytest
from django.db import IntegrityError, transaction

from motcua.dossiers.models import Dossier
from motcua.dossiers.states import NATIONAL_STATUS, State

from .world import submit


def test_every_state_maps_to_a_national_code_from_1_to_10():
    assert set(NATIONAL_STATUS) == set(State.values)
    assert set(NATIONAL_STATUS.values()) == set(range(1, 11))


def test_the_database_refuses_a_state_and_code_that_disagree(world, fixed_clock):
    dossier = submit(world)
    with pytest.raises(IntegrityError), transaction.atomic():
        Dossier.objects.filter(pk=dossier.pk).update(state=State.PROCESSING, national_status=2)
