"""The anonymous lookup by code and ID number (the /tra-cuu/ page and the API's public status) shows only
the texts the process defines, never what an officer typed: a reason may name people and carry phone
numbers. The applicant, logged in, still reads the reason addressed to them on their own page."""

import json

import pytest

from motcua.dossiers import lifecycle
from motcua.dossiers.models import Dossier, DossierEvent

from .province import page_client, province  # noqa: F401 (fixture)
from .world import fixed_clock, media_root, vn  # noqa: F401 (fixtures)

REASON = "Đề nghị ông Trần Văn Bình (điện thoại 0987 654 321) nộp lại bản sao giấy khai sinh"
PHONE = "0987 654 321"


def _act(dossier: Dossier, action: str, actor, **params) -> Dossier:
    dossier.refresh_from_db()
    return lifecycle.perform(dossier, action, actor, dossier.version, **params)


def _request_supplement(p, d, clock):
    return _act(d, "request_supplement", p.user("desk"), reason=REASON)


def _refuse(p, d, clock):
    return _act(d, "refuse", p.user("desk"), reason=REASON)


def _stop(p, d, clock):
    return _act(d, "stop", p.user("leader"), reason=REASON)


def _withdraw(p, d, clock):
    return _act(d, "withdraw", p.user("desk"), reason=REASON)


def _reject(p, d, clock):
    d = _act(d, "forward", p.user("officer"))
    return _act(d, "reject", p.user("leader"), reason=REASON)


def _send_back(p, d, clock):
    d = _act(d, "forward", p.user("officer"))
    return _act(d, "send_back", p.user("leader"), reason=REASON, comment=REASON)


def _apologize(p, d, clock):
    clock.set(vn(2026, 3, 5, 15, 0))  # past the due date
    return _act(d, "apologize", p.user("leader"), reason=REASON, new_due_at="2026-03-10T16:00:00+07:00")


# action → (how to get there, does the applicant's page carry the reason)
CASES = {
    "request_supplement": (_request_supplement, True),
    "refuse": (_refuse, True),
    "stop": (_stop, True),
    "withdraw": (_withdraw, True),
    "reject": (_reject, True),
    "apologize": (_apologize, True),
    "send_back": (_send_back, False),  # an internal step: not on the applicant's timeline at all
}


@pytest.mark.parametrize("action", CASES)
def test_public_lookup_shows_only_the_process_texts(province, fixed_clock, action):  # noqa: F811
    perform, on_own_page = CASES[action]
    dossier = perform(province, province.dossiers["commune"], fixed_clock)
    id_number = province.applicant.id_number

    page = page_client(None).post("/tra-cuu/", {"ma": dossier.code, "cccd": id_number})
    assert page.status_code == 200
    html = page.content.decode()
    api = page_client(None).post(
        f"/api/v1/dossiers/{dossier.code}/lookup", {"id_number": id_number}, "application/json"
    )
    assert api.status_code == 200
    public = json.dumps(api.json(), ensure_ascii=False)
    for shown in (html, public):
        assert "Trần Văn Bình" not in shown and PHONE not in shown

    event = DossierEvent.objects.filter(dossier=dossier, action=action).get()
    timeline = [e["text"] for e in api.json()["timeline"]]
    if event.is_public:
        spec_text = lifecycle.ACTIONS[action].public_text
        assert event.public_text == spec_text and spec_text in timeline and spec_text in html
    else:
        assert action not in [e["action"] for e in api.json()["timeline"]]

    own = page_client(province.user("owner")).get(f"/ho-so/{dossier.code}/")
    assert own.status_code == 200
    assert (REASON in own.content.decode()) == on_own_page
