"""How every view hands a stored file (a dossier's component file, a result document, a draft's file) back
to a browser: with the content type the intake found in it (never the sender's), `nosniff`, a sandbox CSP,
no caching, and a Content-Disposition whose file name is made safe. Views check access first."""

from __future__ import annotations

from django.http import FileResponse, Http404

from . import intake

_BY_EXTENSION = {f".{k.extension}": k.content_type for k in intake.KINDS.values()} | {".jpeg": "image/jpeg"}
_KIND_OF_TYPE = {k.content_type: key for key, k in intake.KINDS.items()}


def served_type(content_type: str, name: str = "") -> str:
    """The content type to send: a checked one (PDF, JPEG, PNG) as stored; for rows without one (result
    documents) the type of the stored name's extension when it is a checked kind; anything else
    (rows stored before the intake existed) `application/octet-stream`."""
    if content_type in intake.SERVED_TYPES:
        return content_type
    if not content_type and "." in name:
        return _BY_EXTENSION.get(name[name.rfind(".") :].lower(), "application/octet-stream")
    return "application/octet-stream"


def file_response(stored_file, *, name: str, content_type: str = "", inline: bool = False) -> FileResponse:
    """A response streaming `stored_file` (a FieldFile) as `name`. `inline` only for checked types: any
    other file is always an attachment. Raises Http404 when the row has no file."""
    if not stored_file:
        raise Http404
    served = served_type(content_type, stored_file.name)
    kind = _KIND_OF_TYPE.get(served)
    shown = intake.display_name(name, kind) if kind else intake.sent_name(name)
    response = FileResponse(
        stored_file.open("rb"), content_type=served, as_attachment=not (inline and kind), filename=shown
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    # Active content never runs from an upload, even when viewed in a page's frame.
    response["Content-Security-Policy"] = (
        "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox"
    )
    return response


def result_for_download(dossier, result_id, user):
    """The result document `result_id` of `dossier` with a file that `user` (who may see the dossier)
    may download, or None: its applicant only once the result is ready or returned; staff always."""
    from motcua.organizations.models import Applicant

    from .models import DossierResult
    from .states import State

    try:
        row = DossierResult.objects.filter(pk=int(result_id), dossier=dossier).exclude(file="").first()
    except (TypeError, ValueError):
        return None
    if row is None:
        return None
    owner = Applicant.objects.filter(user_id=user.pk, pk=dossier.applicant_id).exists()
    if owner and dossier.state not in (State.RESULT_READY, State.RETURNED):
        return None
    return row
