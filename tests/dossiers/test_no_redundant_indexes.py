"""Every receipt and action writes the dossier, event and component rows, and every index is one more
write: no index on these tables may be a leading prefix of another (the composite one serves its
lookups too)."""

import pytest
from django.db import connection

from motcua.dossiers.models import Dossier, DossierComponent, DossierEvent

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model", [Dossier, DossierEvent, DossierComponent])
def test_no_index_is_a_prefix_of_another(model):
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, model._meta.db_table)
    indexes = {
        name: tuple(c["columns"])
        for name, c in constraints.items()
        if (c["index"] or c["unique"])
        and not c["primary_key"]
        and c["columns"]
        # PostgreSQL's extra `varchar_pattern_ops` index for LIKE on the code has other operators
        and not name.endswith("_like")
    }
    redundant = [
        (name, columns, other)
        for name, columns in indexes.items()
        for other_name, other in indexes.items()
        if other_name != name
        and len(other) > len(columns)
        and other[: len(columns)] == columns
        and not constraints[name]["unique"]
    ]
    assert redundant == []
