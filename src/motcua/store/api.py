"""`/api/v1/store`: the applicant's own document store (docs/store.md). Only the caller's documents;
another applicant's id is 404, like one that does not exist."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Schema

from motcua.api.auth import api_auth
from motcua.api.errors import ApiError
from motcua.api.openapi import operation_doc
from motcua.dossiers.downloads import file_response
from motcua.portal.selectors import applicant_for

from . import selectors

router = Router(tags=["store"])


class UseOut(Schema):
    dossier: str
    component: str
    used_by: str
    used_at: str


class StoredOut(Schema):
    id: int
    name: str
    number: str
    issuer: str
    valid_from: str | None
    valid_until: str | None
    source: str
    source_dossier: str | None
    signed: bool
    download_url: str
    uses: list[UseOut]


def _out(d) -> dict:
    return {
        "id": d.pk,
        "name": d.name,
        "number": d.number,
        "issuer": d.issuer,
        "valid_from": d.valid_from.isoformat() if d.valid_from else None,
        "valid_until": d.valid_until.isoformat() if d.valid_until else None,
        "source": d.source,
        "source_dossier": d.source_dossier.code if d.source_dossier else None,
        "signed": d.signed,
        "download_url": f"/api/v1/store/{d.pk}/file",
        "uses": [
            {
                "dossier": u.dossier.code,
                "component": u.component_name,
                "used_by": str(u.used_by),
                "used_at": u.used_at.isoformat(),
            }
            for u in d.uses.all()
        ],
    }


def _applicant_id(request) -> int:
    applicant = applicant_for(request.auth)
    if applicant is None:
        raise ApiError(
            404, "store_not_found", "Tài khoản không có kho giấy tờ.", "This account has no store."
        )
    return applicant.pk


def _document(request, document_id: int):
    doc = selectors.document_of(_applicant_id(request), document_id)
    if doc is None:
        raise ApiError(404, "document_not_found", "Không tìm thấy giấy tờ.", "Document not found.")
    return doc


@router.get("", auth=api_auth, response=list[StoredOut], openapi_extra=operation_doc(400, 401, 404, 422))
def store_list(request: HttpRequest):
    """The caller's documents, newest first, each with its uses."""
    return [_out(d) for d in selectors.documents_of(_applicant_id(request))]


@router.get(
    "/{document_id}", auth=api_auth, response=StoredOut, openapi_extra=operation_doc(400, 401, 404, 422)
)
def store_document(request: HttpRequest, document_id: int):
    return _out(_document(request, document_id))


@router.get("/{document_id}/file", auth=api_auth, openapi_extra=operation_doc(400, 401, 404, 422))
def store_file(request: HttpRequest, document_id: int):
    doc = _document(request, document_id)
    return file_response(doc.file, name=doc.original_name, content_type=doc.content_type)
