"""INSERTs built into SQL once per process and run again with new rows (the writes' `CompiledQuery`).

`obj.save(force_insert=True)`, `Model.objects.create(…)` and `bulk_create` compile a fresh
`INSERT … VALUES (…) RETURNING pk` on every call: for the rows every receipt writes (the dossier, its
components and fee lines, the event, the outbox record) building the statement costs more Python than
the database spends on it (docs/performance.md, "Python per receipt"). `insert(obj)` and
`insert_many(objs)` build the statement once per model, connection vendor and row count, and then only
convert this call's values, each field's own way (`pre_save(obj, add=True)`: auto_now/auto_now_add,
files; then `get_db_prep_save`), as Django's insert compiler does; the instance ends as the ORM leaves
it (pk set, `_state.adding` False, `_state.db` the alias).

What the ORM does around an insert and how it is kept:
- `_prepare_related_fields_for_save` (an unsaved related object is refused, a related object saved
  after assignment gives its pk): called, as the ORM calls it;
- the router: `router.db_for_write(model, instance=obj)` (for many rows, without an instance, as a
  queryset's `bulk_create` asks);
- signals: `insert` sends `pre_save` and `post_save` exactly as `save()` does (nothing to do when no
  receiver is connected to the model — none is, for the dossier's models); `insert_many`, like
  `bulk_create`, sends none;
- `transaction.mark_for_rollback_on_error`, as `save()` uses for a one-table model;
- a model's own `save()`: what it does before an insert must be its method `before_insert()`, which its
  `save()` calls and so does `insert`/`insert_many` (one function, e.g. `DossierEvent`'s append-only
  check); a model that overrides `save()` without `before_insert` is refused.

Refused loudly (`UnsupportedInsert`, when the model is first used): a model with parents (multi-table
inheritance), a proxy, `order_with_respect_to`, a primary key other than an auto field, no column
besides the key, fields with a database default, generated fields, fields with their own placeholder
SQL, a vendor that cannot return columns from an INSERT; per call: an instance whose primary key is
already set, a value that is an expression (`F()`, `Now()`, `DatabaseDefault`…), instances of
different models in one `insert_many`.
"""

from __future__ import annotations

import threading

from django.db import connections, router, transaction
from django.db.models import AutoField, Model
from django.db.models.fields import DateField, DateTimeField, Field, TimeField
from django.db.models.signals import post_save, pre_save


class UnsupportedInsert(TypeError):
    """The model or value needs something the precompiled insert does not do: use the ORM's save."""


class _Plan:
    """One model's insert: its fields, the SQL per (vendor, row count), how its values are read."""

    def __init__(self, model: type[Model]):
        meta = model._meta
        problems = []
        if meta.proxy:
            problems.append("proxy model")
        if meta.parents:
            problems.append("multi-table inheritance")
        if meta.order_with_respect_to:
            problems.append("order_with_respect_to")
        if not isinstance(meta.pk, AutoField) or meta.pk.has_default():
            problems.append(f"primary key {meta.pk.name!r} is not a plain auto field")
        if model.save is not Model.save and not callable(getattr(model, "before_insert", None)):
            problems.append("save() is overridden and the model has no before_insert()")
        fields = [f for f in meta.local_concrete_fields if f is not meta.auto_field]
        if not fields:
            problems.append("no column besides the primary key")
        for field in fields:
            if field.generated:
                problems.append(f"{field.name}: generated field")
            if field.has_db_default():
                problems.append(f"{field.name}: database default")
            if getattr(field, "get_placeholder_sql", None) or getattr(field, "get_placeholder", None):
                problems.append(f"{field.name}: own placeholder SQL")
        if [f for f in meta.db_returning_fields if f is not meta.pk]:
            problems.append("fields returned by the database besides the primary key")
        if problems:
            raise UnsupportedInsert(f"{meta.label}: {'; '.join(problems)}")
        self.model = model
        self.fields = fields
        self.pk = meta.pk
        # a field whose pre_save is the plain attribute read needs no call
        self.readers = [
            (field, field.attname, _needs_pre_save(field), field.get_db_prep_save) for field in fields
        ]
        self.before_insert = getattr(model, "before_insert", None)
        self._sql: dict[tuple[str, int], str] = {}
        self._converters: dict[str, list] = {}
        self._lock = threading.Lock()

    def sql(self, connection, rows: int) -> str:
        key = (connection.vendor, rows)
        sql = self._sql.get(key)
        if sql is None:
            if not connection.features.can_return_columns_from_insert or (
                rows > 1 and not connection.features.can_return_rows_from_bulk_insert
            ):
                raise UnsupportedInsert(f"{connection.vendor} cannot return the new rows' keys")
            ops = connection.ops
            placeholders = [["%s"] * len(self.fields)] * rows
            returning, params = ops.returning_columns([self.pk])
            if params:
                raise UnsupportedInsert(f"{connection.vendor}: RETURNING with parameters")
            sql = " ".join(
                (
                    ops.insert_statement(),
                    ops.quote_name(self.model._meta.db_table),
                    "({})".format(", ".join(ops.quote_name(f.column) for f in self.fields)),
                    ops.bulk_insert_sql(self.fields, placeholders),
                    returning,
                )
            )
            with self._lock:
                self._sql[key] = sql
        return sql

    def converters(self, connection) -> list:
        """The converters the ORM applies to the returned key (none for an integer key on
        PostgreSQL and SQLite), with the column expression they are called with."""
        found = self._converters.get(connection.vendor)
        if found is None:
            col = self.pk.get_col(self.model._meta.db_table)
            found = [
                (function, col)
                for function in connection.ops.get_db_converters(col) + self.pk.get_db_converters(connection)
            ]
            with self._lock:
                self._converters[connection.vendor] = found
        return found

    def check(self, obj: Model, operation: str) -> None:
        """What `save()` does first: the model's `before_insert`, then the related objects' check."""
        if self.before_insert is not None:
            obj.before_insert()
        if obj.pk is not None:
            raise UnsupportedInsert(f"{self.model._meta.label}: the instance already has a primary key")
        obj._prepare_related_fields_for_save(operation_name=operation)

    def values(self, obj: Model, connection) -> list:
        """The row's parameters as the ORM's insert compiler makes them."""
        row = []
        for field, attname, pre, prep in self.readers:
            value = field.pre_save(obj, True) if pre else getattr(obj, attname)
            if hasattr(value, "resolve_expression"):
                raise UnsupportedInsert(
                    f"{self.model._meta.label}.{field.name}: an expression ({value!r}) is not inserted "
                    "by the precompiled insert"
                )
            row.append(prep(value, connection))
        return row

    def assign(self, obj: Model, key, connection, using: str) -> None:
        for function, col in self.converters(connection):
            key = function(key, col, connection)
        setattr(obj, self.pk.attname, key)
        obj._state.db = using
        obj._state.adding = False


_AUTO_NOW_PRE_SAVES = (DateField.pre_save, DateTimeField.pre_save, TimeField.pre_save)


def _needs_pre_save(field: Field) -> bool:
    pre = type(field).pre_save
    if pre is Field.pre_save:
        return False
    if pre in _AUTO_NOW_PRE_SAVES:  # date, datetime and time fields: only auto_now / auto_now_add
        return field.auto_now or field.auto_now_add
    return True


_plans: dict[type, _Plan] = {}


def plan(model: type[Model]) -> _Plan:
    """The model's insert plan (built on first use; `UnsupportedInsert` if the model cannot have one)."""
    found = _plans.get(model)
    if found is None:
        found = _plans[model] = _Plan(model)
    return found


def insert(obj: Model) -> Model:
    """INSERT one new instance as `obj.save(force_insert=True)` does, with the SQL built once per model
    and vendor: one statement, `RETURNING` the new key. Returns `obj` (pk set, `_state.adding` False,
    `_state.db` the alias). Raises `UnsupportedInsert` (see the module) and the database's errors."""
    model = type(obj)
    p = plan(model)
    p.check(obj, "save")
    using = router.db_for_write(model, instance=obj)
    pre_save.send(sender=model, instance=obj, raw=False, using=using, update_fields=None)
    connection = connections[using]
    params = p.values(obj, connection)
    sql = p.sql(connection, 1)
    with transaction.mark_for_rollback_on_error(using=using), connection.cursor() as cursor:
        cursor.execute(sql, params)
        key = cursor.fetchone()[0]
    p.assign(obj, key, connection, using)
    post_save.send(sender=model, instance=obj, created=True, update_fields=None, raw=False, using=using)
    return obj


def create(model: type[Model], **values) -> Model:
    """`model.objects.create(**values)` through `insert`."""
    return insert(model(**values))


def insert_many(objs: list[Model]) -> list[Model]:
    """INSERT new instances of one model as `Model.objects.bulk_create(objs)` does (no signals, in
    batches of the backend's parameter limit, one statement each, `RETURNING` the keys in row order),
    with the SQL built once per model, vendor and batch size. Returns `objs` (each with its pk,
    `_state.adding` False, `_state.db` the alias). Raises `UnsupportedInsert` (see the module) — also
    for instances of different models — and the database's errors."""
    if not objs:
        return objs
    model = type(objs[0])
    if any(type(obj) is not model for obj in objs):
        raise UnsupportedInsert("insert_many: instances of different models")
    p = plan(model)
    for obj in objs:
        p.check(obj, "bulk_create")
    using = router.db_for_write(model)
    connection = connections[using]
    rows = [p.values(obj, connection) for obj in objs]
    size = max(connection.ops.bulk_batch_size(p.fields, objs), 1)
    with connection.cursor() as cursor:
        for start in range(0, len(objs), size):
            batch = rows[start : start + size]
            cursor.execute(p.sql(connection, len(batch)), [value for row in batch for value in row])
            keys = cursor.fetchall()
            if len(keys) != len(batch):
                raise UnsupportedInsert(f"{model._meta.label}: {len(keys)} keys for {len(batch)} rows")
            for obj, (key,) in zip(objs[start : start + size], keys, strict=True):
                p.assign(obj, key, connection, using)
    return objs
