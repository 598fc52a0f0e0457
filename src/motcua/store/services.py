"""The applicant's e-document store: what goes in (e-results on electronic return, digitised
components at the desk), what may be reused (`usable_document`: the owner's, not removed, not
expired), the audit of every use, and removal by the owner.

Retention (docs/store.md): a stored document points to the dossier's own file, which is kept as the
dossier's record; the owner may remove a document from their store (`remove`): it is hidden and can
no longer be reused, its past uses stay in the audit. Nobody sees another applicant's store
(`selectors.documents_of` is always scoped to the asking applicant; an id of someone else's is 404)."""

from __future__ import annotations

from datetime import datetime

from django.db import IntegrityError, transaction

from motcua.core import clock
from motcua.dossiers import intake

from .models import DocumentUse, Source, StoredDocument


def _keep(applicant_id: int, source: str, defaults: dict, sha256: str) -> StoredDocument:
    try:
        with transaction.atomic():
            doc, _ = StoredDocument.objects.get_or_create(
                applicant_id=applicant_id, sha256=sha256, source=source, defaults=defaults
            )
    except IntegrityError:  # pragma: no cover - a concurrent insert of the same document
        doc = StoredDocument.objects.get(applicant_id=applicant_id, sha256=sha256, source=source)
    return doc


def keep_result(dossier, result, at: datetime) -> StoredDocument | None:
    """An issued e-result (a DossierResult with a file) into its applicant's store; idempotent."""
    if not result.file:
        return None
    signed = hasattr(result, "signature") and result.signature is not None
    return _keep(
        dossier.applicant_id,
        Source.E_RESULT,
        {
            "name": result.name[:500],
            "number": result.number,
            "issuer": dossier.competent_agency.name[:255],
            "valid_from": result.document_date,
            "source_dossier": dossier,
            "file": result.file.name,
            "original_name": intake.display_name(result.name, "pdf"),
            "size": result.file.size if result.file else 0,
            "content_type": "application/pdf",
            "signed": signed,
            "created_at": at,
        },
        result.sha256 or _digest(result.file),
    )


def keep_digitised(dossier, component, dossier_file, at: datetime) -> StoredDocument:
    """A digitised component's file (scanned at the desk) into its applicant's store; idempotent."""
    return _keep(
        dossier.applicant_id,
        Source.DIGITISED,
        {
            "name": component.name[:500],
            "issuer": dossier.receiving_agency.name[:255],
            "source_dossier": dossier,
            "file": dossier_file.file.name,
            "original_name": dossier_file.original_name,
            "size": dossier_file.size,
            "content_type": dossier_file.content_type,
            "signed": False,
            "created_at": at,
        },
        dossier_file.sha256,
    )


def _digest(field) -> str:
    import hashlib

    digest = hashlib.sha256()
    with field.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def usable_document(ref, applicant_id: int | None) -> StoredDocument | None:
    """The document `ref` (an id or a StoredDocument) if it is in `applicant_id`'s store, not removed
    and not expired today; None otherwise (whoever else it belongs to)."""
    if isinstance(ref, StoredDocument):
        ref = ref.pk
    try:
        pk = int(ref)
    except (TypeError, ValueError):
        return None
    if applicant_id is None:
        return None
    doc = StoredDocument.objects.filter(pk=pk, applicant_id=applicant_id, removed_at__isnull=True).first()
    if doc is None:
        return None
    today = clock.now().date()
    if doc.valid_until and doc.valid_until < today:
        return None
    return doc


def as_upload(document: StoredDocument) -> intake.NamedFile:
    """The stored file, opened, as the intake takes an upload."""
    handle = document.file.storage.open(document.file.name, "rb")
    return intake.NamedFile(handle, document.original_name, document.content_type, document.size)


def record_use(document: StoredDocument, dossier, position: int, actor, at: datetime) -> DocumentUse:
    name = dossier.components.filter(position=position).values_list("name", flat=True).first() or ""
    return DocumentUse.objects.create(
        document=document,
        dossier=dossier,
        position=position,
        component_name=name[:500],
        used_by=actor,
        used_at=at,
    )


def remove(document: StoredDocument, applicant_id: int) -> None:
    """The owner removes a document from their store (hidden, no longer reusable; the dossier keeps
    its file and the audit its uses). Another applicant's id: StoredDocument.DoesNotExist."""
    doc = StoredDocument.objects.get(pk=document.pk, applicant_id=applicant_id, removed_at__isnull=True)
    doc.removed_at = clock.now()
    doc.save(update_fields=["removed_at"])
