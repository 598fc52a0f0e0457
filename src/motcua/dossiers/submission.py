"""The one validation of a submission (docs/dossiers.md, "What a submission must carry"): the e-form
against the version's schema, the required components, the channel the actor may declare, and the
fingerprint that ties an `Idempotency-Key` to one request body.

The lifecycle (`lifecycle._create`, `_submit`, `_receive`, `_supplement`) calls these on every
creation, receipt and supplement, whatever the front door (portal, API, desk, future national-portal
inbound); the portal's completeness pre-check calls `missing_components` and the e-form schema's
`clean` too, so a page and the API give the same verdict and the same words.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from motcua.catalog import eform_schema
from motcua.catalog.models import NOT_UPLOADED_ONLINE
from motcua.core import compiled_insert

from .errors import DossierForbidden, InvalidParams
from .states import Channel

# ----- refusals ----------------------------------------------------------------------------------


class EFormInvalid(InvalidParams):
    """The e-form data does not pass the version's schema; `extra["errors"]` lists each field:
    `{"field", "message", "message_en"}`."""

    code = "eform_invalid"


class ComponentsMissing(InvalidParams):
    """A mandatory component is missing; `extra["missing"]` lists `{"position", "name"}`."""

    code = "components_missing"


class ChannelNotAllowed(DossierForbidden):
    """The actor may not declare this channel (an applicant files online; the desk the rest)."""

    code = "channel_not_allowed"


class ReuseNotVerifiable(InvalidParams):
    """A component claimed from the applicant's e-document store by someone whose claim cannot be
    verified (`reuse_allowed`); `extra["positions"]` lists the components claimed."""

    code = "reuse_not_verifiable"


class IdempotencyKeyReused(InvalidParams):
    """The same `Idempotency-Key` came back with a different request."""

    code = "idempotency_key_reused"


# ----- e-form ------------------------------------------------------------------------------------

PAPER_CHANNELS = frozenset({Channel.IN_PERSON, Channel.POST})


def check_eform(fields, data, *, channel: str = Channel.ONLINE, partial: bool = False) -> dict:
    """The cleaned e-form data (`eform_schema.clean`) or EFormInvalid (422, code `eform_invalid`).

    `fields`: the version's e-form (JSON list or parsed `EField`s); `data`: the submitted object.
    A dossier handed in on paper (in person, by post) has its declaration on paper: an officer may
    leave the e-form empty ({} is kept as {}), but whatever is typed is checked like an online form.
    `partial=True` (supplement): only the keys given are checked and returned."""
    if channel in PAPER_CHANNELS and not partial and data in (None, {}):
        return {}
    try:
        return eform_schema.clean(fields, data, partial=partial)
    except eform_schema.EFormErrors as exc:
        first = exc.errors[0]
        more = len(exc.errors) - 1
        suffix_vi = f" (và {more} lỗi khác)" if more else ""
        suffix_en = f" (and {more} more)" if more else ""
        where = f"«{first.field}»: " if first.field else ""
        raise EFormInvalid(
            f"Tờ khai chưa hợp lệ — {where}{first.message}{suffix_vi}",
            f"The e-form is not valid — {first.field + ': ' if first.field else ''}{first.message_en}"
            f"{suffix_en}",
            errors=[e.as_dict() for e in exc.errors],
        ) from None


# ----- components --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Evidence:
    """What a dossier carries for one component: files, a verified reuse from the applicant's
    e-document store (`verify_reuse`), or (paper) the component declared received by the desk."""

    files: int = 0
    reused_from_store: bool = False
    declared: bool = False


def reuse_allowed(*, as_applicant: bool, document=None) -> bool:
    """Whether a claim that a component was taken from an e-document store can be verified for this
    actor (docs/dossiers.md, "Reuse from a data store").

    An applicant's claim is verified by their own store (`motcua.store`): it must name a document of
    theirs (`store_document`), which `verify_reuse` looks up; a bare claim names nothing to check.
    Staff (a desk officer at receipt, registration or supplement, who looked the document up in the
    national databases themselves) may claim without naming one, and the event records who did."""
    return document is not None or not as_applicant


def verify_reuse(
    claims: Mapping[int, object] | Iterable[int], *, as_applicant: bool, applicant_id: int | None = None
) -> dict[int, object]:
    """The verified claims, `{position: StoredDocument or None}`, or ReuseNotVerifiable (422, code
    `reuse_not_verifiable`, `extra["positions"]`). `claims`: position → the store document id named
    (or None). A named document must be in the store of the dossier's applicant (`applicant_id`),
    not removed and not expired (`store.services.usable_document`); another applicant's document is
    refused exactly like one that does not exist. Nothing is ignored silently: a refused claim
    refuses the whole request."""
    from motcua.store import services as store

    if not isinstance(claims, Mapping):
        claims = dict.fromkeys(claims)
    verified, refused = {}, []
    for position, ref in claims.items():
        document = store.usable_document(ref, applicant_id) if ref not in (None, "") else None
        if (ref not in (None, "") and document is None) or not reuse_allowed(
            as_applicant=as_applicant, document=document
        ):
            refused.append(int(position))
            continue
        verified[int(position)] = document
    if refused:
        raise ReuseNotVerifiable(
            "Không xác minh được giấy tờ lấy từ kho dữ liệu; hãy chọn giấy tờ trong kho của mình hoặc "
            "tải tệp lên.",
            "The document taken from a data store cannot be verified; choose one from your own store "
            "or upload the file.",
            positions=sorted(refused),
        )
    return verified


def reused_file(document):
    """The stored document's file as an upload for the intake (`intake.NamedFile`)."""
    from motcua.store import services as store

    return store.as_upload(document)


def record_reuse(dossier, items: Mapping[int, Mapping], actor, at) -> None:
    """The audit of each verified reuse: which stored document, in which dossier and component, by
    whom, when (`store.DocumentUse`, shown to the document's owner)."""
    from motcua.store import services as store

    for position, item in items.items():
        if item.get("reuse_verified") and item.get("store_document") is not None:
            store.record_use(item["store_document"], dossier, position, actor, at)


def evidence_of(items: Mapping[int, Mapping]) -> dict[int, Evidence]:
    """Evidence from the lifecycle's component items `{position: {"files": [...], "reused_from_store",
    "reuse_verified"}}`: a reuse claim counts only when `verify_reuse` accepted it (`reuse_verified`)."""
    out = {}
    for position, item in items.items():
        files = item.get("files") or ()
        out[position] = Evidence(
            files=len(files) if hasattr(files, "__len__") else 0,
            reused_from_store=bool(item.get("reused_from_store") and item.get("reuse_verified")),
            declared=True,
        )
    return out


def missing_components(
    required: Mapping[int, str],
    evidence: Mapping[int, Evidence],
    *,
    online: bool,
    kinds: Mapping[int, str] | None = None,
) -> list[tuple[int, str, str, str]]:
    """(position, name, Vietnamese, English) of each mandatory component without enough evidence.

    `required`: position → name of the version's mandatory components; `kinds`: position →
    catalog ComponentKind (default "submit"). Online (the applicant files it, on our portal, the API
    or the national portal): each component to submit needs a file or a verified reuse
    (`verify_reuse`; a claim nobody verified is no evidence); a component only presented for
    checking ("xuất trình") or handed in person only is not uploaded online — the desk sees it. At the
    desk (receipt): each mandatory component, whatever its kind, must be declared received or seen —
    the officer checked the paper; scanning it is the later digitisation step."""
    kinds = kinds or {}
    out = []
    for position, name in required.items():
        item = evidence.get(position)
        if online and kinds.get(position, "submit") in NOT_UPLOADED_ONLINE:
            continue
        if online:
            if item is None or not (item.files or item.reused_from_store):
                out.append(
                    (
                        position,
                        name,
                        f"Chưa tải lên giấy tờ bắt buộc: {name}",
                        f"Required document not uploaded yet: {name}",
                    )
                )
        elif item is None:
            out.append(
                (
                    position,
                    name,
                    f"Chưa nhận giấy tờ bắt buộc: {name}",
                    f"Required document not received: {name}",
                )
            )
    return out


def check_components(
    required: Mapping[int, str],
    evidence: Mapping[int, Evidence],
    *,
    online: bool,
    kinds: Mapping[int, str] | None = None,
) -> None:
    """ComponentsMissing (422, code `components_missing`) unless `missing_components` is empty;
    online, files for a component that is presented or handed in person only are refused (code
    `component_not_uploaded_online`): it is not a document the applicant sends."""
    kinds = kinds or {}
    if online:
        wrong = sorted(
            p for p, item in evidence.items() if item.files and kinds.get(p) in NOT_UPLOADED_ONLINE
        )
        if wrong:
            listed = ", ".join(str(p) for p in wrong)
            raise ComponentsMissing(
                f"Giấy tờ số {listed} chỉ xuất trình hoặc nộp trực tiếp tại bộ phận một cửa, không tải lên.",
                f"Component(s) {listed} are presented or handed in person at the desk only, not uploaded.",
                code="component_not_uploaded_online",
                positions=wrong,
            )
    missing = missing_components(required, evidence, online=online, kinds=kinds)
    if missing:
        raise ComponentsMissing(
            "Hồ sơ chưa đủ thành phần bắt buộc: " + "; ".join(vi for _p, _n, vi, _en in missing),
            "Mandatory components are missing: " + "; ".join(en for _p, _n, _vi, en in missing),
            missing=[{"position": p, "name": n} for p, n, _vi, _en in missing],
        )


# ----- channels by the actor's role --------------------------------------------------------------

# An applicant (citizen or organisation account) files online, on this system's portal or its API.
APPLICANT_CHANNELS = frozenset({Channel.ONLINE})
# The desk receives paper (in person, post) and registers arrivals before deciding on them; until
# the national-portal inbound runs under its own service account (integrations/national_portal),
# a desk officer registers national-portal dossiers too. Never "online": the 766 index counts an
# online dossier only with real online evidence, not one typed in by staff.
DESK_CHANNELS = {
    "receive": frozenset({Channel.IN_PERSON, Channel.POST}),
    "submit": frozenset({Channel.IN_PERSON, Channel.POST, Channel.NATIONAL_PORTAL}),
}
# The hook for the inbound integration: its service account will declare only this channel.
INTEGRATION_CHANNELS = frozenset({Channel.NATIONAL_PORTAL})


def allowed_channels(action: str, *, as_applicant: bool, as_integration: bool = False) -> frozenset[str]:
    """The channels an actor may declare when creating a dossier by `action` ("submit"/"receive"):
    the national portal's service account (`check_integration`) `INTEGRATION_CHANNELS` only."""
    if as_integration:
        return INTEGRATION_CHANNELS if action == "submit" else frozenset()
    if as_applicant:
        return APPLICANT_CHANNELS if action == "submit" else frozenset()
    return DESK_CHANNELS.get(action, frozenset())


def check_channel(action: str, channel: str, *, as_applicant: bool, as_integration: bool = False) -> None:
    """ChannelNotAllowed (403, code `channel_not_allowed`) when the actor may not declare `channel`."""
    if channel in allowed_channels(action, as_applicant=as_applicant, as_integration=as_integration):
        return
    if as_integration:
        raise ChannelNotAllowed(
            "Tài khoản kết nối chỉ gửi hồ sơ từ Cổng Dịch vụ công quốc gia.",
            "The integration account files national-portal dossiers only.",
            channel=channel,
        )
    if as_applicant:
        raise ChannelNotAllowed(
            "Người nộp chỉ nộp hồ sơ trực tuyến; hồ sơ nộp trực tiếp, qua bưu chính hoặc từ Cổng Dịch vụ "
            "công quốc gia do cán bộ một cửa tiếp nhận.",
            "Applicants submit online only; in-person, postal and national-portal dossiers are registered "
            "by a desk officer.",
            channel=channel,
        )
    if channel in (Channel.ONLINE, Channel.NATIONAL_PORTAL) and action == "receive":
        raise ChannelNotAllowed(
            "Hồ sơ trực tuyến phải được nộp trực tuyến trước khi tiếp nhận.",
            "An online dossier must be submitted online before it is received.",
            channel=channel,
        )
    raise ChannelNotAllowed(
        "Hồ sơ trực tuyến chỉ do chính người nộp gửi.",
        "Online dossiers are submitted by the applicant only.",
        channel=channel,
    )


def check_integration(actor, channel: str) -> None:
    """A dossier created with the national portal's code: only by an integration account
    (`integrations.accounts`, DossierForbidden 403 `not_integration_account` otherwise), on the
    national-portal channel only (`check_channel`)."""
    from motcua.integrations.accounts import is_integration_account

    if not is_integration_account(actor):
        raise DossierForbidden(
            "Chỉ tài khoản kết nối Cổng DVCQG được gửi hồ sơ kèm mã hồ sơ của Cổng.",
            "Only the national portal's integration account may file a dossier with the portal's code.",
            code="not_integration_account",
        )
    check_channel("submit", channel, as_applicant=False, as_integration=True)


# ----- idempotency -------------------------------------------------------------------------------

FINGERPRINT_PARAMS = (
    "procedure",
    "procedure_version",
    "channel",
    "competent_agency",
    "receiving_agency",
    "applicant",
    "representative",
    "summary",
    "eform_data",
    "return_channel",
    "return_address",
    "components",
    "comment",
)


def _canon(value):
    """A JSON-able stand-in: model instances by a stable key, files by the SHA-256 of their bytes."""
    if value is None:
        return ""
    if hasattr(value, "chunks") and hasattr(value, "seek"):
        digest = hashlib.sha256()
        value.seek(0)
        for chunk in value.chunks():
            digest.update(chunk)
        value.seek(0)
        return "sha256:" + digest.hexdigest()
    if hasattr(value, "_meta") and hasattr(value, "pk"):
        for attr in ("identifier", "code"):  # an agency, a procedure: as a client names it
            if getattr(value, attr, None):
                return str(getattr(value, attr))
        return f"{value._meta.label_lower}:{value.pk}"
    if isinstance(value, Mapping):
        return {str(k): _canon(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_canon(v) for v in value]
    if isinstance(value, bool | int | float | str):
        return value
    return str(value)


def fingerprint(params: dict) -> str:
    """SHA-256 (hex) of the request that created a dossier: the creating parameters, canonical JSON,
    with each file's content digest (`files` are sequences of uploads, as `perform` takes them)."""
    canon = {}
    for name in FINGERPRINT_PARAMS:
        value = params.get(name)
        if name == "components" and value:
            items = []
            for item in value:
                if isinstance(item, dict):
                    item = {**item, "files": list(item.get("files") or ())}
                items.append(_canon(item))
            value = sorted(items, key=lambda i: json.dumps(i, sort_keys=True, ensure_ascii=False))
        canon[name] = _canon(value)
    text = json.dumps(canon, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


def record_key(actor, key, dossier, fingerprint: str | None) -> None:
    """Store the client's `Idempotency-Key` (its first 128 characters) for the dossier its request
    created, with the request's `fingerprint` ("" when none): one INSERT (core/compiled_insert.py)."""
    from .models import IdempotencyKey

    compiled_insert.create(
        IdempotencyKey, user=actor, key=str(key)[:128], dossier=dossier, fingerprint=fingerprint or ""
    )


def idempotency_key_reused() -> IdempotencyKeyReused:
    return IdempotencyKeyReused(
        "Idempotency-Key này đã được dùng cho một yêu cầu có nội dung khác; hãy dùng khóa mới cho "
        "hồ sơ mới, hoặc gửi lại đúng nội dung cũ.",
        "This Idempotency-Key was already used with a different request body; use a new key for a "
        "new dossier, or resend exactly the same body.",
    )


def required_of(components: Mapping[int, str], required_positions: Iterable[int]) -> dict[int, str]:
    """position → name of the mandatory components (from a version's rules)."""
    return {p: components[p] for p in required_positions if p in components}


__all__ = [
    "ChannelNotAllowed",
    "ComponentsMissing",
    "EFormInvalid",
    "Evidence",
    "IdempotencyKeyReused",
    "ReuseNotVerifiable",
    "allowed_channels",
    "check_channel",
    "check_components",
    "check_eform",
    "evidence_of",
    "fingerprint",
    "missing_components",
    "record_key",
    "reuse_allowed",
    "verify_reuse",
]
