"""Demo statistics: the rollups count every demo dossier (the loader projects the demo's outbox
records, demo/loader.py; a database loaded before the reports app existed is rebuilt once), and some
returned demo dossiers get a satisfaction rating from their applicant so the index's satisfaction has
numbers."""

from __future__ import annotations

import random

from django.conf import settings

from motcua.dossiers.models import Dossier
from motcua.dossiers.states import State
from motcua.portal.services import PortalError, rating_create
from motcua.reports.models import DossierStat
from motcua.reports.rollups import rebuild

SEED = 766


def load_demo_statistics() -> dict[str, int]:
    """Ratings for about two in three returned demo dossiers (mostly satisfied), then a rebuild if
    any dossier has no statistics yet. Idempotent. Returns {"ratings", "rebuilt"}."""
    if not int(getattr(settings, "MOTCUA_DEMO_DOSSIERS", 1)):
        return {"ratings": 0, "rebuilt": 0}  # no demo dossiers (the benchmarks' province): nothing to do
    rng = random.Random(SEED)
    ratings = 0
    returned = (
        Dossier.objects.filter(state=State.RETURNED, eform_data___demo=True, rating__isnull=True)
        .select_related("applicant__user")
        .order_by("pk")
    )
    for dossier in returned:
        user = dossier.applicant.user
        if user is None or rng.random() > 0.66:
            continue
        score = rng.choices([5, 4, 3, 2, 1], weights=[45, 30, 12, 8, 5])[0]
        try:
            rating_create(dossier, user=user, score=score)
            ratings += 1
        except PortalError:
            continue
    rebuilt = 0
    if Dossier.objects.filter(stat__isnull=True).exists() or (ratings and not DossierStat.objects.exists()):
        rebuilt = rebuild()["dossiers"]
    return {"ratings": ratings, "rebuilt": rebuilt}
