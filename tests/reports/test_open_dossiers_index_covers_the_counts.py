"""On PostgreSQL the open dossiers' partial index carries every column the open-dossier counts read,
so "in progress", the overdue list and the period's still-open dossiers are index-only reads whatever
the history holds (migration reports.0009; docs/performance.md, 10M dossiers)."""

import pytest
from django.db import connection

from motcua.reports.models import DossierStat


@pytest.mark.django_db
def test_the_open_dossiers_index_covers_what_is_counted():
    if connection.vendor != "postgresql":
        pytest.skip("covering indexes are PostgreSQL's; SQLite keeps the plain partial index")
    with connection.cursor() as cur:
        cur.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'stat_open_due'")
        (definition,) = cur.fetchone()
    included = definition.split("INCLUDE (")[1].split(")")[0].replace(" ", "").split(",")
    # what selectors._unfinished_parts / _late_at / progress / Scope.q read from the open facts
    read = ["received_at", "received_day", "supplement_count", "waiting_since", "judgement", "due_at"]
    read += ["agency", "receiving_agency", "procedure", "dossier"]
    columns = {DossierStat._meta.get_field(name).column for name in read}
    assert columns - {"due_at"} <= set(included)
    assert "(due_at)" in definition and "end_kind" in definition.split("WHERE")[1]
