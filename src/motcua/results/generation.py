"""A result generated from a template of the procedure version (HTML → PDF with WeasyPrint), filled
from the dossier, its applicant and its e-form, then reviewed and signed (`sign_result` with
`generate`). The version's `ResultTemplate.html` is the body (Django template language, values
auto-escaped); the frame (letterhead, signer, verification line) is `results/result.html`. Rendering
is offline (documents/rendering.py's URL fetcher)."""

from __future__ import annotations

from datetime import date
from functools import cache
from pathlib import Path
from types import SimpleNamespace

from django.conf import settings
from django.template import Context, Engine, TemplateSyntaxError

from motcua.documents.rendering import TEMPLATES_DIR, font_face_css, html_to_pdf
from motcua.dossiers.errors import InvalidParams

from .models import ResultTemplate

HERE = Path(__file__).resolve().parent / "templates"


@cache
def _engine() -> Engine:
    return Engine(
        dirs=[str(HERE), str(TEMPLATES_DIR)],
        app_dirs=False,
        debug=False,
        autoescape=True,
        string_if_invalid="",
        libraries={"docfmt": "motcua.documents.templatetags.docfmt"},
    )


def template_for(dossier) -> ResultTemplate | None:
    return ResultTemplate.objects.filter(version_id=dossier.procedure_version_id).first()


def render_html(dossier, *, number: str, signer: str, document_date: date, name: str = "") -> str:
    """The result as a complete HTML document (the preview the leader reviews)."""
    version = dossier.procedure_version
    template = template_for(dossier)
    agency = dossier.competent_agency
    data = {
        "dossier": dossier,
        "applicant": dossier.applicant,
        "eform": dossier.eform_data or {},
        "agency": agency,
        "procedure_name": version.name,
        "number": number,
        "signer": signer,
        "document_date": document_date,
    }
    try:
        source = template.html if template else (HERE / "results/default_body.html").read_text()
        body = _engine().from_string(source).render(Context(data))
    except TemplateSyntaxError as exc:
        raise InvalidParams(
            f"Mẫu kết quả của thủ tục có lỗi: {exc}",
            f"The procedure's result template has an error: {exc}",
            code="result_template_invalid",
        ) from None
    title = (
        name
        or (template.name if template else "")
        or next(iter(version.results.values_list("name", flat=True)), "Kết quả giải quyết")
    )
    parent = getattr(agency, "parent", None)
    form = SimpleNamespace(
        agency_name=agency.name,
        parent_agency_name=parent.name if parent else "",
        number=number,
        place=settings.MOTCUA_DOCUMENT_PLACE,
        issued_at=document_date,
        dossier_code=dossier.code,
    )
    context = {
        **data,
        "form": form,
        "title": title,
        "body": body,
        "font_face_css": font_face_css(),
        "signer_title": "Thủ trưởng cơ quan",
        "verify_url": f"{settings.MOTCUA_PUBLIC_URL}/xac-thuc/",
    }
    return _engine().get_template("results/result.html").render(Context(context))


def render_pdf(dossier, *, number: str, signer: str, document_date: date, name: str = "") -> bytes:
    """The result as a PDF (A4), not yet signed."""
    return html_to_pdf(
        render_html(dossier, number=number, signer=signer, document_date=document_date, name=name)
    )
