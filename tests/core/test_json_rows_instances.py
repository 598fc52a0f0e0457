"""`json_rows.instances`: model instances from the JSON rows of a subquery, values converted as the ORM
converts them, the other columns deferred — whatever the order the fields are named in (the converters
and the column order are worked out once per model and fields, core/json_rows.py)."""

from datetime import UTC, date, datetime

import pytest

from motcua.core.json_rows import instances, partial_instance
from motcua.dossiers.models import DossierFee, DossierResult


def test_values_are_converted_and_the_rest_deferred():
    fields = ("paid_at", "amount", "id", "requested_at", "dossier_id")  # not the model's order
    rows = [
        [None, 150000, 7, "2026-03-02T01:30:00+00:00", 3],
        ["2026-03-02 02:00:00", "20000", 8, None, 3],  # SQLite: naive UTC text; a number as text
    ]
    first, second = instances(DossierFee, fields, rows)
    assert (first.pk, first.amount, first.dossier_id) == (7, 150000, 3)
    assert first.requested_at == datetime(2026, 3, 2, 1, 30, tzinfo=UTC) and first.paid_at is None
    assert second.paid_at == datetime(2026, 3, 2, 2, 0, tzinfo=UTC) and second.amount == 20000
    assert first.get_deferred_fields() >= {"kind", "name", "description"}
    assert "amount" not in first.get_deferred_fields()
    # what partial_instance builds from the same values, one row at a time
    same = partial_instance(
        DossierFee,
        {
            "id": 7,
            "amount": 150000,
            "dossier_id": 3,
            "paid_at": None,
            "requested_at": datetime(2026, 3, 2, 1, 30, tzinfo=UTC),
        },
    )
    assert {
        f.attname: getattr(same, f.attname) for f in DossierFee._meta.concrete_fields if f.attname in fields
    } == {f: getattr(first, f) for f in fields}


def test_dates_and_a_list_of_fields():
    (result,) = instances(DossierResult, ["id", "document_date"], [[4, "2026-03-02"]])
    assert result.document_date == date(2026, 3, 2)


def test_a_row_of_the_wrong_width_is_refused():
    with pytest.raises(ValueError):
        instances(DossierFee, ("id", "amount"), [[1]])
