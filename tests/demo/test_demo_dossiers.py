"""The demo dossiers: about a thousand lives through the lifecycle over the last 12 months, covering every
reachable state, all four channels and many agencies; some late, some paused, some apologised; loaded
once (a second load adds none), the same for the same seed and anchor, and the clock given back."""

from collections import Counter
from datetime import datetime, timedelta
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from motcua.core import clock
from motcua.demo import dossiers as demo_dossiers
from motcua.demo import statistics_lives
from motcua.demo.dossiers import LIVES, MARK, load_demo_dossiers
from motcua.dossiers import deadlines
from motcua.dossiers.models import Dossier, DossierEvent, DossierPause
from motcua.dossiers.states import CLOCK_STATES, State, national_status_for

pytestmark = pytest.mark.django_db

VN = ZoneInfo("Asia/Ho_Chi_Minh")
# `rejected` is reachable only in a process where a step follows the rejection; the demo's default
# processes end at once (result_ready with outcome "rejected").
REACHABLE = set(State.values) - {State.REJECTED}


def test_a_year_of_dossiers_over_states_channels_and_agencies(settings):
    settings.MOTCUA_DEMO_DOSSIERS = sum(LIVES.values())
    started = timezone.now()
    call_command("load_demo", stdout=StringIO())
    assert clock.now() >= started  # the real clock is back

    dossiers = Dossier.objects.all()
    total = dossiers.count()
    per_decider = len(demo_dossiers.COVERAGE) + statistics_lives.MOST
    assert sum(LIVES.values()) <= total <= sum(LIVES.values()) + per_decider * 15
    assert dossiers.filter(**{f"eform_data__{MARK}": True}).count() == total

    states = Counter(dossiers.values_list("state", flat=True))
    assert set(states) == REACHABLE, states
    assert states[State.RETURNED] >= 50
    for state in (State.REFUSED, State.WITHDRAWN, State.STOPPED, State.SUPPLEMENT_REQUESTED):
        assert states[state] >= 3, (state, states)
    channels = Counter(dossiers.values_list("channel", flat=True))
    assert set(channels) == {"in_person", "online", "post", "national_portal"}, channels
    assert all(count >= 5 for count in channels.values()), channels
    agencies = set(dossiers.values_list("competent_agency_id", flat=True)) | set(
        dossiers.values_list("receiving_agency_id", flat=True)
    )
    assert len(agencies) >= 10

    now = timezone.now()
    late = dossiers.filter(state__in=CLOCK_STATES, due_at__lt=now).exclude(state=State.SUPPLEMENT_REQUESTED)
    assert late.exists()
    paused = dossiers.filter(state=State.SUPPLEMENT_REQUESTED, received_at__isnull=False)
    assert paused.exists()
    assert DossierPause.objects.filter(ended_at__isnull=True, dossier__in=paused).count() == paused.count()
    apologised = dossiers.filter(apologized_at__isnull=False)
    assert apologised.exists()
    assert all(d.due_at > d.original_due_at for d in apologised)
    assert dossiers.filter(pauses__ended_at__isnull=False).exists()  # supplemented, deadlines pushed
    assert DossierEvent.objects.filter(step_outcome="late").exists()
    assert DossierEvent.objects.filter(step_outcome__in=("early", "on_time")).exists()

    # Lived through the lifecycle: one event per version, codes and national codes consistent,
    # every action at a time within the last 12 months and not in the future; every month has some.
    events = Counter(DossierEvent.objects.values_list("dossier_id", flat=True))
    for d in dossiers:
        assert events[d.pk] == d.version, d
        assert d.national_status == national_status_for(d.state)
        assert d.code.startswith(d.receiving_agency.identifier + "-")
    first = DossierEvent.objects.order_by("at").values_list("at", flat=True).first()
    last = DossierEvent.objects.order_by("-at").values_list("at", flat=True).first()
    assert last <= now
    assert now - timedelta(days=367) <= first <= now - timedelta(days=330)
    months = {at.astimezone(VN).strftime("%Y-%m") for at in dossiers.values_list("submitted_at", flat=True)}
    assert len(months) >= 12, sorted(months)
    # received on working days of the receiving agency's calendar (a compensatory working Saturday, e.g.
    # 22/08/2026 under notice 9441/TB-BNV, is one), in office hours
    receipts = DossierEvent.objects.filter(action="receive").values_list("dossier__receiving_agency_id", "at")
    for agency_id, at in receipts:
        assert deadlines.calendar_for(agency_id).is_working_day(at.astimezone(VN).date()), at
        assert 7 <= at.astimezone(VN).hour < 17

    # Loading again adds none.
    call_command("load_demo", stdout=StringIO())
    assert Dossier.objects.count() == total


def test_same_seed_and_anchor_give_the_same_dossiers(settings):
    settings.MOTCUA_DEMO_DOSSIERS = 0
    call_command("load_demo", stdout=StringIO())  # the province, without dossiers
    anchor = datetime(2026, 3, 20, 10, 0, tzinfo=VN)
    clock.set_now(lambda: anchor)
    runs = []
    for _ in range(2):
        with transaction.atomic():
            made = load_demo_dossiers(demo_dossiers.scaled_lives(30))
            runs.append(
                list(Dossier.objects.order_by("code").values_list("code", "state", "channel", "due_at"))
            )
            transaction.set_rollback(True)
        assert made["dossiers"] >= 25 + len(demo_dossiers.COVERAGE)
        assert clock.now() == anchor  # the caller's clock is given back
    assert runs[0] == runs[1]
    assert all(code.split("-")[1] <= "260320" for code, *_ in runs[0])


def test_the_clock_is_given_back_even_on_error(settings, monkeypatch):
    settings.MOTCUA_DEMO_DOSSIERS = 0
    call_command("load_demo", stdout=StringIO())
    calls = []
    real = demo_dossiers.lifecycle.perform

    def failing(*args, **kwargs):
        calls.append(clock.now())
        if len(calls) > 5:
            raise RuntimeError("boom")
        return real(*args, **kwargs)

    monkeypatch.setattr(demo_dossiers.lifecycle, "perform", failing)
    with pytest.raises(RuntimeError), transaction.atomic():
        load_demo_dossiers(demo_dossiers.scaled_lives(30))
    assert calls and all(at < timezone.now() - timedelta(minutes=1) for at in calls)
    assert abs((clock.now() - timezone.now()).total_seconds()) < 5
