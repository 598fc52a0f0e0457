"""A portal that already has the dossier answers "already exists" to an insert: the connector sends
the record as an update instead — one dossier there, never a duplicate — and the other way round."""

from ..dossiers.world import receive
from .portal import drain_until_empty


def test_already_exists_turns_into_update(world, fake_portal, relay):
    dossier = receive(world)
    fake_portal.state.dossiers[dossier.code] = {"MaHoSo": dossier.code, "TrangThaiHoSo": "1"}  # known there
    drain_until_empty(relay)
    flags = [c["isUpdating"] for c in fake_portal.calls_of("DongBoHoSoMC")]
    assert flags == ["False", "True"]
    assert list(fake_portal.state.dossiers) == [dossier.code]
    assert fake_portal.state.dossiers[dossier.code]["TrangThaiHoSo"] == "2"


def test_update_of_an_unknown_dossier_turns_into_insert(world, fake_portal, relay):
    from ..dossiers.world import act

    dossier = receive(world)
    act(dossier, "request_supplement", world.officer, reason="Thiếu tờ khai")
    drain_until_empty(relay)
    fake_portal.state.dossiers.clear()  # the portal lost it
    fake_portal.state.seen.clear()
    act(dossier, "supplement", world.desk)
    drain_until_empty(relay)
    assert [c["isUpdating"] for c in fake_portal.calls_of("DongBoHoSoMC")] == [
        "False",
        "True",
        "True",
        "False",
    ]
    assert fake_portal.state.dossiers[dossier.code]["TrangThaiHoSo"] == "2"


def test_a_refusal_code_is_retried_by_code_not_by_message(world, fake_portal, relay):
    from motcua.dossiers.models import OutboxMessage

    receive(world)
    fake_portal.fail_next(1, error_code="99")
    relay.drain()
    message = OutboxMessage.objects.get()
    assert message.last_error_code == "dvcqg:error_code:99"
    assert message.attempts == 1
    drain_until_empty(relay)
