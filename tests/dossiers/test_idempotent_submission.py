from motcua.dossiers.models import Dossier, DossierEvent

from .world import submit, with_files


def test_same_user_and_key_returns_the_same_dossier(world, fixed_clock):
    first = submit(world, idempotency_key="abc")
    again = submit(world, idempotency_key="abc")
    assert again.pk == first.pk and again.replayed
    assert Dossier.objects.count() == 1 and DossierEvent.objects.count() == 1


def test_another_key_makes_another_dossier(world, fixed_clock):
    assert submit(world, idempotency_key="a").pk != submit(world, idempotency_key="b").pk
    assert submit(world).pk != submit(world).pk  # no key: every call is a new submission


def test_service_functions_are_doors_into_the_lifecycle(world, fixed_clock):
    from motcua.dossiers import services

    dossier = services.dossier_submit(
        None,
        world.citizen,
        procedure=world.procedure.code,
        competent_agency=world.department.identifier,
        eform_data={"ho_ten": "Lê Văn Cường"},
        components=with_files([{"position": 1}, {"position": 2}]),
    )
    dossier = services.dossier_receive(dossier, world.desk, dossier.version)
    assert dossier.state == "received" and services.dossier_receive.__name__ == "dossier_receive"
