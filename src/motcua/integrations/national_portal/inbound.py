"""Dossiers forwarded by the national portal (issue 11 part 4): one `DongBoHoSoMC` record with its files
becomes one dossier, created THROUGH the lifecycle (`perform("submit")`, so the intake's file checks,
the e-form schema, the required components and the channel rule apply as at every other door) on the
channel "national portal", keeping the portal's dossier code, waiting for receipt at the desk.

- The record is read by `sync_record.read_record(purpose=INBOUND)`: every problem is listed at once.
- Files come as base64 (`NoiDungTep`) or as a URL (`DuongDanTaiTepTin`) under one of the allow-listed
  prefixes (`MOTCUA_DVCQG_INBOUND_URL_PREFIXES`), fetched with httpx without redirects, within
  `MOTCUA_DVCQG_INBOUND_FETCH_TIMEOUT` seconds and the intake's size per file; each file is checked by
  the intake (type by content) before anything is written, so every bad file is listed too.
- Idempotent on the portal's code: the same record again returns the same dossier (`created=False`); a
  different record with the same code is refused (409 `record_changed`); a code our own dossiers
  already use is refused (409 `code_taken`). Nothing is written for a refused record: no rows, no files.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import httpx
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction

from motcua.core import clock
from motcua.dossiers import intake, lifecycle
from motcua.dossiers.errors import DossierError
from motcua.dossiers.models import Dossier, DossierFile
from motcua.dossiers.states import Channel
from motcua.integrations.accounts import is_integration_account
from motcua.integrations.models import ExternalDossier, ExternalSource
from motcua.organizations.models import Applicant, ApplicantKind

from . import completeness
from .sync_record import INBOUND, Document, Problem, RecordInvalid, SyncRecord, read_record

logger = logging.getLogger("motcua.integrations.inbound")


@dataclass
class InboundRefused(Exception):
    """The record is refused: HTTP `status`, `code`, both languages, and (422) every problem."""

    status: int
    code: str
    message_vi: str
    message_en: str
    problems: list[dict] = field(default_factory=list)

    def __post_init__(self):
        super().__init__(self.message_en)


@dataclass
class InboundResult:
    dossier: Dossier
    created: bool


# ----- files -------------------------------------------------------------------------------------


def allowed_prefixes() -> list[str]:
    raw = getattr(settings, "MOTCUA_DVCQG_INBOUND_URL_PREFIXES", "") or ""
    return [p.strip() for p in str(raw).split(",") if p.strip()]


def url_allowed(url: str, prefixes: list[str] | None = None) -> bool:
    """Same scheme and host (and port) as one allowed prefix, and a path under its path: a prefix
    `https://files.gov.vn/a/` does not allow `https://files.gov.vn.example.com/a/` nor `/a/../b`."""
    try:
        u = urlsplit(url)
    except ValueError:
        return False
    if ".." in u.path.split("/") or u.username or u.password:
        return False
    for prefix in allowed_prefixes() if prefixes is None else prefixes:
        p = urlsplit(prefix)
        if (u.scheme, u.netloc.lower()) == (p.scheme, p.netloc.lower()) and u.path.startswith(p.path or "/"):
            return True
    return False


def _fetch(url: str) -> bytes:
    """The file at `url` (allow-list checked by the caller); raises _FetchFailed."""
    limit = intake.max_file_bytes()
    timeout = float(getattr(settings, "MOTCUA_DVCQG_INBOUND_FETCH_TIMEOUT", 20))
    deadline = time.monotonic() + timeout
    try:
        with (
            httpx.Client(timeout=timeout, follow_redirects=False) as client,
            client.stream("GET", url) as response,
        ):
            if response.status_code != 200:
                raise _FetchFailed(
                    "fetch_failed",
                    f"Không tải được tệp (HTTP {response.status_code}).",
                    f"Could not fetch the file (HTTP {response.status_code}).",
                )
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > limit:
                raise _too_large(limit)
            body = bytearray()
            for chunk in response.iter_bytes():
                body += chunk
                if len(body) > limit:
                    raise _too_large(limit)
                if time.monotonic() > deadline:
                    raise httpx.ReadTimeout("too slow")
            return bytes(body)
    except httpx.TimeoutException:
        raise _FetchFailed(
            "fetch_timeout",
            f"Tải tệp quá {timeout:g} giây.",
            f"Fetching the file took longer than {timeout:g} seconds.",
        ) from None
    except httpx.HTTPError as exc:
        raise _FetchFailed(
            "fetch_failed",
            f"Không tải được tệp ({type(exc).__name__}).",
            f"Could not fetch the file ({type(exc).__name__}).",
        ) from None


class _FetchFailed(Exception):
    def __init__(self, code: str, vi: str, en: str):
        super().__init__(en)
        self.code, self.vi, self.en = code, vi, en


def _too_large(limit: int) -> _FetchFailed:
    mb = limit / intake.MB
    return _FetchFailed("file_too_large", f"Tệp lớn hơn {mb:g} MB.", f"The file is larger than {mb:g} MB.")


def _gather_files(record: SyncRecord) -> dict[str, bytes]:
    """Each document's bytes by its path (decoded or fetched), every file checked by the intake;
    RecordInvalid listing every file that could not be had or was refused."""
    problems: list[Problem] = []
    out: dict[str, bytes] = {}
    prefixes = allowed_prefixes()
    for doc in record.documents:
        if doc.content is not None:
            where, content = f"{doc.path}.NoiDungTep", doc.content
        elif doc.url:
            where = f"{doc.path}.DuongDanTaiTepTin"
            if not url_allowed(doc.url, prefixes):
                problems.append(
                    Problem(
                        where,
                        "url_not_allowed",
                        "Đường dẫn tệp không thuộc các địa chỉ được phép "
                        "(MOTCUA_DVCQG_INBOUND_URL_PREFIXES).",
                        "The file's URL is not under an allowed prefix (MOTCUA_DVCQG_INBOUND_URL_PREFIXES).",
                    )
                )
                continue
            try:
                content = _fetch(doc.url)
            except _FetchFailed as exc:
                problems.append(Problem(where, exc.code, exc.vi, exc.en))
                continue
        else:
            continue
        try:
            intake.check_file(ContentFile(content, name=doc.file_name or "tep"), use=intake.COMPONENT)
        except intake.FileRejected as exc:
            problems.append(Problem(where, exc.code, exc.message_vi, exc.message_en))
            continue
        out[doc.path] = content
    if problems:
        raise RecordInvalid(
            problems, partial={"rules": record.rules, "documents": record.documents, "eform": record.eform}
        )
    return out


def _components(documents: list[Document], files: dict[str, bytes]) -> list[dict]:
    items = []
    for doc in documents:
        item = {
            "position": doc.position,
            "digitised": doc.digitised,
            "reused_from_store": doc.reused_from_store,
            "files": [],
        }
        if doc.path in files:
            item["files"] = [ContentFile(files[doc.path], name=doc.file_name or "tep")]
        items.append(item)
    return items


# ----- the applicant -----------------------------------------------------------------------------


def applicant_for(record: SyncRecord) -> Applicant:
    """The applicant with the record's ID number (personal ID or tax code), created when new; an
    existing one is kept as it is (our data is not overwritten by a sync record)."""
    a = record.applicant
    if a.kind == ApplicantKind.CITIZEN:
        found = Applicant.objects.filter(id_number=a.id_number).first()
    else:
        found = Applicant.objects.filter(tax_code=a.tax_code).first()
    if found is not None:
        return found
    return Applicant.objects.create(
        kind=a.kind,
        full_name=a.full_name,
        id_number=a.id_number,
        tax_code=a.tax_code,
        email=a.email,
        phone=a.phone,
        address=a.address,
    )


# ----- the one entry -----------------------------------------------------------------------------


def _replay(code: str, fingerprint_: str) -> InboundResult | None:
    existing = ExternalDossier.objects.filter(national_code=code).select_related("dossier").first()
    if existing is None:
        return None
    if existing.fingerprint != fingerprint_:
        raise InboundRefused(
            409,
            "record_changed",
            f"Hồ sơ {code} đã được nhận với nội dung khác; bản ghi thay đổi không được nhận lại — thay đổi "
            "sau khi nộp đi qua bổ sung hồ sơ.",
            f"Dossier {code} was already received with different content; a changed record is not taken "
            "again — changes after submission go through a supplement.",
        )
    return InboundResult(existing.dossier, created=False)


def receive_national_dossier(data, actor) -> InboundResult:
    """Create (or find again) the dossier of one forwarded `DongBoHoSoMC` record.

    `data`: the record (a dict, DOMAIN.md §7 fields, see `sync_record`); `actor`: the integration
    account (`integrations.accounts`). Returns InboundResult(dossier, created). Raises InboundRefused:
    403 `not_integration_account`; 422 `invalid_record` with `problems` (every field problem and every
    bad file, and — when the procedure is known — every e-form field `DuLieuBieuMau.<name>` and every
    missing mandatory component `TaiLieuNop`, `completeness.precheck`); 409 `record_changed` /
    `code_taken`; a lifecycle refusal with its own status and code (e.g. 422 `components_missing`,
    `eform_invalid`, `agency_not_competent`), its problems by field path (`completeness.problems_of`)."""
    if not is_integration_account(actor):
        raise InboundRefused(
            403,
            "not_integration_account",
            "Chỉ tài khoản kết nối Cổng DVCQG được gửi hồ sơ vào đây.",
            "Only the national portal's integration account may send dossiers here.",
        )
    try:
        record = read_record(data, purpose=INBOUND)
        replay = _replay(record.code, record.fingerprint)
        if replay is not None:
            _log("inbound.replayed", record.code, actor)
            return replay
        if Dossier.objects.filter(code=record.code).exists():
            raise InboundRefused(
                409,
                "code_taken",
                f"Mã hồ sơ {record.code} đã là mã của một hồ sơ khác trong hệ thống.",
                f"The code {record.code} is already another dossier's code here.",
            )
        files = _gather_files(record)
    except RecordInvalid as exc:
        if exc.partial.get("rules") is not None:  # the e-form's and components' verdicts too
            known = {(p.field, p.code) for p in exc.problems}
            exc.problems += [
                p
                for p in completeness.precheck(
                    exc.partial["rules"], exc.partial.get("eform"), exc.partial.get("documents")
                )
                if (p.field, p.code) not in known
            ]
        _log(
            "inbound.refused",
            str((data or {}).get("MaHoSo", "")) if isinstance(data, dict) else "",
            actor,
            problems=len(exc.problems),
        )
        raise InboundRefused(
            422,
            "invalid_record",
            "Bản ghi hồ sơ không hợp lệ: " + exc.message_vi,
            "The dossier record is not valid: " + exc.message_en,
            exc.as_list(),
        ) from None
    stored: list[str] = []
    try:
        with transaction.atomic():
            dossier = lifecycle.perform(
                None,
                "submit",
                actor,
                procedure=record.rules.code,
                channel=Channel.NATIONAL_PORTAL,
                competent_agency=record.competent,
                receiving_agency=record.receiving,
                applicant=applicant_for(record),
                summary=record.summary or None,
                eform_data=record.eform,
                components=_components(record.documents, files),
                national_code=record.code,
            )
            stored = list(
                DossierFile.objects.filter(component__dossier=dossier).values_list("file", flat=True)
            )
            ExternalDossier.objects.create(
                dossier=dossier,
                national_code=record.code,
                source=ExternalSource.PORTAL,
                fingerprint=record.fingerprint,
                record=record.stored,
                received_at=clock.now(),
                received_by=actor,
            )
    except DossierError as exc:
        _log("inbound.refused", record.code, actor, refusal=exc.code)
        raise InboundRefused(
            exc.status,
            exc.code,
            exc.message_vi,
            exc.message_en,
            [p.as_dict() for p in completeness.problems_of(exc)],
        ) from None
    except IntegrityError:
        # the same code arrived twice at once: the other request won; ours left files behind
        storage = DossierFile._meta.get_field("file").storage
        for name in stored:
            storage.delete(name)
        replay = _replay(record.code, record.fingerprint)
        if replay is None:
            raise
        return replay
    _log("inbound.created", record.code, actor, files=len(files))
    return InboundResult(dossier, created=True)


def _log(event: str, dossier_code: str, actor, **fields) -> None:
    logger.info(
        "%s %s",
        event,
        dossier_code,
        extra={
            "event": event,
            "dossier_code": dossier_code,
            "account": getattr(actor, "username", ""),
            **fields,
        },
    )
