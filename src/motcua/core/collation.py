"""Vietnamese collation, the one home for every user-facing ordering (catalogue, dropdowns of
agencies and communes, people's names, reports).

Code-point order puts "Đăng ký…" after "Xóa…" and "Cẩm Giàng" after "Chấn Hưng". Vietnamese
order is the Unicode Collation Algorithm with the CLDR Vietnamese tailoring (a ă â b c d đ e ê … o
ô ơ … u ư …; tones a secondary difference: a à ả ã á ạ), which ICU implements. No alphabet is
written here:
- PostgreSQL: the ICU collation `vi-x-icu` (created by initdb on every ICU-enabled build; check with
  `SELECT collname FROM pg_collation WHERE collname LIKE 'vi%'`);
- SQLite: a collation named `vi` registered on every new connection, comparing with PyICU's
  `Collator("vi")` (PyICU needs libicu; scripts/system-deps.sh installs libicu-dev);
- Python (lists built in memory): `sort_key`, the same collator's sort key.

Use `vi("name")` in `order_by(...)` or a model's `Meta.ordering`; `sorted_vi(items, key=...)` in Python.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable

import icu
from django.db.backends.signals import connection_created
from django.db.models import F
from django.db.models.functions import Collate

SQLITE_NAME = "vi"
COLLATIONS = {"postgresql": "vi-x-icu", "sqlite": SQLITE_NAME}

_local = threading.local()


def _collator() -> icu.Collator:
    # an ICU collator is not to be shared between threads while comparing: one per thread
    collator = getattr(_local, "collator", None)
    if collator is None:
        collator = _local.collator = icu.Collator.createInstance(icu.Locale("vi"))
    return collator


def sort_key(text: str | None) -> bytes:
    """The Vietnamese sort key of `text` (None sorts as empty)."""
    return _collator().getSortKey(text or "")


def sorted_vi[T](items: Iterable[T], key: Callable[[T], str] = str) -> list[T]:
    """`items` in Vietnamese order of `key(item)`."""
    return sorted(items, key=lambda item: sort_key(key(item)))


def compare(a: str | None, b: str | None) -> int:
    return _collator().compare(a or "", b or "")


class ViCollate(Collate):
    """`<expr> COLLATE <the Vietnamese collation of this database>`; no collation on others."""

    def __init__(self, expression):
        super().__init__(expression, SQLITE_NAME)

    def as_sql(self, compiler, connection, **extra_context):
        name = COLLATIONS.get(connection.vendor)
        if name is None:
            return compiler.compile(self.get_source_expressions()[0])
        extra_context["collation"] = connection.ops.quote_name(name)
        return super().as_sql(compiler, connection, **extra_context)


def vi(field: str, *, descending: bool = False):
    """An ordering term for `order_by` / `Meta.ordering`: `field` in Vietnamese order."""
    expression = ViCollate(F(field))
    return expression.desc() if descending else expression.asc()


def register_sqlite(sender, connection, **kwargs) -> None:
    """Every new SQLite connection gets the `vi` collation (connection_created signal)."""
    if connection.vendor == "sqlite":
        connection.connection.create_collation(SQLITE_NAME, compare)


def connect() -> None:
    connection_created.connect(register_sqlite, dispatch_uid="motcua-vi-collation")
