"""Child rows as one JSON value inside another query: `json_rows(queryset, "a", "b")` is a scalar
subquery whose value is the text of a JSON array of `[a, b]` arrays (`[]` when there is no row), on
PostgreSQL (`json_agg(json_build_array(…))`) and SQLite (`json_group_array(json_array(…))`).

What it is for: rows a request needs from a second table whose own round trip would cost more than
their bytes (the caller's role grants with the API token that names the caller, api/auth.py). Read the
value back with `loads_rows`; dates come back as ISO text ("2026-03-02"), date-times as ISO text too
(PostgreSQL: with the session's UTC offset; SQLite: naive UTC) — `aware` turns either into an aware
UTC `datetime`."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from decimal import Decimal
from functools import cache

from django.db.models import Aggregate, F, Func, QuerySet, Subquery, TextField, Value
from django.db.models.functions import Coalesce


class _Array(Func):
    """One row as a JSON array of its columns (the SQL of `JSONArray`, without its JSONB casts)."""

    function = "json_array"
    output_field = TextField()

    def as_postgresql(self, compiler, connection, **extra):
        return super().as_sql(compiler, connection, function="json_build_array", **extra)


class _Agg(Aggregate):
    """The rows' arrays gathered into one JSON array, as text."""

    function = "json_group_array"
    output_field = TextField()

    def as_postgresql(self, compiler, connection, **extra):
        return super().as_sql(
            compiler, connection, function="json_agg", template="%(function)s(%(expressions)s)::text", **extra
        )


def json_rows(queryset: QuerySet, *fields: str) -> Coalesce:
    """A scalar subquery: the JSON text `[[f1, f2, …], …]` of `queryset`'s rows (OuterRef allowed in
    its filters), `"[]"` when it has none. Field names as in `values()`."""
    rows = (
        queryset.order_by()
        .annotate(_one=Value(1))
        .values("_one")
        .annotate(_rows=_Agg(_Array(*(F(name) for name in fields))))
        .values("_rows")
    )
    return Coalesce(Subquery(rows, output_field=TextField()), Value("[]"), output_field=TextField())


def loads_rows(text: str | None) -> list[list]:
    """The rows of a `json_rows` value (a list of lists; fractional numbers as Decimal)."""
    return json.loads(text, parse_float=Decimal) if text else []


def aware(value: str | None) -> datetime | None:
    """A date-time read from JSON (ISO text, with an offset or naive UTC) as an aware UTC datetime."""
    if not value:
        return None
    parsed = datetime.fromisoformat(value)
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


def day(value: str | None) -> date | None:
    """A date read from JSON (ISO text)."""
    return date.fromisoformat(value[:10]) if value else None


def instances(model, fields: tuple[str, ...] | list[str], rows: list[list]) -> list:
    """Model instances from `json_rows(<model queryset>, *fields)` rows: each value converted as the
    ORM converts it (date-times aware UTC, dates, booleans from SQLite's 0/1, numbers); the model's
    other columns are deferred (read on access). What `partial_instance` does for each row, with the
    converters and the column order worked out once per model and fields (`_reader`)."""
    fields = tuple(fields)
    converters, names, positions = _reader(model, fields)
    width = len(fields)
    found = []
    for row in rows:
        if len(row) != width:
            raise ValueError(f"a row of {len(row)} values for {width} fields")
        found.append(
            model.from_db(
                None, names, [None if (v := row[i]) is None else converters[i](v) for i in positions]
            )
        )
    return found


@cache
def _reader(model, fields: tuple[str, ...]) -> tuple[tuple, tuple[str, ...], tuple[int, ...]]:
    """For `instances`: each field's converter (in `fields`' order), and the attnames among `fields`
    in the model's field order (`Model.from_db` takes them so) with their positions in `fields`."""
    converters = []
    for name in fields:
        field = model._meta.get_field(name)
        kind = field.get_internal_type()
        if kind == "DateTimeField":
            converters.append(aware)
        elif kind == "DateField":
            converters.append(day)
        else:
            converters.append(field.to_python)
    names = tuple(f.attname for f in model._meta.concrete_fields if f.attname in fields)
    return tuple(converters), names, tuple(fields.index(name) for name in names)


def partial_instance(model, values: dict):
    """A model instance as loaded from the database with only `values` (attname → value, already
    converted); its other columns are deferred (read on access). `Model.from_db` takes the values in
    the model's field order, whatever the order of the names: this puts them in it."""
    names = [f.attname for f in model._meta.concrete_fields if f.attname in values]
    return model.from_db(None, names, [values[name] for name in names])
