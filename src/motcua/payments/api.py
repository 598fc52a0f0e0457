"""`POST /api/v1/dossiers/{code}/payments`: start an online payment of the dossier's open payment request
(the applicant) → 201 `{"attempt", "txn_ref", "amount", "payment_url"}`. The rules are
`services.start_payment`'s; refusals are problem documents (404 a dossier the caller may not see,
409 not awaiting payment / no gateway, 422 nothing to pay)."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Schema, Status

from motcua.accounts.selectors import client_ip
from motcua.api.auth import api_auth
from motcua.api.errors import ApiError
from motcua.api.openapi import operation_doc
from motcua.dossiers.errors import DossierError, DossierForbidden, DossierNotFound

from . import services
from .views import _gateway_name, return_url

router = Router(tags=["payments"])


class PaymentOut(Schema):
    attempt: int
    txn_ref: str
    amount: int  # đồng
    payment_url: str


@router.post(
    "/{code}/payments",
    auth=api_auth,
    response={201: PaymentOut},
    openapi_extra=operation_doc(400, 401, 403, 404, 409, 413, 415, 422),
)
def start_payment(request: HttpRequest, code: str):
    """Start paying the dossier's open payment request online: send the payer to `payment_url`."""
    try:
        started = services.start_payment(
            code,
            request.auth,
            client_ip=client_ip(request) or "127.0.0.1",
            return_url=return_url(request, _gateway_name()),
        )
    except (DossierForbidden, DossierNotFound) as exc:
        raise ApiError(404, "dossier_not_found", "Không tìm thấy hồ sơ.", "Dossier not found.") from exc
    except DossierError as exc:
        raise ApiError(exc.status, exc.code, exc.message_vi, exc.message_en) from exc
    a = started.attempt
    return Status(
        201, {"attempt": a.pk, "txn_ref": a.txn_ref, "amount": a.amount, "payment_url": started.payment_url}
    )
