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


def offers_for(applicant_id: int, component_names: dict[int, str]) -> dict[int, list[StoredDocument]]:
    """For each component (position → name), the applicant's usable documents that match it: the
    same name, or a name containing the other (e.g. "Giấy khai sinh" and "Giấy khai sinh (bản
    chính)"), compared without case and accents. What the portal offers as "dùng lại"."""
    from motcua.core import clock
    from motcua.core.text import fold

    today = clock.now().date()
    docs = [
        d
        for d in StoredDocument.objects.filter(applicant_id=applicant_id, removed_at__isnull=True)
        if not (d.valid_until and d.valid_until < today)
    ]
    out: dict[int, list[StoredDocument]] = {}
    for position, name in component_names.items():
        key = fold(name).lower()
        matches = [d for d in docs if fold(d.name).lower() in key or key in fold(d.name).lower()]
        if matches:
            out[position] = matches
    return out
