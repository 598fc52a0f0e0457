"""The e-receipt (biên lai điện tử) of a paid attempt as a PDF, rendered like forms 01–07
(`documents/rendering.py`: Django template, WeasyPrint, offline), template `documents/e_receipt.html`.

`receipt_for(attempt)` → `EReceipt` (ValueError when the attempt has no receipt number: not paid);
`receipt_pdf(attempt)` → PDF bytes. Amount in figures and in Vietnamese words (`words.amount_in_words`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.template import Context

from motcua.documents import builders
from motcua.documents.forms import Letterhead
from motcua.documents.qr import lookup_url, qr_svg_data_uri
from motcua.documents.rendering import _engine, font_face_css, html_to_pdf

from .words import amount_in_words

GATEWAY_NAMES = {
    "vnpay": "cổng thanh toán VNPay",
    "national": "Nền tảng thanh toán trên Cổng Dịch vụ công quốc gia",
}


@dataclass(frozen=True)
class ReceiptLine:
    name: str
    quantity: int
    unit_amount: int
    amount: int


@dataclass(frozen=True, kw_only=True)
class EReceipt(Letterhead):
    dossier_code: str
    procedure_name: str
    payer_name: str
    payer_id: str = ""
    payer_address: str = ""
    lines: tuple[ReceiptLine, ...]
    amount: int
    amount_words: str
    gateway_name: str
    txn_ref: str
    transaction_no: str = ""
    paid_at: dt.datetime
    lookup_url: str = ""


def receipt_for(attempt, *, base_url: str | None = None) -> EReceipt:
    if not attempt.receipt_number or attempt.paid_at is None:
        raise ValueError(f"{attempt.txn_ref}: not paid, no receipt")
    d = attempt.dossier
    applicant = d.applicant
    agency = d.receiving_agency
    return EReceipt(
        agency_name=agency.name,
        parent_agency_name=agency.parent.name if agency.parent_id else "",
        number=attempt.receipt_number,
        place=builders.default_place(),
        issued_at=attempt.paid_at,
        dossier_code=d.code,
        procedure_name=d.procedure_version.name,
        payer_name=applicant.full_name,
        payer_id=applicant.id_number,
        payer_address=applicant.address,
        lines=tuple(
            ReceiptLine(
                str(line.get("name", "")),
                int(line.get("quantity") or 1),
                int(line.get("unit_amount") or line.get("amount") or 0),
                int(line.get("amount") or 0),
            )
            for line in attempt.lines
        ),
        amount=attempt.amount,
        amount_words=amount_in_words(attempt.amount),
        gateway_name=GATEWAY_NAMES.get(attempt.gateway, attempt.gateway),
        txn_ref=attempt.txn_ref,
        transaction_no=attempt.gateway_transaction_no,
        paid_at=attempt.paid_at,
        lookup_url=lookup_url(base_url or builders.default_base_url(), d.code),
    )


def receipt_html(receipt: EReceipt) -> str:
    context = {
        "form": receipt,
        "title": "Biên lai thu phí, lệ phí",
        "font_face_css": font_face_css(),
        "landscape": False,
        "qr_data_uri": qr_svg_data_uri(receipt.lookup_url) if receipt.lookup_url else "",
    }
    return _engine().get_template("documents/e_receipt.html").render(Context(context))


def receipt_pdf(attempt, *, base_url: str | None = None) -> bytes:
    return html_to_pdf(receipt_html(receipt_for(attempt, base_url=base_url)))
