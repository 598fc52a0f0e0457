"""An applicant's account files online only: declaring in person, post or the national portal is
refused (403 channel_not_allowed); those channels are the desk's. The desk in turn never types in an
"online" dossier, and receives only paper."""

import pytest

from motcua.dossiers import lifecycle
from motcua.dossiers.models import Dossier
from motcua.dossiers.submission import ChannelNotAllowed, allowed_channels

from .doors import problem

APPLICANT_VI = "Người nộp chỉ nộp hồ sơ trực tuyến"
APPLICANT_EN = "Applicants submit online only"


@pytest.mark.parametrize("channel", ["in_person", "post", "national_portal"])
def test_a_citizen_may_not_declare_a_desk_channel(doors, channel):
    body = problem(doors.api_submit(channel=channel), 403, "channel_not_allowed")
    assert body["detail"].startswith(APPLICANT_VI) and body["detail_en"].startswith(APPLICANT_EN)
    assert body["channel"] == channel
    assert not Dossier.objects.exists()


def test_the_same_refusal_through_the_service(doors):
    w = doors.world
    with pytest.raises(ChannelNotAllowed) as refused:
        lifecycle.perform(
            None, "submit", w.citizen, **{**doors.body(channel="post"), "procedure": w.procedure.code}
        )
    assert refused.value.status == 403 and refused.value.message_en.startswith(APPLICANT_EN)


def test_the_desk_registers_paper_and_national_portal_but_not_online(doors):
    for channel in ("post", "in_person"):
        response = doors.api_desk_register(channel=channel)
        assert response.status_code == 201, (channel, response.content)
    # a national-portal dossier is online: its documents arrived with it (here: from the store)
    store = [{"position": p, "reused_from_store": True} for p in (1, 2, 3)]
    response = doors.api_desk_register(channel="national_portal", components=store)
    assert response.status_code == 201, response.content
    body = problem(doors.api_desk_register(channel="online"), 403, "channel_not_allowed")
    assert body["detail_en"] == "Online dossiers are submitted by the applicant only."


def test_the_table_of_channels():
    assert allowed_channels("submit", as_applicant=True) == {"online"}
    assert allowed_channels("receive", as_applicant=True) == set()
    assert allowed_channels("receive", as_applicant=False) == {"in_person", "post"}
    assert allowed_channels("submit", as_applicant=False) == {"in_person", "post", "national_portal"}
