"""The applicant says at submission how they want the result; the desk returns it that way unless told
otherwise, and a postal return needs an address."""

import pytest

from motcua.dossiers.errors import InvalidParams
from motcua.dossiers.models import Dossier

from .world import act, receive, submit, to_result


def test_requested_post_is_kept_and_used_at_return(world, fixed_clock):
    dossier = submit(world, return_channel="post", return_address="Số 1 Lê Lợi, Ngô Quyền, Hải Phòng")
    assert dossier.requested_return_channel == "post"
    assert dossier.return_address == "Số 1 Lê Lợi, Ngô Quyền, Hải Phòng"
    dossier = to_result(world, dossier)
    returned = act(dossier, "return_result", world.desk)
    assert returned.return_channel == "post"


def test_the_desk_may_return_another_way(world, fixed_clock):
    dossier = to_result(world, submit(world, return_channel="electronic"))
    assert act(dossier, "return_result", world.desk, return_channel="desk").return_channel == "desk"


def test_without_a_request_online_is_electronic_and_in_person_at_the_desk(world, fixed_clock):
    online = to_result(world, submit(world))
    assert act(online, "return_result", world.desk).return_channel == "electronic"
    desk = to_result(world, receive(world))
    assert desk.requested_return_channel == ""
    assert act(desk, "return_result", world.desk).return_channel == "desk"


def test_post_without_an_address_and_unknown_channels_are_refused(world, fixed_clock):
    with pytest.raises(InvalidParams) as error:
        submit(world, return_channel="post", return_address="  ")
    assert error.value.code == "return_address_required"
    with pytest.raises(InvalidParams) as error:
        submit(world, return_channel="pigeon")
    assert error.value.code == "invalid_return_channel"
    assert not Dossier.objects.exists()


def test_an_address_without_post_is_not_kept(world, fixed_clock):
    dossier = submit(world, return_channel="desk", return_address="Số 1 Lê Lợi")
    assert dossier.requested_return_channel == "desk" and dossier.return_address == ""
