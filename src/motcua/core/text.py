"""Vietnamese text folding for search: the same function feeds stored columns and queries,
so search behaves identically on SQLite and PostgreSQL."""

import re
import unicodedata

_SPACES = re.compile(r"\s+")
_D_TABLE = str.maketrans({"đ": "d", "Đ": "d"})


def fold(text: str | None) -> str:
    """Lower-case, drop diacritics, map đ→d, collapse whitespace."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFD", text.translate(_D_TABLE))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", stripped.lower()).strip()


def fold_terms(query: str | None) -> list[str]:
    """The folded words of a query; every one must match."""
    return [t for t in fold(query).split(" ") if t]
