"""Writes of the citizen portal: drafts, their files, submission, the applicant's answers to a dossier
(supplement, withdrawal), ratings and public-lookup attempts.

Every change to a dossier goes through `motcua.dossiers.services` (the lifecycle); the portal only keeps
drafts and ratings of its own.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from motcua.catalog import eform_schema
from motcua.core import clock
from motcua.core.bilingual import in_active_language
from motcua.dossiers import intake, projections, submission
from motcua.dossiers import services as dossier_services
from motcua.dossiers.errors import DossierError, localized
from motcua.dossiers.intake import FileRejected
from motcua.dossiers.models import Dossier
from motcua.dossiers.states import State
from motcua.organizations.models import Agency, Applicant

from . import eforms
from .models import Draft, DraftFile, LookupAttempt, Rating, ResultChannel
from .selectors import applicant_for, competent_for_receiving, receiving_choices


class PortalError(Exception):
    """A refusal the applicant reads, in the request's active language: messages go through gettext when
    raised (English in the .po), a lifecycle refusal brings its own two languages (`localized`)."""

    def __init__(self, message: str, code: str = "portal_error"):
        super().__init__(message)
        self.message = message
        self.code = code


# ----- drafts --------------------------------------------------------------------------------------------


def draft_start(*, user, version) -> Draft:
    """The user's open draft for this version, or a new one pre-filled from the profile."""
    draft = Draft.objects.filter(user=user, procedure_version=version, submitted_at__isnull=True).first()
    if draft is not None:
        return draft
    applicant = applicant_for(user)
    initial = {}
    if applicant is not None:
        profile = eform_schema.prefill_values(applicant)
        for f in eforms.parse(version.eform):
            if profile.get(f.prefill):
                initial[f.name] = profile[f.prefill]
    for f in eforms.parse(version.eform):
        if f.name not in initial and f.default not in (None, ""):
            initial[f.name] = f.default
    places = receiving_choices(version)
    receiving = places[0] if len(places) == 1 else None
    try:
        with transaction.atomic():
            return Draft.objects.create(
                user=user,
                procedure_version=version,
                eform_data=initial,
                receiving_agency=receiving,
                competent_agency=competent_for_receiving(version, receiving) if receiving else None,
                result_channel=ResultChannel.ELECTRONIC,
            )
    except IntegrityError:  # a double click created it first
        return Draft.objects.get(user=user, procedure_version=version, submitted_at__isnull=True)


def _open(draft: Draft) -> None:
    if not draft.is_open:
        raise PortalError(_("Hồ sơ này đã được nộp."), "draft_submitted")


def draft_save_eform(draft: Draft, values: dict) -> Draft:
    """Store the e-form values as typed (valid or not: nothing typed is lost)."""
    _open(draft)
    names = {f.name for f in eforms.parse(draft.procedure_version.eform)}
    clean = {k: v for k, v in values.items() if k in names}
    draft.eform_data = {
        **{k: v for k, v in (draft.eform_data or {}).items() if k.startswith(eforms.RESERVED_PREFIX)},
        **clean,
    }
    draft.save(update_fields=["eform_data", "updated_at"])
    return draft


def draft_stored_bytes(draft: Draft) -> int:
    return draft.files.aggregate(total=Sum("size"))["total"] or 0


@dataclass
class UploadReport:
    accepted: list[DraftFile]
    rejected: list[FileRejected]  # each with `.file_name`, `.code` and `.message` (the active language)


def _draft_holding(draft: Draft) -> intake.Holding:
    holding = intake.Holding()
    for position, size in draft.files.values_list("position", "size"):
        holding.bytes += size
        holding.files += 1
        holding.per_group[position] = holding.per_group.get(position, 0) + 1
    return holding


def draft_add_files(draft: Draft, files_by_position: dict[int, list]) -> UploadReport:
    """Each file gets the dossier intake's verdict on its own (type by content, sizes, counts with what
    the draft already holds): accepted ones are stored, refused ones reported; the rest of the draft is
    never touched by a refusal. Positions the version does not have are ignored."""
    _open(draft)
    positions = {c.position for c in draft.procedure_version.components.all()}
    wanted = {p: list(fs) for p, fs in files_by_position.items() if p in positions}
    accepted, rejected = intake.check_each(wanted, use=intake.COMPONENT, holding=_draft_holding(draft))
    report = UploadReport([], rejected)
    storage = DraftFile._meta.get_field("file").storage
    folder = intake.new_folder("portal-drafts", str(draft.pk)) if accepted else ""
    for position, checked_files in sorted(accepted.items()):
        for checked in checked_files:
            name = intake.store(checked, f"{folder}/{position}/{checked.storage_name}", storage)
            report.accepted.append(
                DraftFile.objects.create(
                    draft=draft,
                    position=position,
                    file=name,
                    original_name=checked.name,
                    size=checked.size,
                    content_type=checked.content_type,
                    sha256=checked.sha256,
                )
            )
    if report.accepted:
        Draft.objects.filter(pk=draft.pk).update(updated_at=clock.now())
    return report


def draft_remove_file(draft: Draft, file_id: int) -> None:
    _open(draft)
    item = draft.files.filter(pk=file_id).first()
    if item is None:
        return
    name = item.file.name
    item.delete()
    transaction.on_commit(lambda: item.file.storage.delete(name))


def draft_set_delivery(
    draft: Draft, *, receiving_agency_id, competent_agency_id, result_channel: str, post_address: str
) -> Draft:
    """Where to hand in (the version's receiving places) and how to get the result."""
    _open(draft)
    version = draft.procedure_version
    places = {a.pk: a for a in receiving_choices(version)}
    try:
        receiving = places.get(int(receiving_agency_id)) if receiving_agency_id else None
    except (TypeError, ValueError):
        receiving = None
    if receiving is None:
        raise PortalError(_("Hãy chọn nơi tiếp nhận hồ sơ trong danh sách."), "receiving_required")
    if result_channel not in ResultChannel.values:
        raise PortalError(_("Hãy chọn hình thức nhận kết quả."), "result_channel_required")
    post_address = (post_address or "").strip()[:255]
    if result_channel == ResultChannel.POST and not post_address:
        raise PortalError(_("Hãy nhập địa chỉ nhận kết quả qua bưu chính."), "post_address_required")
    competent = competent_for_receiving(version, receiving)
    if competent is None and competent_agency_id:
        competent = version.competent_agencies.filter(pk=competent_agency_id).first()
    draft.receiving_agency = receiving
    draft.competent_agency = competent
    draft.result_channel = result_channel
    draft.post_address = post_address if result_channel == ResultChannel.POST else ""
    draft.save()
    return draft


REUSE_KEY = eforms.RESERVED_PREFIX + "reuse"  # {position: stored document id}: "dùng lại" choices


def draft_reuse(draft: Draft) -> dict[int, object]:
    """The draft's "dùng lại" choices still usable: position → StoredDocument (the store's rule,
    `store.services.usable_document`: the applicant's own, not removed, not expired)."""
    from motcua.store import services as store

    chosen = (draft.eform_data or {}).get(REUSE_KEY) or {}
    if not chosen:
        return {}
    applicant = Applicant.objects.filter(user_id=draft.user_id).first()
    out = {}
    for position, ref in chosen.items():
        doc = store.usable_document(ref, applicant.pk if applicant else None)
        if doc is not None:
            out[int(position)] = doc
    return out


def draft_set_reuse(draft: Draft, choices: dict[int, str]) -> dict[int, object]:
    """Record "dùng lại" choices (position → stored document id, "" to drop one); a document that is
    not the applicant's own is ignored. Returns `draft_reuse`."""
    _open(draft)
    positions = {c.position for c in draft.procedure_version.components.all()}
    current = {str(k): v for k, v in ((draft.eform_data or {}).get(REUSE_KEY) or {}).items()}
    for position, ref in choices.items():
        if position not in positions:
            continue
        if ref:
            current[str(position)] = int(ref) if str(ref).isdigit() else None
        else:
            current.pop(str(position), None)
    draft.eform_data = {**(draft.eform_data or {}), REUSE_KEY: {k: v for k, v in current.items() if v}}
    valid = draft_reuse(draft)
    draft.eform_data[REUSE_KEY] = {str(p): d.pk for p, d in valid.items()}
    draft.save(update_fields=["eform_data", "updated_at"])
    return valid


def draft_problems(draft: Draft) -> list[str]:
    """The completeness pre-check: every reason the draft cannot be sent yet, in plain words (the active
    language)."""
    version = draft.procedure_version
    out = [f"{label}: {message}" for label, message in eforms.problems(version.eform, draft.eform_data or {})]
    files: dict[int, int] = {}
    for f in draft.files.all():
        files[f.position] = files.get(f.position, 0) + 1
    components = list(version.components.all())
    required = {c.position: c.name for c in components if c.mandatory}
    kinds = {c.position: c.kind for c in components}
    evidence = {p: submission.Evidence(files=n, declared=True) for p, n in files.items()}
    for p in draft_reuse(draft):  # verified by the store, as the lifecycle will
        evidence[p] = submission.Evidence(files=files.get(p, 0), reused_from_store=True, declared=True)
    for _p, _name, vi, en in submission.missing_components(required, evidence, online=True, kinds=kinds):
        out.append(in_active_language(f"{vi} / {en}"))
    if draft.receiving_agency_id is None:
        out.append(_("Chưa chọn nơi tiếp nhận hồ sơ."))
    elif draft.competent_agency_id is None:
        out.append(_("Chưa chọn cơ quan giải quyết."))
    if not draft.result_channel:
        out.append(_("Chưa chọn hình thức nhận kết quả."))
    elif draft.result_channel == ResultChannel.POST and not draft.post_address:
        out.append(_("Chưa nhập địa chỉ nhận kết quả qua bưu chính."))
    if draft_stored_bytes(draft) > intake.max_dossier_bytes():
        out.append(_("Tổng dung lượng tệp vượt giới hạn của một hồ sơ."))
    return out


def draft_submit(draft: Draft, *, user, declared: bool) -> Dossier:
    """Send the draft: the lifecycle's `submit` (online channel) with the e-form, components and files.
    Idempotent: a second click returns the same dossier."""
    if draft.dossier_id is not None:
        return draft.dossier
    if not declared:
        raise PortalError(_("Hãy đánh dấu vào ô cam đoan trước khi nộp hồ sơ."), "declaration_required")
    problems = draft_problems(draft)
    if problems:
        raise PortalError(
            _("Hồ sơ chưa đầy đủ: %(problems)s") % {"problems": "; ".join(problems)}, "incomplete"
        )
    files_by_position: dict[int, list] = {}
    opened = []
    for f in draft.files.all():
        handle = f.file.storage.open(f.file.name, "rb")
        opened.append(handle)
        files_by_position.setdefault(f.position, []).append(
            intake.NamedFile(handle, f.original_name, f.content_type, f.size)
        )
    # only the e-form's fields: keys starting with "_" are the portal's own, never part of a submission
    eform_data = {
        k: v for k, v in (draft.eform_data or {}).items() if not k.startswith(eforms.RESERVED_PREFIX)
    }
    components = {p: {"position": p, "files": fs} for p, fs in files_by_position.items()}
    for p, doc in draft_reuse(draft).items():
        components.setdefault(p, {"position": p, "files": []})["store_document"] = doc.pk
    try:
        with transaction.atomic():
            dossier = dossier_services.dossier_submit(
                None,
                user,
                procedure_version=draft.procedure_version,
                channel="online",
                receiving_agency=draft.receiving_agency,
                competent_agency=draft.competent_agency,
                eform_data=eform_data,
                return_channel=draft.result_channel,
                return_address=draft.post_address,
                components=[components[p] for p in sorted(components)],
                idempotency_key=f"portal-draft-{draft.pk}",
            )
            draft.dossier = dossier
            draft.submitted_at = clock.now()
            draft.save(update_fields=["dossier", "submitted_at", "updated_at"])
    except DossierError as exc:
        raise PortalError(localized(exc), exc.code) from exc
    finally:
        for handle in opened:
            handle.close()
    draft_files = [(f.file.storage, f.file.name) for f in draft.files.all()]
    transaction.on_commit(lambda: [storage.delete(name) for storage, name in draft_files])
    return dossier


# ----- the applicant's answers to a dossier --------------------------------------------------------------


def _lifecycle(call, *args, **kwargs) -> Dossier:
    try:
        return call(*args, **kwargs)
    except DossierError as exc:
        raise PortalError(localized(exc), exc.code) from exc


def dossier_answer_supplement(
    dossier: Dossier, *, user, version, files_by_position: dict[int, list], note: str = ""
) -> tuple[Dossier | None, list[FileRejected]]:
    """Upload what was asked for (lifecycle `supplement`; the clock resumes). Every file gets the intake's
    verdict first so the applicant sees each refused file; if any is refused nothing is sent (the
    lifecycle would refuse the whole action anyway), and the applicant tries again."""
    positions = {c.position for c in dossier.procedure_version.components.all()}
    wanted = {p: list(fs) for p, fs in files_by_position.items() if p in positions and fs}
    accepted, rejected = intake.check_each(
        wanted, use=intake.COMPONENT, holding=intake.dossier_holding(dossier)
    )
    if rejected:
        return None, rejected
    if not accepted and not note.strip():
        raise PortalError(_("Hãy tải lên giấy tờ cần bổ sung."), "nothing_supplied")
    components = [{"position": p, "files": wanted[p]} for p in sorted(accepted)]
    for item in components:
        if note.strip():
            item["note"] = note.strip()[:500]
    try:
        result = dossier_services.dossier_supplement(
            dossier, user, version, components=components, comment=note.strip()[:1000]
        )
    except FileRejected as exc:
        return None, [exc]
    except DossierError as exc:
        raise PortalError(localized(exc), exc.code) from exc
    return result, []


def dossier_withdraw_by_applicant(dossier: Dossier, *, user, version, reason: str) -> Dossier:
    reason = (reason or "").strip()
    if len(reason) < 5:
        raise PortalError(_("Hãy cho biết lý do rút hồ sơ."), "reason_required")
    return _lifecycle(dossier_services.dossier_withdraw, dossier, user, version, reason=reason[:1000])


def rating_create(dossier: Dossier, *, user, score, comment: str = "") -> Rating:
    """One rating per dossier, by its applicant, once the result was returned."""
    applicant = applicant_for(user)
    if applicant is None or applicant.pk != dossier.applicant_id:
        raise PortalError(_("Chỉ chủ hồ sơ được đánh giá."), "forbidden")
    if dossier.state != State.RETURNED:
        raise PortalError(_("Chỉ đánh giá được sau khi đã nhận kết quả."), "not_returned")
    try:
        score = int(score)
    except (TypeError, ValueError):
        score = 0
    if not 1 <= score <= 5:
        raise PortalError(_("Hãy chọn mức độ hài lòng từ 1 đến 5."), "score_required")
    try:
        with transaction.atomic():
            rating = Rating.objects.create(
                dossier=dossier,
                score=score,
                comment=(comment or "").strip()[:2000],
                user=user,
                created_at=clock.now(),
            )
            projections.record_change(dossier, "rating")  # the projector counts it in the statistics
            return rating
    except IntegrityError:
        raise PortalError(_("Hồ sơ này đã được đánh giá."), "already_rated") from None


# ----- public lookup rate limit --------------------------------------------------------------------------


def _lookup_window() -> timedelta:
    return timedelta(minutes=int(getattr(settings, "MOTCUA_LOOKUP_WINDOW_MINUTES", 15)))


def lookup_code_key(code: str) -> str:
    """The key misses are counted under for one dossier code: a digest of its normalised form
    (`normalize_dossier_code`), so "000.00.30.h31 - 260302-0001" and its stored form count as one."""
    from motcua.dossiers.selectors import normalize_dossier_code

    normalized = normalize_dossier_code(code)
    return hashlib.sha256(normalized.encode()).hexdigest()[:32] if normalized else ""


def lookup_blocked_until(ip: str | None, code: str = ""):
    """When a lookup of `code` from `ip` must wait: the instant it may try again, else None.

    Two limits, within `MOTCUA_LOOKUP_WINDOW_MINUTES` (15):
    - one code from one address: after `MOTCUA_LOOKUP_MAX_MISSES_PER_CODE` (5) misses, a back-off of
      `MOTCUA_LOOKUP_BACKOFF_SECONDS` (60) after the last miss, doubling with each further miss, at most
      the window. Someone mistyping their ID number waits a minute; the others behind the same address
      (a service centre, a school, a mobile network's gateway) are not affected.
    - enumeration: misses on `MOTCUA_LOOKUP_MAX_MISSES_PER_IP` (30) different codes from one address
      block the address for the rest of the window, right or wrong.
    0 turns a limit off."""
    now = clock.now()
    window = _lookup_window()
    # One read: the address's misses in the window, newest first. Bounded: a blocked lookup writes
    # nothing, so an address holds at most about (codes limit × misses per code) rows in a window.
    rows = list(
        LookupAttempt.objects.filter(ip_address=ip, found=False, at__gt=now - window)
        .order_by("-at")
        .values_list("code_key", "at")[:2000]
    )
    until = None
    per_code = int(getattr(settings, "MOTCUA_LOOKUP_MAX_MISSES_PER_CODE", 5))
    if per_code > 0:
        key = lookup_code_key(code)
        times = [at for k, at in rows if k == key]
        if len(times) >= per_code:
            base = int(getattr(settings, "MOTCUA_LOOKUP_BACKOFF_SECONDS", 60))
            seconds = min(base * 2 ** min(len(times) - per_code, 20), window.total_seconds())
            candidate = times[0] + timedelta(seconds=seconds)
            if candidate > now:
                until = candidate
    per_ip = int(getattr(settings, "MOTCUA_LOOKUP_MAX_MISSES_PER_IP", 30))
    if per_ip > 0:
        first_miss: dict[str, datetime] = {}
        for k, at in rows:  # newest first: the last one seen per code is its first miss
            first_miss[k] = at
        if len(first_miss) >= per_ip:
            candidate = sorted(first_miss.values())[-per_ip] + window
            if candidate > now and (until is None or candidate > until):
                until = candidate
    return until


def lookup_limited(ip: str | None, find: Callable[[], Any], code: str = "") -> tuple[Any, datetime | None]:
    """A public lookup of dossier `code` from `ip` under the anti-enumeration limits
    (`lookup_blocked_until`), for the portal's /tra-cuu/ and the API alike: `find()` runs, a miss is
    recorded under (address, code), and a lookup past a limit gets no answer, right or wrong (returns
    `(None, the instant it may try again)`). A blocked lookup is answered before `find()` runs, so
    neither the answer nor its timing tells a right guess from a wrong one. An answer costs reads, not
    a write; the miss that reaches a limit is already answered with the block."""
    until = lookup_blocked_until(ip, code)
    if until is not None:
        return None, until
    found = find()
    if found is None:
        lookup_attempt_record(ip, found=False, code=code)
        until = lookup_blocked_until(ip, code)
        if until is not None:
            return None, until
    return found, None


def lookup_attempt_record(ip: str | None, *, found: bool, code: str = "") -> None:
    now = clock.now()
    LookupAttempt.objects.create(ip_address=ip, found=found, at=now, code_key=lookup_code_key(code))
    if not found:  # old rows are useless for the window: drop them as misses arrive
        LookupAttempt.objects.filter(at__lt=now - timedelta(days=1)).delete()


__all__ = [
    "Agency",
    "PortalError",
    "dossier_answer_supplement",
    "dossier_withdraw_by_applicant",
    "draft_add_files",
    "draft_problems",
    "draft_remove_file",
    "draft_save_eform",
    "draft_set_delivery",
    "draft_start",
    "draft_submit",
    "lookup_attempt_record",
    "lookup_blocked_until",
    "lookup_limited",
    "rating_create",
]
