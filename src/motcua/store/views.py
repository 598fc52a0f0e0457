"""`/kho-giay-to/`: the applicant's own document store — each document with type, issuer, validity,
source, and who used it in which dossier when; download; remove. Only the owner: anyone else's id
is a 404 (`selectors.document_of` is scoped to the asking applicant)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from motcua.dossiers.downloads import file_response
from motcua.portal.selectors import applicant_for

from . import selectors, services


def _applicant(request):
    applicant = applicant_for(request.user)
    if applicant is None:
        raise Http404(_("Mục này dành cho tài khoản công dân, tổ chức nộp hồ sơ."))
    return applicant


@login_required
def my_store(request):
    applicant = _applicant(request)
    documents = list(selectors.documents_of(applicant.pk))
    response = render(request, "store/list.html", {"documents": documents})
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def document_file(request, document_id: int):
    applicant = _applicant(request)
    document = selectors.document_of(applicant.pk, document_id)
    if document is None:
        raise Http404(_("Không tìm thấy giấy tờ."))
    return file_response(document.file, name=document.original_name, content_type=document.content_type)


@login_required
@require_POST
def remove(request, document_id: int):
    applicant = _applicant(request)
    document = selectors.document_of(applicant.pk, document_id)
    if document is None:
        raise Http404(_("Không tìm thấy giấy tờ."))
    services.remove(document, applicant.pk)
    messages.success(request, _("Đã xóa giấy tờ khỏi kho; hồ sơ đã dùng giấy tờ này vẫn giữ bản của mình."))
    return redirect("store:list")
