"""Codes: <receiving agency identifier>-<yyMMdd>-<NNNN>, a sequence per agency and local day."""

from motcua.dossiers.lifecycle import allocate_code
from motcua.dossiers.models import DossierCodeCounter

from .world import receive, submit, vn


def test_code_uses_receiving_agency_and_local_day(world, fixed_clock):
    fixed_clock.set(vn(2026, 3, 2, 6, 30))  # 23:30 UTC on 1 March, already 2 March in Vietnam
    dossier = receive(world)
    assert dossier.code == f"{world.centre.identifier}-260302-0001"


def test_sequence_runs_per_agency_and_restarts_each_day(world, fixed_clock):
    first, second = receive(world), submit(world)
    assert [first.code[-4:], second.code[-4:]] == ["0001", "0002"]
    assert allocate_code(world.other, vn(2026, 3, 2, 10)).endswith("-260302-0001")
    fixed_clock.set(vn(2026, 3, 3, 8, 5))
    assert receive(world).code == f"{world.centre.identifier}-260303-0001"


def test_more_than_four_digits_when_a_day_exceeds_9999(world, fixed_clock):
    DossierCodeCounter.objects.create(agency=world.centre, day=vn(2026, 3, 2).date(), last=9999)
    assert receive(world).code.endswith("-260302-10000")
