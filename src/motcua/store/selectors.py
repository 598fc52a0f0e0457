"""Reads of the applicant's store, always scoped to one applicant."""

from __future__ import annotations

from django.db.models import Prefetch

from .models import DocumentUse, StoredDocument


def documents_of(applicant_id: int):
    """The applicant's documents (not removed), newest first, with their uses."""
    return (
        StoredDocument.objects.filter(applicant_id=applicant_id, removed_at__isnull=True)
        .select_related("source_dossier")
        .prefetch_related(Prefetch("uses", queryset=DocumentUse.objects.select_related("dossier", "used_by")))
    )


def document_of(applicant_id: int, pk) -> StoredDocument | None:
    """One of the applicant's documents, or None (also for another applicant's id)."""
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        return None
    return documents_of(applicant_id).filter(pk=pk).first()


def usable_of(applicant_id: int) -> list[StoredDocument]:
    """The applicant's documents that may be reused today (not removed, not expired), one query."""
    from django.db.models import Q

    from motcua.core import clock

    today = clock.now().date()
    return list(
        StoredDocument.objects.filter(applicant_id=applicant_id, removed_at__isnull=True).filter(
            Q(valid_until__isnull=True) | Q(valid_until__gte=today)
        )
    )


def offers_for(documents: list[StoredDocument], component_names: dict[int, str]) -> dict[int, list]:
    """For each component (position → name), `documents` ordered with the matching ones first: the
    same name, or a name containing the other (e.g. "Giấy khai sinh" and "Giấy khai sinh (bản
    chính)"), compared without case and accents. What the portal offers as "dùng lại"."""
    from motcua.core.text import fold

    out: dict[int, list] = {}
    for position, name in component_names.items():
        key = fold(name).lower()
        matches = [d for d in documents if fold(d.name).lower() in key or key in fold(d.name).lower()]
        out[position] = matches + [d for d in documents if d not in matches]
    return out
