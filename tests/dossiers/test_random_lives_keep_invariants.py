"""Random sequences of actions by random people: whatever is accepted or refused, the invariants hold —
the national code matches the state, one event per version, the log replays, at most one open pause."""

import random
from datetime import timedelta

import pytest

from motcua.dossiers import lifecycle
from motcua.dossiers.errors import DossierError
from motcua.dossiers.models import Dossier, DossierEvent, DossierPause, OutboxMessage
from motcua.dossiers.selectors import actions_available
from motcua.dossiers.states import national_status_for
from motcua.organizations.models import Role

from .world import issued, receive, submit

PARAMS = {
    "request_supplement": {"reason": "Thiếu giấy tờ"},
    "refuse": {"reason": "Không đủ điều kiện"},
    "send_back": {"reason": "Làm rõ"},
    "reject": {"reason": "Không đủ điều kiện"},
    "withdraw": {"reason": "Không còn nhu cầu"},
    "stop": {"reason": "Tranh chấp"},
    "answer_consultation": {"answer": "Đồng ý"},
}


@pytest.mark.parametrize("seed", range(6))
def test_random_lives(world, fixed_clock, seed):
    rng = random.Random(seed)
    world.other_leader = world.staff(Role.LEADER, world.other)
    people = [world.citizen, world.desk, world.officer, world.leader, world.clerk, world.other_officer]
    actions = sorted(set(lifecycle.ACTIONS) - {"submit"})
    dossier = submit(world) if seed % 2 else receive(world)
    accepted = 0
    for _ in range(80):
        fixed_clock.set(fixed_clock.at + timedelta(minutes=rng.randint(10, 600)))
        dossier.refresh_from_db()
        possible = [a for a in actions_available(dossier) if a in actions] or actions
        ending = [a for a in possible if a in ("withdraw", "stop", "refuse")]
        rest = [a for a in possible if a not in ending] or possible
        action = rng.choice(ending if ending and rng.random() < 0.03 else rest)
        params = dict(PARAMS.get(action, {}))
        if action == "issue_result":
            params = issued("1/GXN")
        if action == "transfer":
            params["competent_agency"] = rng.choice([world.other, world.department]).identifier
        if action == "consult":
            params["agencies"] = [world.other.identifier]
        if action == "apologize":
            params = {"reason": "Trễ", "new_due_at": (fixed_clock.at + timedelta(days=5)).isoformat()}
        dossier.refresh_from_db()
        try:
            lifecycle.perform(dossier.code, action, rng.choice(people), dossier.version, **params)
            accepted += 1
        except DossierError:
            pass
        stored = Dossier.objects.get(pk=dossier.pk)
        assert stored.national_status == national_status_for(stored.state)
        assert DossierEvent.objects.filter(dossier=stored).count() == stored.version
        assert OutboxMessage.objects.filter(key=stored.code).count() == stored.version
        assert DossierPause.objects.filter(dossier=stored, ended_at__isnull=True).count() == (
            1 if stored.state == "supplement_requested" and stored.received_at else 0
        )
    events = list(DossierEvent.objects.filter(dossier=dossier).order_by("seq"))
    state = ""
    for event in events:
        assert event.from_state == state
        state = event.to_state
    assert state == Dossier.objects.get(pk=dossier.pk).state
    assert accepted >= 5
