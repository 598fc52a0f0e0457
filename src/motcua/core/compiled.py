"""Querysets built into SQL once per process and run again with new values.

Django turns a queryset into SQL on every evaluation. For the reads that open every dossier action
(the actor's role grants, the locked dossier row, the procedure in force, its process, the agencies,
the calendar revision) building the SQL costs more than the database takes to answer it: about
0.5–1.5 ms of Python each against 0.1–0.3 ms of PostgreSQL on the reference machine
(docs/performance.md, "receive"). `CompiledQuery` builds them once per database
alias, from the ORM, so the ORM stays the only description of the query: the queryset is built with
marker values, compiled, and each marker's position among the parameters is remembered; a run puts
the new values (adapted as Django adapts them) in those positions.

The queryset's SQL must not depend on the values (no `if value:` inside `build`, no `__in` lists).
"""

from __future__ import annotations

import copy
import threading
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

from django.db import connections, transaction
from django.db.models import QuerySet

# Kinds of parameter and how Django adapts each for the database (as it does when it compiles).
_KINDS = ("str", "int", "date", "datetime")


def _marker(kind: str, n: int):
    if kind == "str":
        return f"\x00marker-{n}\x00"
    if kind == "int":  # inside a 32-bit column's range: Django drops lookups of out-of-range values
        return 2_147_000_000 + n
    if kind == "date":
        return date(1901, 1, 1) + timedelta(days=n)
    return datetime(1901, 1, 1, tzinfo=UTC) + timedelta(seconds=n)


def _adapt(connection, kind: str, value):
    if kind == "date":
        return connection.ops.adapt_datefield_value(value)
    if kind == "datetime":
        return connection.ops.adapt_datetimefield_value(value)
    return value


class CompiledQuery:
    """`CompiledQuery(build, user="int", day="date")`: `build(user=…, day=…)` returns the queryset;
    `.rows(user=5, day=…)` runs it (tuples), `.objects(…)` returns model instances (select_related
    is not followed; annotations become attributes)."""

    def __init__(self, build: Callable[..., QuerySet], **kinds: str):
        for kind in kinds.values():
            if kind not in _KINDS:
                raise ValueError(f"unknown parameter kind {kind!r}")
        self.build = build
        self.kinds = kinds
        self._compiled: dict[str, tuple] = {}
        self._templates: dict[str, tuple] = {}  # alias -> (queryset, its compiler after as_sql)
        self._lock = threading.Lock()

    def _compile(self, using: str):
        compiled = self._compiled.get(using)
        if compiled is not None:
            return compiled
        connection = connections[using]
        markers = {name: _marker(kind, n) for n, (name, kind) in enumerate(self.kinds.items())}
        queryset = self.build(**markers)
        compiler = queryset.query.get_compiler(using=using)
        with transaction.atomic(using=using):  # select_for_update only compiles inside one
            sql, params = compiler.as_sql()
        # the column converters the ORM would apply to these rows (SQLite dates, UUIDs, JSON…)
        columns = compiler.get_converters([column for column, _, _ in compiler.select])
        params = list(params)
        positions = {}
        for name, kind in self.kinds.items():
            adapted = _adapt(connection, kind, markers[name])
            positions[name] = [i for i, p in enumerate(params) if p == adapted]
            if not positions[name]:
                raise ValueError(f"parameter {name!r} does not reach the compiled SQL")
        # raw() converts model columns (dates on SQLite, JSON…) but not annotations: keep their
        # converters to apply them the way the ORM would.
        converters = {}
        for alias, expression in queryset.query.annotations.items():
            found = connection.ops.get_db_converters(expression) + expression.get_db_converters(connection)
            if found:
                converters[alias] = (expression, found)
        compiled = (sql, params, positions, queryset.model, converters, columns)
        with self._lock:
            self._templates[using] = (queryset, compiler)
            self._compiled[using] = compiled
        return compiled

    def _params(self, using: str, values: dict):
        sql, params, positions, model, converters, columns = self._compile(using)
        connection = connections[using]
        params = list(params)
        for name, kind in self.kinds.items():
            adapted = _adapt(connection, kind, values[name])
            for i in positions[name]:
                params[i] = adapted
        return sql, params, model, converters, columns

    def rows(self, using: str = "default", **values) -> list[tuple]:
        """Rows as tuples, each value converted as the ORM converts it."""
        sql, params, _, _, columns = self._params(using, values)
        connection = connections[using]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        if not columns:
            return rows
        converted = []
        for row in rows:
            row = list(row)
            for position, (functions, expression) in columns.items():
                value = row[position]
                for function in functions:
                    value = function(value, expression, connection)
                row[position] = value
            converted.append(tuple(row))
        return converted

    def objects(self, using: str = "default", **values) -> list:
        sql, params, model, converters, _ = self._params(using, values)
        found = list(model.objects.raw(sql, params, using=using))
        connection = connections[using]
        for obj in found:
            for alias, (expression, functions) in converters.items():
                value = getattr(obj, alias)
                for function in functions:
                    value = function(value, expression, connection)
                setattr(obj, alias, value)
        return found

    def first(self, using: str = "default", **values):
        """The first model instance of the queryset, or None, built as the ORM builds it —
        `select_related` followed, annotations as attributes, values converted — from the SQL compiled
        once: a shallow copy of the compiler that compiled it answers `as_sql` with the stored SQL and
        this call's parameters (the compiler keeps the select list and related-object layout the ORM
        reads the rows with), on this thread's connection. The column converters are worked out once
        per compiled query too (Django would redo them on every run: ~600 Python calls for the token's
        read); they depend on the select list and the vendor, both fixed for `using`."""
        sql, params, _, _, _ = self._params(using, values)
        queryset, template = self._templates[using]
        converters = getattr(template, "_motcua_converters", None)
        if converters is None:
            selected = [s[0] for s in template.select[0 : template.col_count]]
            converters = (template.get_converters(selected), template.has_composite_fields(selected))
            template._motcua_converters = converters
        compiler = copy.copy(template)
        compiler.connection = connections[using]
        compiler.as_sql = lambda *args, **kwargs: (sql, tuple(params))
        compiler.get_converters = lambda expressions: converters[0]
        compiler.has_composite_fields = lambda expressions: converters[1]
        run = queryset._chain()
        run.query.get_compiler = lambda *args, **kwargs: compiler
        for obj in run:
            return obj
        return None
