"""The components an action adds to a dossier: checked before anything is written (`add`: positions
against the catalogue, reuse claims, every file through the intake), written after the dossier's row
(`write`). Called by the lifecycle (dossiers/lifecycle.py) only: `ctx` is its action context."""

from __future__ import annotations

from motcua.core import compiled_insert

from . import intake, submission
from .errors import InvalidParams
from .models import DossierComponent, DossierFile


def add(ctx, components) -> None:
    """Components as `[{position, files: [File], digitised, reused_from_store, note}]`: positions checked
    against the catalogue, reuse claims by `submission.verify_reuse` (an applicant's are refused, 422
    `reuse_not_verifiable`; staff's are recorded in the event's data, the event naming the actor) and
    every file by the intake (type by content, sizes, counts with what the dossier already holds)
    before anything is written; the lifecycle's `_commit` writes them (`write`) after the dossier's row."""
    catalogue = ctx.rules.components
    items: dict[int, dict] = {}
    for item in components:
        try:
            position = int(item.get("position"))
        except (TypeError, ValueError):
            raise InvalidParams(
                "Thành phần hồ sơ thiếu số thứ tự.", "A component needs a position."
            ) from None
        if position not in catalogue:
            raise InvalidParams(
                f"Thủ tục không có thành phần hồ sơ số {position}.",
                f"The procedure has no component {position}.",
                code="unknown_component",
            )
        merged = items.setdefault(position, {"files": []})
        for flag in ("digitised", "reused_from_store"):
            merged[flag] = merged.get(flag) or bool(item.get(flag))
        if item.get("note"):
            merged["note"] = str(item["note"])[:500]
        if item.get("store_document"):  # "dùng lại": a document of the applicant's store
            merged["store_document"], merged["reused_from_store"] = item["store_document"], True
        merged["files"].extend(item.get("files") or ())
    claimed = {p: item.get("store_document") for p, item in items.items() if item["reused_from_store"]}
    verified = submission.verify_reuse(
        claimed, as_applicant=ctx.as_applicant, applicant_id=ctx.dossier.applicant_id
    )
    for position, document in verified.items():
        items[position]["reuse_verified"] = True
        if document is not None:  # its file enters the dossier through the intake like any upload
            items[position]["store_document"] = document
            items[position]["files"].append(submission.reused_file(document))
    uploads = {p: item["files"] for p, item in items.items() if item["files"]}
    checked = intake.check_all(uploads, use=intake.COMPONENT, holding=_holding(ctx, uploads))
    for position, item in items.items():
        item["files"] = checked.get(position, [])
    if items:
        ctx.data["components"] = sorted(items)
    if verified:  # who vouched for it is the event's actor
        ctx.data["reused_from_store"] = sorted(verified)
    ctx.pending_components = items


def _holding(ctx, uploads: dict) -> intake.Holding:
    """What the dossier already stores (one query, only when files arrive for a stored dossier)."""
    if not uploads or ctx.created or ctx.dossier.pk is None:
        return intake.Holding()
    return intake.dossier_holding(ctx.dossier)


def write(ctx, items: dict[int, dict], remember) -> tuple[list[DossierComponent], list[DossierFile]]:
    """One read of the dossier's components (none for a new dossier), one INSERT for the new ones,
    an UPDATE for each changed old one, then the checked files: stored under a folder of this action
    (`intake.new_folder`), one INSERT for their rows (the INSERTs precompiled: core/compiled_insert.py).
    Returns the components written to (new or old) and the file rows written; `remember(storage,
    name)` is told of every file stored, so that a failed action removes it."""
    d = ctx.dossier
    if not items:
        return [], []
    existing = {} if ctx.created else {c.position: c for c in d.components.filter(position__in=list(items))}
    new, changed = [], []
    for position, item in items.items():
        component = existing.get(position)
        if component is None:
            component = DossierComponent(dossier=d, position=position, name=ctx.rules.components[position])
            new.append(component)
        elif (
            (item["digitised"] and not component.digitised)
            or (item["reused_from_store"] and not component.reused_from_store)
            or (item.get("note") and item["note"] != component.note)
        ):
            changed.append(component)
        component.digitised = component.digitised or item["digitised"]
        component.reused_from_store = component.reused_from_store or item["reused_from_store"]
        if item.get("note"):
            component.note = item["note"]
        existing[position] = component
    compiled_insert.insert_many(new)  # bulk_create, its SQL built once
    for component in changed:
        component.save(update_fields=["digitised", "reused_from_store", "note"])
    rows, folder = [], None
    storage = DossierFile._meta.get_field("file").storage
    for position, item in items.items():
        for checked in item["files"]:
            folder = folder or intake.new_folder("dossiers", d.code)
            name = intake.store(checked, f"{folder}/{position}/{checked.storage_name}", storage)
            remember(storage, name)
            rows.append(
                DossierFile(
                    component=existing[position],
                    file=name,
                    original_name=checked.name,
                    size=checked.size,
                    content_type=checked.content_type,
                    sha256=checked.sha256,
                    uploaded_by=ctx.actor,
                )
            )
    compiled_insert.insert_many(rows)
    submission.record_reuse(d, items, ctx.actor, ctx.now)
    return [existing[p] for p in items], rows
