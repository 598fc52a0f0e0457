"""A new dossier's references — the procedure in force, its agencies, the applicant, the process in force
— are read in one statement (dossiers/references.py), and are the same as the separate lookups give; a
guess that misses (a new version with another default agency) is read by those lookups, never served
stale."""

from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext

from motcua.catalog.services import procedure_publish
from motcua.catalog.spec import FeeSpec, TimeSpec
from motcua.core.choices import Channel
from motcua.dossiers import references
from motcua.workflow.runner import definition_for
from tests.factories.catalog import procedure_spec

from .world import receive


def _params(world, **extra) -> dict:
    return {"procedure": world.procedure.code, "applicant": world.applicant.pk, **extra}


def test_one_statement_gives_what_the_lookups_give(world, fixed_clock):
    receive(world)  # the version in force has been seen
    with CaptureQueriesContext(connection) as queries:
        refs = references.read(_params(world, competent_agency=world.department.identifier))
        agencies = refs.agencies({"competent": world.department.identifier, "receiving": world.centre.pk})
        applicant = refs.applicant(world.applicant.pk)
        process = refs.definition(world.department.pk)
    assert len(queries) == 1, [q["sql"][:80] for q in queries]
    assert agencies == {"competent": world.department, "receiving": world.centre}
    assert agencies["receiving"].name == world.centre.name
    assert (applicant.pk, applicant.full_name, applicant.id_number) == (
        world.applicant.pk,
        world.applicant.full_name,
        world.applicant.id_number,
    )
    expected = definition_for(refs.rules, world.department.pk)
    assert (process.pk, process.uid) == (expected.pk, expected.uid)


def test_unknown_references_are_none_not_guesses(world, fixed_clock):
    refs = references.read(_params(world, competent_agency="000.99.99.H99"))
    assert refs.agencies({"competent": "000.99.99.H99"}) == {"competent": None}
    refs = references.read({**_params(world), "applicant": 10**6})
    assert refs.applicant(10**6) is None


def test_a_new_version_with_another_receiving_agency_is_read_afresh(world, fixed_clock):
    references.read(_params(world))  # v1 seen: its only receiving agency is the centre
    procedure_publish(
        procedure_spec(
            code=world.procedure.code,
            competent_agencies=(world.department.identifier,),
            receiving_agencies=(world.other.identifier,),
            times=(TimeSpec(channel=Channel.IN_PERSON, value=Decimal(5)),),
            fees=(FeeSpec(amount=12000),),
        )
    )
    refs = references.read(_params(world))
    assert refs.rules.receiving_ids == (world.other.pk,)
    found = refs.agencies(
        {"receiving": refs.rules.receiving_ids[0], "competent": refs.rules.competent_ids[0]}
    )
    assert found == {"receiving": world.other, "competent": world.department}
