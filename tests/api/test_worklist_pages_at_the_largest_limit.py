"""The worklist pages at its largest page size (limit=200) too: the page holds 200 dossiers and
`next_cursor` leads to the rest, every dossier seen once."""

import pytest

from motcua.dossiers.models import Dossier
from motcua.dossiers.selectors import WORKLIST_MAX_PAGE
from tests.dossiers.world import submit

from .test_dossier_full_life import Caller

pytestmark = pytest.mark.django_db


def test_paging_at_the_largest_limit_reaches_every_dossier(world, fixed_clock):
    first = submit(world)
    copies = []
    for i in range(WORKLIST_MAX_PAGE + 4):  # copies of one dossier: only the code differs
        copy = Dossier.objects.get(pk=first.pk)
        copy.pk = None
        copy.code = f"{first.code[:-6]}{i:06d}"
        copies.append(copy)
    Dossier.objects.bulk_create(copies)
    expected = list(
        Dossier.objects.filter(applicant=first.applicant).order_by("-pk").values_list("code", flat=True)
    )
    citizen = Caller(world.citizen)
    page = citizen.get("/api/v1/dossiers", limit=WORKLIST_MAX_PAGE).json()
    assert len(page["items"]) == WORKLIST_MAX_PAGE
    assert page["next_cursor"] is not None
    seen = [d["code"] for d in page["items"]]
    while page["next_cursor"]:
        page = citizen.get("/api/v1/dossiers", limit=WORKLIST_MAX_PAGE, cursor=page["next_cursor"]).json()
        seen += [d["code"] for d in page["items"]]
    assert seen == expected
    assert len(seen) == WORKLIST_MAX_PAGE + 5
