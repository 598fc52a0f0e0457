"""Forms 01–07 to HTML (Django templates) and PDF (WeasyPrint), offline.

The templates live in `templates/documents/` and are rendered by an engine of our own, so rendering works
the same inside a request, a background job or a script, whatever the project's TEMPLATES say.

Nothing here touches the network: WeasyPrint gets a URL fetcher that serves `data:` URIs and files under
this app's templates and the font directories, and refuses everything else (a stray `http://` in a template
or in applicant data becomes a missing image, never a request).
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.template import Context, Engine

from .forms import (
    FORM_TEMPLATES,
    AnyForm,
    Form07TrackingBook,
    form_number,
    form_title,
    template_of,
)
from .qr import qr_svg_data_uri

APP_DIR = Path(__file__).resolve().parent
TEMPLATES_DIR = APP_DIR / "templates"

# Which template file prints each form: the versioned registry (forms.FORM_TEMPLATES).
TEMPLATE_NAMES: dict[type, str] = {kind: t.template for kind, t in FORM_TEMPLATES.items()}

# Liberation Serif: metric-compatible with Times New Roman, full Vietnamese (Debian: fonts-liberation2).
FONT_FAMILY = "Liberation Serif"
FONT_FILES = {
    ("normal", "normal"): "LiberationSerif-Regular.ttf",
    ("bold", "normal"): "LiberationSerif-Bold.ttf",
    ("normal", "italic"): "LiberationSerif-Italic.ttf",
    ("bold", "italic"): "LiberationSerif-BoldItalic.ttf",
}
FONT_DIRS = (
    "/usr/share/fonts/truetype/liberation2",
    "/usr/share/fonts/truetype/liberation",
    "/usr/share/fonts/liberation-serif",  # Fedora, for developers elsewhere
    "/usr/local/share/fonts",
)


@cache
def font_dir() -> Path | None:
    """Where Liberation Serif's files are: $MOTCUA_FONT_DIR first, then the usual system folders.

    None means none was found: the CSS then asks fontconfig for the family by name (`local()`)."""
    candidates = [os.environ.get("MOTCUA_FONT_DIR", ""), *FONT_DIRS]
    for candidate in candidates:
        if candidate and (Path(candidate) / FONT_FILES["normal", "normal"]).is_file():
            return Path(candidate).resolve()
    return None


def font_face_css() -> str:
    directory = font_dir()
    rules = []
    for (weight, style), filename in FONT_FILES.items():
        sources = [f'local("{FONT_FAMILY}")']
        if directory is not None:
            sources.insert(0, f'url("{(directory / filename).as_uri()}")')
        rules.append(
            f"@font-face {{ font-family: '{FONT_FAMILY}'; "
            f"font-weight: {weight}; font-style: {style}; src: {', '.join(sources)}; }}"
        )
    return "\n".join(rules)


@cache
def _engine() -> Engine:
    return Engine(
        dirs=[str(TEMPLATES_DIR)],
        app_dirs=False,
        debug=False,
        autoescape=True,
        string_if_invalid="",
        libraries={"docfmt": "motcua.documents.templatetags.docfmt"},
    )


class RefusedURL(ValueError):
    pass


def _local_roots() -> tuple[Path, ...]:
    roots = [TEMPLATES_DIR]
    directory = font_dir()
    if directory is not None:
        roots.append(directory)
    return tuple(roots)


def _url_fetcher_class():
    from weasyprint.urls import URLFetcher

    class LocalOnlyURLFetcher(URLFetcher):
        """Serves data: URIs and files under our own folders; refuses anything else, network above all."""

        def __init__(self):
            super().__init__(allowed_protocols={"data", "file"}, allow_redirects=False, timeout=1)

        def fetch(self, url, headers=None):
            parts = urlsplit(url)
            scheme = parts.scheme.lower()
            if scheme == "file":
                path = Path(unquote(parts.path)).resolve()
                if not any(path.is_relative_to(root) for root in _local_roots()):
                    raise RefusedURL(f"Not an allowed local file: {url}")
            elif scheme != "data":
                raise RefusedURL(f"Documents are rendered offline; refused: {url[:100]}")
            return super().fetch(url, headers)

    return LocalOnlyURLFetcher


def local_only_url_fetcher():
    return _url_fetcher_class()()


def _context(form: AnyForm) -> dict:
    context = {
        "form": form,
        "form_number": form_number(form),
        "title": form_title(form),
        "circular": template_of(form).circular,
        "template": template_of(form),
        "font_face_css": font_face_css(),
        "landscape": isinstance(form, Form07TrackingBook),
    }
    lookup = getattr(form, "lookup_url", "")
    if lookup:
        context["qr_data_uri"] = qr_svg_data_uri(lookup)
    return context


def render_form_html(form: AnyForm) -> str:
    """The form as a complete HTML document (also fine for an on-screen preview)."""
    try:
        template_name = TEMPLATE_NAMES[type(form)]
    except KeyError:
        raise TypeError(f"Not a form this module renders: {type(form).__name__}") from None
    template = _engine().get_template(template_name)
    return template.render(Context(_context(form)))


def html_to_pdf(html: str) -> bytes:
    """HTML to PDF with WeasyPrint, offline (see the module docstring)."""
    from weasyprint import HTML

    document = HTML(string=html, base_url=TEMPLATES_DIR.as_uri() + "/", url_fetcher=local_only_url_fetcher())
    return document.write_pdf()


def render_form_pdf(form: AnyForm) -> bytes:
    """The form as a PDF (A4; the tracking book A4 landscape)."""
    return html_to_pdf(render_form_html(form))
