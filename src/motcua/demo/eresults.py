"""Signed e-results in the demo (issue 14): every agency gets a development signing certificate from
the development CA (`results/devca.py`, its key under MOTCUA_VAR_DIR/dev-signing-ca/, never
committed), and the demo citizen `congdan` gets one online dossier lived to the end through the
lifecycle: received, approved, its result generated from the template and signed by the leader
(PAdES), issued by the clerk and returned electronically — so the e-result is on the dossier page
and in congdan's document store. Idempotent; a few hundred milliseconds (ECDSA keys, one PDF)."""

from __future__ import annotations

import random
from datetime import datetime, time, timedelta

from django.utils.text import slugify

from motcua.core import clock
from motcua.dossiers import deadlines, lifecycle
from motcua.dossiers.errors import DossierError
from motcua.organizations.models import Agency, Applicant, Role
from motcua.results import devca
from motcua.results.models import SignedDocument

from .dossiers import MARK, DemoLoader, demo_dossiers_exist, sample_eform, sample_pdf
from .staff import CITIZEN_USERNAME

SEED = 14


def load_demo_eresults() -> dict[str, int]:
    """Certificates for every agency without one; congdan's returned dossier with a signed e-result
    unless congdan already has one or the demo has no dossiers (MOTCUA_DEMO_DOSSIERS=0).
    Returns {"certificates": made, "e_results": made}."""
    made = devca.certify_agencies(Agency.objects.order_by("pk"))
    if not demo_dossiers_exist():
        return {"certificates": made, "e_results": 0}
    applicant = Applicant.objects.filter(user__username=CITIZEN_USERNAME).first()
    if (
        applicant is None
        or SignedDocument.objects.filter(
            dossier__applicant=applicant, result__isnull=False, dossier__state="returned"
        ).exists()
    ):
        return {"certificates": made, "e_results": 0}
    try:
        return {"certificates": made, "e_results": int(_live(applicant))}
    except DossierError:  # the demo procedures changed so that no route fits: no e-result, no failure
        return {"certificates": made, "e_results": 0}


def _morning_before(cal, now: datetime) -> datetime:
    """08:00 of the latest working day at least two days before `now` (Việt Nam time)."""
    day = (now - timedelta(days=2)).astimezone(deadlines.VN_TZ).date()
    for _ in range(30):
        if cal.is_working_day(day):
            break
        day -= timedelta(days=1)
    return datetime.combine(day, time(8, 0), deadlines.VN_TZ)


def _live(applicant: Applicant) -> bool:
    previous, now = clock._now, clock.now()
    loader = DemoLoader(now, SEED)
    routes = [r for r in loader.routes if r.has_clerk and "online" in r.channels]
    if not routes:
        return False
    at = [_morning_before(deadlines.calendar_for(routes[0].receiving), now)]
    clock.set_now(lambda: at[0])  # in office hours, in the past; each action 25 minutes later
    try:
        return _lifecycle(applicant, loader, routes[0], at)
    finally:
        clock.set_now(previous)


def _lifecycle(applicant: Applicant, loader, route, at: list) -> bool:
    rng = random.Random(SEED)
    version = route.procedure.current_version
    people = loader.people

    def one(agency, role):
        return people.one(rng, agency, role)

    dossier = lifecycle.perform(
        None,
        "submit",
        applicant.user,
        procedure=version,
        channel="online",
        competent_agency=route.competent,
        receiving_agency=route.receiving,
        applicant=applicant,
        eform_data=sample_eform(version.eform, applicant, rng),
        reserved_eform_data={MARK: True},
        components=[
            {"position": c.position, "files": [sample_pdf(f"{slugify(c.name)[:60] or 'giay-to'}.pdf")]}
            for c in version.components.all()
        ],
        return_channel="electronic",
    )

    def do(action, actor, **params):
        nonlocal dossier
        at[0] += timedelta(minutes=25)
        dossier = lifecycle.perform(dossier.code, action, actor, dossier.version, **params)

    do("receive", one(route.receiving, Role.DESK_OFFICER))
    do("forward", one(route.competent, Role.PROCESSING_OFFICER), comment="Đủ điều kiện, trình lãnh đạo.")
    leader = one(route.competent, Role.LEADER)
    do("approve", leader, comment="Đồng ý.")
    do("sign_result", leader, number=f"{dossier.pk}/GXN-DEMO", signer=str(leader), generate=True)
    signed = dossier.last_event.data["signed_document"]
    do("issue_result", one(route.competent, Role.CLERK), results=[{"signed": signed}])
    do("return_result", one(route.receiving, Role.DESK_OFFICER), return_channel="electronic")
    return True
