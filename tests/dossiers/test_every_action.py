"""Every lifecycle action: its happy path, and its refusals for the wrong role, another agency,
the wrong state and a stale version. The national status code is checked after every action."""

from dataclasses import dataclass, field

import pytest

from motcua.dossiers import lifecycle
from motcua.dossiers.errors import DossierConflict, DossierForbidden, InvalidState
from motcua.dossiers.models import Dossier, DossierEvent, OutboxMessage
from motcua.dossiers.states import national_status_for
from motcua.organizations.models import Role
from tests.factories.signing import certify_agency, real_pdf

from .world import act, issued, pdf, receive, submit, to_result, vn


def at_thu_ly(w):
    return receive(w)


def at_leader(w):
    return act(receive(w), "forward", w.officer)


def approved(w):
    return act(at_leader(w), "approve", w.leader)


def supplement_requested(w):
    return act(receive(w), "request_supplement", w.officer, reason="Thiếu bản sao CCCD")


def payment_requested(w):
    return act(receive(w), "request_payment", w.officer)


def consulting(w):
    return act(
        receive(w), "consult", w.officer, agencies=[w.other.identifier], question="Ý kiến về quy hoạch?"
    )


def result_ready(w):
    return to_result(w, receive(w))


def late(w):
    dossier = receive(w)
    w.clock.set(vn(2026, 3, 6, 9, 0))  # received Monday 09:00 with 3 working days: due Thursday 09:00
    return dossier


@dataclass
class Case:
    action: str
    prepare: object
    actor: str
    expect_state: str
    params: dict = field(default_factory=dict)
    wrong_role: str = ""
    other_agency: str = ""
    wrong_state: tuple = ()  # (prepare, actor)


CASES = [
    Case("receive", submit, "desk", "received", {}, "centre_leader", "other_desk", (at_thu_ly, "desk")),
    Case(
        "request_supplement",
        at_thu_ly,
        "officer",
        "supplement_requested",
        {"reason": "Thiếu tờ khai"},
        "leader",
        "other_officer",
        (result_ready, "desk"),
    ),
    Case(
        "supplement",
        supplement_requested,
        "citizen",
        "received",
        {},
        "officer",
        "other_desk",
        (at_thu_ly, "citizen"),
    ),
    Case(
        "refuse",
        submit,
        "desk",
        "refused",
        {"reason": "Không thuộc thẩm quyền"},
        "centre_leader",
        "other_desk",
        (result_ready, "desk"),
    ),
    Case(
        "transfer",
        at_thu_ly,
        "desk",
        "received",
        {"competent_agency": "@other"},
        "officer",
        "other_desk",
        (result_ready, "desk"),
    ),
    Case("forward", at_thu_ly, "officer", "processing", {}, "leader", "other_officer", (submit, "officer")),
    Case(
        "send_back",
        at_leader,
        "leader",
        "processing",
        {"reason": "Bổ sung thẩm định"},
        "officer",
        "other_leader",
        (submit, "leader"),
    ),
    Case(
        "consult",
        at_thu_ly,
        "officer",
        "processing",
        {"agencies": ["@other"]},
        "leader",
        "other_officer",
        (result_ready, "desk"),
    ),
    Case(
        "answer_consultation",
        consulting,
        "other_officer",
        "processing",
        {"answer": "Đồng ý"},
        "other_clerk",
        "officer",
        (lambda w: act(consulting(w), "request_supplement", w.officer, reason="x"), "other_officer"),
    ),
    Case(
        "request_payment",
        at_thu_ly,
        "officer",
        "payment_requested",
        {},
        "leader",
        "other_officer",
        (at_leader, "leader"),
    ),
    Case(
        "pay",
        payment_requested,
        "citizen",
        "received",
        {"reference": "VNPAY-1"},
        "officer",
        "other_desk",
        (at_thu_ly, "citizen"),
    ),
    Case("approve", at_leader, "leader", "approved", {}, "officer", "other_leader", (at_thu_ly, "officer")),
    Case(
        "reject",
        at_leader,
        "leader",
        "result_ready",
        {"reason": "Không đủ điều kiện"},
        "officer",
        "other_leader",
        (at_thu_ly, "officer"),
    ),
    Case(
        "issue_result",
        approved,
        "clerk",
        "result_ready",
        issued("01/GXN"),
        "leader",
        "other_clerk",
        (at_thu_ly, "officer"),
    ),
    Case(
        "sign_result",
        approved,
        "leader",
        "approved",
        {"number": "02/GXN", "signer": "Trần Văn Lãnh", "file": real_pdf()},
        "clerk",
        "other_leader",
        (at_thu_ly, "leader"),
    ),
    Case(
        "digitise",
        at_thu_ly,
        "desk",
        "received",
        {"components": [{"position": 1, "pages": 2, "original_seen": True, "files": [pdf("to-khai.pdf")]}]},
        "officer",
        "other_desk",
        (submit, "desk"),
    ),
    Case(
        "return_result", result_ready, "desk", "returned", {}, "centre_leader", "other_desk", (submit, "desk")
    ),
    Case(
        "withdraw",
        at_thu_ly,
        "citizen",
        "withdrawn",
        {"reason": "Không còn nhu cầu"},
        "officer",
        "other_desk",
        (result_ready, "citizen"),
    ),
    Case(
        "stop",
        at_thu_ly,
        "leader",
        "stopped",
        {"reason": "Có tranh chấp"},
        "officer",
        "other_leader",
        (submit, "leader"),
    ),
    Case(
        "apologize",
        late,
        "leader",
        "received",
        {"reason": "Chờ xác minh", "new_due_at": "2026-03-12T16:00:00+07:00"},
        "clerk",
        "other_leader",
        (submit, "leader"),
    ),
    Case(
        "recompute_due",
        at_thu_ly,
        "calendar_admin",
        "received",
        {"notice": "1/TB-BNV"},
        "desk",
        "other_desk",
        (submit, "calendar_admin"),
    ),
]
IDS = [c.action for c in CASES]


@pytest.fixture
def cast(world, fixed_clock):
    world.clock = fixed_clock
    world.centre_leader = world.staff(Role.LEADER, world.centre)
    world.other_leader = world.staff(Role.LEADER, world.other)
    world.other_clerk = world.staff(Role.CLERK, world.other)
    world.calendar_admin = _calendar_admin()
    for agency in (world.department, world.centre, world.other):
        certify_agency(agency)
    return world


def _calendar_admin():
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Permission

    user = get_user_model().objects.create_user("quantrilich", password="x-Mat-khau-1")
    user.user_permissions.add(Permission.objects.get(codename="change_notice"))
    return get_user_model().objects.get(pk=user.pk)


def _params(world, params):
    return {
        k: ([world.other.identifier] if v == ["@other"] else world.other.identifier if v == "@other" else v)
        for k, v in params.items()
    }


def _perform(world, dossier, case, actor_name, version=None):
    dossier.refresh_from_db()
    actor = getattr(world, actor_name)
    v = dossier.version if version is None else version
    return lifecycle.perform(dossier.code, case.action, actor, v, **_params(world, case.params))


def test_table_covers_every_action():
    assert set(IDS) == set(lifecycle.ACTIONS) - {"submit"}


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_happy_path(cast, case):
    dossier = case.prepare(cast)
    events_before = DossierEvent.objects.filter(dossier=dossier).count()
    outbox_before = OutboxMessage.objects.filter(key=dossier.code).count()
    version = Dossier.objects.get(pk=dossier.pk).version
    result = _perform(cast, dossier, case, case.actor)
    stored = Dossier.objects.get(pk=dossier.pk)
    assert stored.state == case.expect_state
    assert stored.national_status == national_status_for(stored.state)
    assert stored.version == version + 1
    events = list(DossierEvent.objects.filter(dossier=dossier).order_by("seq"))
    assert len(events) == events_before + 1
    assert events[-1].action == case.action and events[-1].to_state == stored.state
    assert events[-1].actor == getattr(cast, case.actor)
    assert OutboxMessage.objects.filter(key=dossier.code).count() == outbox_before + 1
    assert result.last_event == events[-1]


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_wrong_role_is_refused(cast, case):
    dossier = case.prepare(cast)
    with pytest.raises(DossierForbidden):
        _perform(cast, dossier, case, case.wrong_role)


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_other_agency_is_refused(cast, case):
    dossier = case.prepare(cast)
    with pytest.raises(DossierForbidden):
        _perform(cast, dossier, case, case.other_agency)


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_wrong_state_is_refused(cast, case):
    prepare, actor = case.wrong_state
    dossier = prepare(cast)
    before = Dossier.objects.get(pk=dossier.pk)
    with pytest.raises(InvalidState):
        _perform(cast, dossier, case, actor)
    after = Dossier.objects.get(pk=dossier.pk)
    assert (after.state, after.version) == (before.state, before.version)


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_stale_version_is_refused(cast, case):
    dossier = case.prepare(cast)
    dossier.refresh_from_db()
    with pytest.raises(DossierConflict):
        _perform(cast, dossier, case, case.actor, version=dossier.version - 1)
    assert Dossier.objects.get(pk=dossier.pk).version == dossier.version
