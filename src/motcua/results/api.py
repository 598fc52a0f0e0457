"""`POST /api/v1/verify`: anyone may check a signed document (docs/results.md).

Multipart with the PDF as `file`, or (JSON or form fields) `code` (the dossier code) + `result`
(the result's id) to check the document this system stored. The answer always has exactly the keys
`valid, intact, signer, signed_at, issued_here, dossier, reason` (`verification.Verdict`); a
non-PDF, tampered or foreign document is `valid: false` with the reason "tiếng Việt / English"."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Schema

from motcua.api.errors import ApiError
from motcua.api.openapi import operation_doc
from motcua.core.bad_input import request_json

from . import verification

router = Router(tags=["verify"])


class VerifyOut(Schema):
    valid: bool
    intact: bool
    signer: str | None
    signed_at: str | None  # ISO 8601
    issued_here: bool
    dossier: str | None  # the dossier code when this system issued exactly this document
    reason: str | None  # "tiếng Việt / English" when not valid


def verify_request(request: HttpRequest) -> verification.Verdict:
    """The verdict for a request as both doors (this API, the /xac-thuc/ page) take it."""
    upload = request.FILES.get("file")
    if upload is not None:
        limit = verification.settings.MOTCUA_VERIFY_MAX_FILE_MB * verification.intake.MB
        if upload.size > limit:
            return verification.Verdict(False, False, None, None, False, None, verification.TOO_LARGE)
        return verification.verify_bytes(upload.read())
    data = request.POST
    if not data and request.content_type == "application/json":
        data = request_json(request) or {}
    code, result = str(data.get("code") or "").strip()[:40], data.get("result")
    if not code or result in (None, ""):
        raise ApiError(
            422,
            "invalid_input",
            "Gửi tệp PDF (trường file) hoặc mã hồ sơ (code) và số kết quả (result).",
            "Send the PDF (field `file`) or the dossier code (`code`) and the result id (`result`).",
        )
    return verification.verify_recorded(code, result)


@router.post("", auth=None, response=VerifyOut, openapi_extra=operation_doc(400, 413, 422))
def verify(request: HttpRequest):
    """Xác thực văn bản điện tử / verify a signed document."""
    return verify_request(request).as_dict()
