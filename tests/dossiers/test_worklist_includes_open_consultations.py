"""A consulted agency's officer finds the dossier in their worklist until they answer; once only."""

from motcua.dossiers.selectors import dossier_worklist

from .world import act, receive


def test_consulted_officer_sees_the_dossier_until_answering(world, fixed_clock):
    dossier = act(receive(world), "consult", world.officer, agencies=[world.other.identifier])
    assert [d.pk for d in dossier_worklist(world.other_officer)] == [dossier.pk]
    act(dossier, "answer_consultation", world.other_officer, answer="Đồng ý")
    assert dossier_worklist(world.other_officer) == []


def test_a_dossier_matched_twice_is_listed_once(world, fixed_clock):
    dossier = receive(world, officer=world.officer.pk)  # assigned to the officer and at their (agency, role)
    assert [d.pk for d in dossier_worklist(world.officer)] == [dossier.pk]
