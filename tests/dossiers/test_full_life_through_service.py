from motcua.dossiers.models import DossierEvent, OutboxMessage

from .world import act, submit, to_result


def test_online_dossier_goes_from_submission_to_returned_result(world, fixed_clock):
    dossier = submit(world)
    assert dossier.state == "submitted" and dossier.national_status == 1
    assert dossier.code.startswith(f"{world.centre.identifier}-260302-")
    dossier = to_result(world, dossier)
    assert dossier.state == "result_ready" and dossier.national_status == 9
    dossier = act(dossier, "return_result", world.desk)
    assert dossier.state == "returned" and dossier.national_status == 10
    actions = list(DossierEvent.objects.filter(dossier=dossier).values_list("action", flat=True))
    assert actions == ["submit", "receive", "forward", "approve", "issue_result", "return_result"]
    assert OutboxMessage.objects.filter(key=dossier.code).count() == 6
    assert dossier.version == 6
