"""Issuing and returning results (Decree 45/2020/NĐ-CP, Article 25: an e-result has the legal value
of the paper one): what `issue_result` and `return_result` ask of the result documents. The lifecycle
calls `prepare` → (its routing) → `write` from `issue_result`, and `check_return` / `after_return`
from `return_result`; nothing else issues a result.

A result the procedure defines as a document (`catalog.Result.is_document`, the default) is issued
only with, for each document: number, date, signer and a file — a PDF checked by the intake
(`dossiers/intake.py`, by content) or one the agency signed here (`sign_result`, its id as `signed`).
A dossier returned on the electronic channel must hold at least one result with a file.

Refusals (422): `result_document_required` (`extra["missing"]` lists `{"index", "fields"}`),
`signed_result_unknown`, `invalid_document_date`, `e_result_required`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from motcua.catalog.models import Result
from motcua.dossiers import intake
from motcua.dossiers.errors import InvalidParams
from motcua.dossiers.models import DossierResult
from motcua.dossiers.states import Outcome, ReturnChannel

from .models import SignedDocument, SignedKind


class ResultDocumentRequired(InvalidParams):
    code = "result_document_required"


class EResultRequired(InvalidParams):
    code = "e_result_required"


FIELD_NAMES = {"number": "số, ký hiệu", "document_date": "ngày ban hành", "signer": "người ký", "file": "tệp"}


@dataclass
class Prepared:
    name: str
    number: str
    signer: str
    document_date: date | None
    checked: intake.Checked | None = None
    signed: SignedDocument | None = None
    is_electronic: bool = False


def documents_required(dossier) -> bool:
    """Whether the dossier's procedure version defines its result as a document (and the dossier was
    approved: a refusal's result is the refusal notice, form 03)."""
    if dossier.outcome == Outcome.REJECTED:
        return False
    return Result.objects.filter(version_id=dossier.procedure_version_id, is_document=True).exists()


def _date(value) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        raise InvalidParams(
            "Ngày ban hành không hợp lệ (YYYY-MM-DD).",
            "document_date must be a date (YYYY-MM-DD).",
            code="invalid_document_date",
        ) from None


def _items(ctx) -> list[dict]:
    results = ctx.param("results") or []
    if not results and (ctx.param("number") or ctx.param("signed")):
        results = [
            {
                key: ctx.param(key)
                for key in ("number", "name", "signer", "document_date", "file", "signed")
                if ctx.param(key) not in (None, "")
            }
        ]
    if not isinstance(results, list) or not all(isinstance(r, dict) for r in results):
        raise InvalidParams("Danh sách kết quả không hợp lệ.", "results must be a list of objects.")
    return results


def _signed(ctx, value) -> SignedDocument:
    try:
        pk = int(value)
    except (TypeError, ValueError):
        pk = None
    found = (
        SignedDocument.objects.filter(
            pk=pk, dossier=ctx.dossier, kind=SignedKind.RESULT, result__isnull=True
        ).first()
        if pk
        else None
    )
    if found is None:
        raise InvalidParams(
            "Không tìm thấy văn bản đã ký số chờ ban hành của hồ sơ này.",
            "No signed result waiting to be issued in this dossier has that id.",
            code="signed_result_unknown",
        )
    return found


def prepare(ctx) -> list[Prepared]:
    """Every check of an `issue_result` before anything is written: the items (`results` or the
    single `number`/`name`/`signer`/`document_date`/`file`/`signed`), their files through the intake
    (`RESULT`: PDF by content), the signed documents they name, and the document rule above."""
    items = _items(ctx)
    uploads = [item["file"] for item in items if item.get("file") and not item.get("signed")]
    checked = iter(intake.check_all({"results": uploads}, use=intake.RESULT).get("results", []))
    default_name = (
        next(
            iter(
                Result.objects.filter(version_id=ctx.dossier.procedure_version_id).values_list(
                    "name", flat=True
                )
            ),
            "",
        )
        or "Kết quả giải quyết"
    )
    out = []
    for item in items:
        if item.get("signed"):
            doc = _signed(ctx, item["signed"])
            out.append(
                Prepared(
                    doc.name, doc.number, doc.signer_name, doc.document_date, signed=doc, is_electronic=True
                )
            )
            continue
        document = next(checked) if item.get("file") else None
        out.append(
            Prepared(
                name=(str(item.get("name") or "").strip() or default_name)[:500],
                number=str(item.get("number") or "").strip()[:100],
                signer=str(item.get("signer") or "").strip()[:255],
                document_date=_date(item.get("document_date")),
                checked=document,
                is_electronic=bool(item.get("is_electronic") or document),
            )
        )
    if documents_required(ctx.dossier):
        _require_documents(out)
    return out


def _require_documents(items: list[Prepared]) -> None:
    missing = []
    for index, item in enumerate(items, start=1):
        fields = [
            name
            for name, present in (
                ("number", item.number),
                ("document_date", item.document_date),
                ("signer", item.signer),
                ("file", item.checked or item.signed),
            )
            if not present
        ]
        if fields:
            missing.append({"index": index, "fields": fields})
    if not items or missing:
        what_vi = (
            "; ".join(
                f"giấy tờ {m['index']}: thiếu " + ", ".join(FIELD_NAMES[f] for f in m["fields"])
                for m in missing
            )
            or "chưa có giấy tờ nào"
        )
        what_en = (
            "; ".join(f"document {m['index']}: missing " + ", ".join(m["fields"]) for m in missing)
            or "none given"
        )
        raise ResultDocumentRequired(
            "Kết quả của thủ tục này là giấy tờ: cần số, ký hiệu, ngày ban hành, người ký và tệp PDF "
            f"(hoặc văn bản đã ký số) — {what_vi}.",
            "This procedure's result is a document: it needs a number, a date, a signer and a PDF file "
            f"(or a document signed here) — {what_en}.",
            missing=missing or [{"index": 1, "fields": list(FIELD_NAMES)}],
        )


def write(ctx, prepared: list[Prepared], remember) -> list[DossierResult]:
    """The result rows and their files (one folder for this issue); `remember(storage, name)` lets the
    lifecycle delete the files if the transaction rolls back."""
    d = ctx.dossier
    storage = DossierResult._meta.get_field("file").storage
    folder = intake.new_folder("dossier-results", d.code) if any(p.checked for p in prepared) else ""
    rows = []
    for item in prepared:
        stored, digest = "", ""
        if item.checked is not None:
            stored = intake.store(item.checked, f"{folder}/{item.checked.storage_name}", storage)
            remember(storage, stored)
            digest = item.checked.sha256
        elif item.signed is not None:
            stored, digest = item.signed.file.name, item.signed.sha256
        row = DossierResult.objects.create(
            dossier=d,
            name=item.name,
            number=item.number,
            signer=item.signer,
            document_date=item.document_date,
            sha256=digest,
            file=stored,
            is_electronic=item.is_electronic,
            issued_at=ctx.now,
        )
        if item.signed is not None:
            SignedDocument.objects.filter(pk=item.signed.pk).update(result=row)
        rows.append(row)
    ctx.data["results"] = len(prepared)
    if any(p.signed for p in prepared):
        ctx.data["signed_results"] = [p.signed.pk for p in prepared if p.signed]
    return rows


def check_return(ctx, channel: str) -> None:
    """EResultRequired unless a dossier returned electronically holds a result with a file."""
    if channel != ReturnChannel.ELECTRONIC:
        return
    if not DossierResult.objects.filter(dossier=ctx.dossier).exclude(file="").exists():
        raise EResultRequired(
            "Chưa có kết quả điện tử (tệp) để trả qua mạng; hãy ban hành kết quả có tệp hoặc chọn trả "
            "tại bộ phận một cửa / qua bưu chính.",
            "There is no e-result (file) to return electronically; issue a result with a file or return "
            "it at the desk / by post.",
        )


def after_return(ctx, channel: str) -> None:
    """Electronic return: each e-result goes into the applicant's store (`motcua.store`)."""
    if channel != ReturnChannel.ELECTRONIC:
        return
    from motcua.store import services as store

    for row in DossierResult.objects.filter(dossier=ctx.dossier).exclude(file=""):
        store.keep_result(ctx.dossier, row, ctx.now)
    ctx.data["stored_e_results"] = True
