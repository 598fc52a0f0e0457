"""The applicant's API view of their own dossier is the portal's (/ho-so/<code>/): the public events with
their public text and the reason addressed to them, without officers' names and internal comments, and
without other agencies' consultation answers. Staff who may see the dossier keep the full view."""

import json

from django.test import Client

from tests.dossiers.world import act, submit

from .test_dossier_full_life import Caller

INTERNAL = "NỘI BỘ: nghi giả mạo, báo công an 0912000111"
ANSWER = "Đồng ý, không vướng quy hoạch"
REASON = "Thiếu bản sao giấy chứng sinh có chứng thực"


def _officer_names(world) -> list[str]:
    return [u.get_full_name() or u.username for u in (world.desk, world.officer, world.other_officer)]


def test_the_applicant_gets_no_internal_comment_name_or_consultation(world, fixed_clock):
    dossier = act(submit(world), "receive", world.desk, comment=INTERNAL)
    dossier = act(dossier, "consult", world.officer, agencies=[world.other.identifier], comment=INTERNAL)
    dossier = act(dossier, "answer_consultation", world.other_officer, answer=ANSWER)

    citizen = Caller(world.citizen)
    events = citizen.get(f"/api/v1/dossiers/{dossier.code}/events")
    detail = citizen.get(f"/api/v1/dossiers/{dossier.code}")
    assert events.status_code == detail.status_code == 200
    shown = json.dumps([events.json(), detail.json()], ensure_ascii=False)
    assert INTERNAL not in shown and ANSWER not in shown
    for name in _officer_names(world):
        assert name not in shown
    assert detail.json()["consultations"] == []
    rows = events.json()["events"]
    assert rows and all(e["is_public"] and e["comment"] == "" and e["actor_id"] is None for e in rows)

    portal = Client()
    portal.force_login(world.citizen)
    page = portal.get(f"/ho-so/{dossier.code}/").content.decode()
    for e in rows:  # the same timeline as the portal's page
        assert e["public_text"] in page

    staff = json.dumps(
        [
            Caller(world.officer).get(f"/api/v1/dossiers/{dossier.code}/events").json(),
            Caller(world.officer).get(f"/api/v1/dossiers/{dossier.code}").json(),
        ],
        ensure_ascii=False,
    )
    assert INTERNAL in staff and ANSWER in staff


def test_the_applicant_gets_the_reason_addressed_to_them(world, fixed_clock):
    dossier = act(submit(world), "request_supplement", world.desk, reason=REASON, comment=INTERNAL)
    rows = Caller(world.citizen).get(f"/api/v1/dossiers/{dossier.code}/events").json()["events"]
    request = [e for e in rows if e["action"] == "request_supplement"]
    assert len(request) == 1 and request[0]["data"]["reason"] == REASON
    assert INTERNAL not in json.dumps(rows, ensure_ascii=False)
