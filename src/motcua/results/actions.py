"""Lifecycle actions of signing and digitisation, registered in `lifecycle.ACTIONS` (imported at the end
of dossiers/lifecycle.py) so they run in `perform`'s frame: row lock, permission, expected version,
one event naming the actor and on whose behalf (a delegated grant), one outbox row.

- `sign_result` (leader of the competent agency, after the decision): a result PDF — uploaded
  (`file`, checked by the intake: PDF by content) or generated from the version's template
  (`generate=True`) — signed PAdES with the agency's certificate; waits as a SignedDocument for the
  clerk's `issue_result` (`results=[{"signed": id}]`). Params: `number`, `document_date` (ISO date,
  default today in Việt Nam), `name`, `signer` (default the actor's name), `file` | `generate`.
- `digitise` (desk officer of the receiving agency): scans of components, each with `pages` and
  `original_seen`; the components are marked digitised (sync flag `DuocSoHoa`), each scan enters the
  applicant's store, and the digitised set (a manifest of the components, pages and SHA-256 of each
  scan) is signed with the receiving agency's certificate in the officer's name.
"""

from __future__ import annotations

from django.core.files.base import ContentFile

from motcua.core import clock
from motcua.dossiers import components as dossier_components
from motcua.dossiers import intake
from motcua.dossiers import lifecycle as lc
from motcua.dossiers.errors import InvalidParams
from motcua.dossiers.models import DossierFile
from motcua.dossiers.states import State
from motcua.organizations.models import User

from . import generation, issuing, keys, signing
from .models import DigitisedComponent, SignedDocument, SignedKind

VN_TZ = lc.deadlines.VN_TZ


def _user_name(user_id) -> str:
    user = User.objects.filter(pk=user_id).first() if user_id else None
    return str(user) if user else ""


def _store_signed(ctx, data: bytes, name: str) -> str:
    storage = SignedDocument._meta.get_field("file").storage
    folder = intake.new_folder("signed", ctx.dossier.code)
    stored = storage.save(f"{folder}/{intake.storage_name(name, 'pdf')}", ContentFile(data), max_length=500)
    lc._remember(storage, stored)
    return stored


def _sign(ctx, data: bytes, *, agency, signer: str, reason: str):
    on_behalf = _user_name(ctx.grant.on_behalf_of_id) if ctx.grant else ""
    certificate = keys.active_for(agency.pk)
    signed = signing.sign_pdf(
        data,
        certificate,
        signer_name=signer,
        agency_name=agency.name,
        on_behalf_of=on_behalf,
        reason=reason,
    )
    return signed, certificate, on_behalf


@lc.action(
    "sign_result", authorize=lc.auth_leader, from_states=(State.APPROVED, State.REJECTED), public=False
)
def _sign_result(ctx) -> None:
    d = ctx.dossier
    number = str(ctx.param("number") or "").strip()[:100]
    if not number:
        raise InvalidParams(
            "Cần số, ký hiệu của văn bản kết quả.",
            "The result needs a number.",
            code="result_number_required",
        )
    document_date = issuing._date(ctx.param("document_date")) or clock.now().astimezone(VN_TZ).date()
    signer = str(ctx.param("signer") or "").strip()[:255] or str(ctx.actor)
    name = str(ctx.param("name") or "").strip()[:500]
    generated = False
    if ctx.param("file"):
        checked = intake.check_file(ctx.param("file"), use=intake.RESULT)
        checked.file.seek(0)
        data = checked.file.read()
        name = name or checked.name.rsplit(".", 1)[0]
    elif ctx.param("generate"):
        data = generation.render_pdf(d, number=number, signer=signer, document_date=document_date, name=name)
        generated = True
    else:
        raise InvalidParams(
            "Hãy tải lên tệp PDF kết quả hoặc tạo kết quả từ mẫu.",
            "Upload the result PDF or generate it from the template.",
            code="result_document_required",
        )
    if not name:
        name = next(iter(d.procedure_version.results.values_list("name", flat=True)), "Kết quả giải quyết")
    agency = d.competent_agency
    signed, certificate, on_behalf = _sign(
        ctx, data, agency=agency, signer=signer, reason=f"Ban hành {name} số {number}"
    )
    doc = SignedDocument.objects.create(
        kind=SignedKind.RESULT,
        dossier=d,
        name=name,
        number=number,
        document_date=document_date,
        signer_name=signer,
        file=_store_signed(ctx, signed.data, name),
        sha256=signed.sha256,
        size=len(signed.data),
        certificate=certificate,
        agency=agency,
        signed_by=ctx.actor,
        on_behalf_of_id=ctx.grant.on_behalf_of_id if ctx.grant else None,
        signed_at=ctx.now,
        generated=generated,
        timestamped=signed.timestamped,
    )
    ctx.data.update(
        {
            "signed_document": doc.pk,
            "number": number,
            "signer": signer,
            "on_behalf_of": on_behalf,
            "generated": generated,
        }
    )


DIGITISE_STATES = (
    State.RECEIVED,
    State.PROCESSING,
    State.SUPPLEMENT_REQUESTED,
    State.PAYMENT_REQUESTED,
    State.APPROVED,
    State.REJECTED,
    State.RESULT_READY,
)


def _pages(value) -> int:
    try:
        pages = int(value)
    except (TypeError, ValueError):
        pages = 0
    if not 1 <= pages <= 10_000:
        raise InvalidParams(
            "Số trang của bản số hóa phải từ 1 đến 10.000.",
            "A digitised component's page count must be 1–10,000.",
            code="invalid_pages",
        )
    return pages


@lc.action("digitise", authorize=lc.auth_desk, from_states=DIGITISE_STATES, public=False)
def _digitise(ctx) -> None:
    d = ctx.dossier
    components = ctx.param("components") or []
    if not isinstance(components, list) or not components or not all(isinstance(c, dict) for c in components):
        raise InvalidParams(
            "Cần ít nhất một thành phần hồ sơ với bản quét.",
            "At least one component with its scan is required.",
            code="components_required",
        )
    meta = {}
    for item in components:
        if not item.get("files"):
            raise InvalidParams(
                f"Thành phần số {item.get('position')} chưa có bản quét.",
                f"Component {item.get('position')} has no scan.",
                code="scan_required",
            )
        meta[int(item["position"])] = (_pages(item.get("pages")), bool(item.get("original_seen")))
    dossier_components.add(ctx, [{**c, "digitised": True, "reused_from_store": False} for c in components])
    written, _ = dossier_components.write(ctx, ctx.pending_components, lc._remember)
    checked = {p: [c.sha256 for c in item["files"]] for p, item in ctx.pending_components.items()}
    ctx.pending_components = {}
    files = {
        (f.component.position, f.sha256): f
        for f in DossierFile.objects.filter(
            component__dossier=d, component__position__in=list(meta)
        ).select_related("component")
    }
    officer = str(ctx.actor)
    lines = []
    for component in written:
        pages, seen = meta[component.position]
        for digest in checked[component.position]:
            lines.append(
                (component.position, component.name, pages, seen, files[(component.position, digest)])
            )
    manifest = _manifest_pdf(d, lines, officer)
    agency = d.receiving_agency
    signed, certificate, _ = _sign(ctx, manifest, agency=agency, signer=officer, reason="Số hóa hồ sơ")
    doc = SignedDocument.objects.create(
        kind=SignedKind.DIGITISED_SET,
        dossier=d,
        name=f"Bộ hồ sơ số hóa {d.code}",
        document_date=ctx.now.astimezone(VN_TZ).date(),
        signer_name=officer,
        file=_store_signed(ctx, signed.data, f"so-hoa-{d.code}"),
        sha256=signed.sha256,
        size=len(signed.data),
        certificate=certificate,
        agency=agency,
        signed_by=ctx.actor,
        on_behalf_of_id=ctx.grant.on_behalf_of_id if ctx.grant else None,
        signed_at=ctx.now,
        timestamped=signed.timestamped,
    )
    from motcua.store import services as store

    for component in written:
        pages, seen = meta[component.position]
        DigitisedComponent.objects.create(
            dossier=d,
            position=component.position,
            pages=pages,
            original_seen=seen,
            officer=ctx.actor,
            at=ctx.now,
            signed_set=doc,
        )
        for digest in checked[component.position]:
            store.keep_digitised(d, component, files[(component.position, digest)], ctx.now)
    ctx.data.update({"digitised": sorted(meta), "signed_document": doc.pk})


def _manifest_pdf(dossier, lines, officer: str) -> bytes:
    from django.utils.html import escape

    from motcua.documents.rendering import font_face_css, html_to_pdf

    rows = "".join(
        f"<tr><td>{p}</td><td>{escape(n)}</td><td>{pages}</td><td>{'Có' if seen else 'Không'}</td>"
        f"<td>{escape(f.original_name)}</td><td class='h'>{f.sha256}</td></tr>"
        for p, n, pages, seen, f in lines
    )
    html = (
        "<html lang='vi'><head><meta charset='utf-8'><style>"
        + font_face_css()
        + "html{font-family:'Liberation Serif',serif;font-size:11pt}"
        "table{border-collapse:collapse;width:100%}"
        "td,th{border:0.6pt solid #000;padding:2pt;vertical-align:top} .h{font-size:7pt;word-break:break-all}"
        "</style></head><body>"
        f"<h2>BIÊN BẢN SỐ HÓA HỒ SƠ {escape(dossier.code)}</h2>"
        f"<p>Nơi tiếp nhận: {escape(dossier.receiving_agency.name)}. Người số hóa: {escape(officer)}.</p>"
        "<table><tr><th>TT</th><th>Thành phần</th><th>Số trang</th><th>Đối chiếu bản chính</th><th>Tệp</th>"
        f"<th>SHA-256</th></tr>{rows}</table></body></html>"
    )
    return html_to_pdf(html)
