"""Importing history (issue 12 part 4): dossiers handled in another system, given as a JSON list of
national-portal `DongBoHoSoMC` records, become dossiers here with their codes kept, marked imported
(`ExternalDossier.source = "import"`), and with the lifecycle EVENTS a native dossier with that life
would have — same actions, same states, same national statuses, at the record's historical times — so
that the statistics rebuilt from the event log count them exactly as native ones.

Files: base64 contents (`NoiDungTep`) become the components' files through the intake (`check_files`,
the one file check), every bad file listed; a URL is refused by the reader (`url_not_fetched`): the
import never fetches.

Each record is read by `sync_record.read_record(purpose=IMPORT)` (every problem listed) and written in
its own transaction: a refused record leaves nothing, and does not hold back the others. Re-importing
the same record changes nothing (`unchanged`); the same code with different content is refused.
Imported dossiers write NO outbox record: they are not relayed to the national portal (they came from
it, or predate us); the portal's confirmation is recorded as it stands (`PortalSync`). Actions taken
here later on an imported dossier still in progress go through the lifecycle and are synced as usual.

The life written (`timeline`), in time order (DOMAIN.md §4, §5):

    online (KenhThucHien 2)      submit at NgayNopHoSo, then receive at NgayTiepNhan
    in person / post (1, 3)      receive at NgayTiepNhan (registered and received at once)
    status 1                     submit only
    status 3 (refused)           submit (and receive when NgayTiepNhan is given), refuse at NgayTuChoi
                                 or NgayKetThucXuLy
    each DanhSachHoSoBoSung      request_supplement at NgayBoSung, supplement at NgayTiepNhanBoSung
                                 (the clock pauses only after receipt, as in the lifecycle)
    status 4 / 6                 forward / request_payment at the last known time (flagged
                                 `time_estimated`: the record has no date for it)
    status 7 / 8                 withdraw / stop at NgayKetThucXuLy
    status 9 / 10                approve and issue_result at NgayKetThucXuLy; 10: return_result at NgayTra

Every event carries `data.imported = true`, the role and agency that act natively (no actor: unknown);
its `due_at` is the record's NgayHenTra once received.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction

from motcua.core import clock
from motcua.dossiers import deadlines, intake
from motcua.dossiers.lifecycle import ACTIONS, step_agency_id
from motcua.dossiers.models import (
    Dossier,
    DossierComponent,
    DossierEvent,
    DossierFee,
    DossierFile,
    DossierPause,
    DossierResult,
)
from motcua.dossiers.states import CLOCK_STATES, Channel, Outcome, ReturnChannel, State, national_status_for
from motcua.integrations.models import ExternalDossier, ExternalSource, PortalSync
from motcua.organizations.models import Role
from motcua.workflow import runner as wf

from .inbound import applicant_for
from .sync_record import IMPORT, Problem, RecordInvalid, SyncRecord, read_record

logger = logging.getLogger("motcua.integrations.import")

ACTOR_NAME = "Nhập dữ liệu lịch sử (import)"
IMPORTED_REASON = "Theo dữ liệu nhập từ hệ thống cũ."
_CHANNELS = {"in_person": Channel.IN_PERSON, "online": Channel.ONLINE, "post": Channel.POST}
_RETURN = {"1": ReturnChannel.DESK, "2": ReturnChannel.POST, "3": ReturnChannel.ELECTRONIC}


@dataclass
class Refusal:
    number: int  # 1-based position in the file
    code: str  # the record's MaHoSo ("" when it has none)
    message: str
    message_en: str
    problems: list[dict] = field(default_factory=list)

    def line(self) -> str:
        where = f"Bản ghi số {self.number}" + (f" ({self.code})" if self.code else "")
        where_en = f"Record {self.number}" + (f" ({self.code})" if self.code else "")
        return f"{where}: {self.message} / {where_en}: {self.message_en}"


@dataclass
class ImportReport:
    imported: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    refused: list[Refusal] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "imported": len(self.imported),
            "unchanged": len(self.unchanged),
            "refused": [
                {"number": r.number, "code": r.code, "message": r.message, "message_en": r.message_en}
                for r in self.refused
            ],
        }


class ImportRefused(Exception):
    def __init__(self, code: str, vi: str, en: str):
        super().__init__(en)
        self.code, self.vi, self.en = code, vi, en


# ----- the life as events ------------------------------------------------------------------------


@dataclass
class Step:
    at: datetime
    action: str
    data: dict = field(default_factory=dict)


def timeline(rec: SyncRecord) -> list[Step]:
    """The lifecycle actions of the record's life in time order (see the module's table)."""
    status = rec.status
    online = rec.channel == "online"
    submitted = rec.submitted_at or rec.received_at or rec.refused_at or rec.ended_at
    steps: list[Step] = []
    if status == 1 or online or (status == 3 and rec.received_at is None):
        steps.append(Step(submitted, "submit"))
    if rec.received_at is not None:
        steps.append(Step(rec.received_at, "receive"))
    last = rec.received_at or submitted
    for i, r in enumerate(rec.supplements):
        steps.append(
            Step(r.requested_at, "request_supplement", {"missing": [], "reason": r.reason, "round": i + 1})
        )
        last = max(last, r.requested_at)
        if r.received_at is not None:
            steps.append(Step(r.received_at, "supplement", {"round": i + 1}))
            last = max(last, r.received_at)
    end = rec.ended_at
    if status == 3:
        steps.append(Step(rec.refused_at or end, "refuse", {"reason": IMPORTED_REASON}))
    elif status == 4:
        steps.append(Step(last, "forward", {"time_estimated": True}))
    elif status == 6:
        steps.append(Step(last, "request_payment", {"time_estimated": True}))
    elif status == 7:
        steps.append(Step(end, "withdraw", {"reason": IMPORTED_REASON}))
    elif status == 8:
        steps.append(Step(end, "stop", {"reason": IMPORTED_REASON}))
    elif status in (9, 10):
        steps.append(Step(end, "approve", {"time_estimated": True}))
        steps.append(Step(end, "issue_result", {"results": len(rec.results)}))
        if status == 10:
            steps.append(Step(rec.returned_at, "return_result"))
    order = {id(s): i for i, s in enumerate(steps)}
    return sorted(steps, key=lambda s: (s.at, order[id(s)]))


# Who does each action natively (the role, and whether at the receiving desk or the competent agency),
# so that an imported event is attributed like a native one (`role`, `agency`); the actor is unknown.
_ACTED_BY = {
    "submit": ("applicant", None),
    "receive": (Role.DESK_OFFICER, "receiving"),
    "request_supplement": (Role.DESK_OFFICER, "receiving"),
    "supplement": ("applicant", None),
    "forward": (Role.PROCESSING_OFFICER, "competent"),
    "request_payment": (Role.PROCESSING_OFFICER, "competent"),
    "approve": (Role.LEADER, "competent"),
    "issue_result": (Role.CLERK, "competent"),
    "return_result": (Role.DESK_OFFICER, "receiving"),
    "refuse": (Role.DESK_OFFICER, "receiving"),
    "withdraw": ("applicant", None),
    "stop": (Role.LEADER, "competent"),
}

_TO_STATE = {
    "submit": State.SUBMITTED,
    "receive": State.RECEIVED,
    "forward": State.PROCESSING,
    "request_payment": State.PAYMENT_REQUESTED,
    "approve": State.APPROVED,
    "issue_result": State.RESULT_READY,
    "return_result": State.RETURNED,
    "refuse": State.REFUSED,
    "withdraw": State.WITHDRAWN,
    "stop": State.STOPPED,
}


# ----- one record --------------------------------------------------------------------------------


def _existing(rec: SyncRecord) -> bool:
    """True when the same record was imported already; ImportRefused when its code is taken."""
    found = ExternalDossier.objects.filter(national_code=rec.code).first()
    if found is not None:
        if found.fingerprint == rec.fingerprint:
            return True
        raise ImportRefused(
            "record_changed",
            "Hồ sơ này đã được nhập (hoặc nhận từ Cổng) với nội dung khác.",
            "This dossier was already imported (or received from the portal) with different content.",
        )
    if Dossier.objects.filter(code=rec.code).exists():
        raise ImportRefused(
            "code_taken",
            "Mã hồ sơ đã là mã của một hồ sơ trong hệ thống.",
            "The code is already a dossier's code here.",
        )
    return False


def _definition(rec: SyncRecord, in_progress: bool):
    try:
        return wf.definition_for(rec.rules, rec.competent.pk)
    except wf.WorkflowError as exc:
        if in_progress:
            raise ImportRefused(exc.code, exc.message_vi, exc.message_en) from None
        return None


def check_files(rec: SyncRecord) -> dict[str, intake.Checked]:
    """The record's files (`TaiLieuNop[i].NoiDungTep`, base64) checked by THE file check
    (`dossiers/intake.py`: type by content, size per file, count and size per component and dossier),
    by the document's path. Raises RecordInvalid listing every refused file at its path (a limit of
    the whole dossier or a component at `TaiLieuNop`). Writes nothing."""
    problems: list[Problem] = []
    passed = []
    for index, doc in enumerate(rec.documents):
        if doc.content is None:
            continue
        try:
            intake.check_file(ContentFile(doc.content, name=doc.file_name or "tep"), use=intake.COMPONENT)
        except intake.FileRejected as exc:
            problems.append(Problem(f"{doc.path}.NoiDungTep", exc.code, exc.message_vi, exc.message_en))
            continue
        passed.append((index, doc))
    if problems:
        raise RecordInvalid(problems)
    groups: dict[int, list] = {}
    paths: dict[int, list[str]] = {}
    for index, doc in passed:  # a document outside the catalogue is a component of its own
        group = doc.position if doc.position is not None else 100_000 + index
        groups.setdefault(group, []).append(ContentFile(doc.content, name=doc.file_name or "tep"))
        paths.setdefault(group, []).append(doc.path)
    try:
        checked = intake.check_all(groups, use=intake.COMPONENT)
    except intake.FileRejected as exc:
        raise RecordInvalid([Problem("TaiLieuNop", exc.code, exc.message_vi, exc.message_en)]) from None
    return {
        path: item for group, items in checked.items() for path, item in zip(paths[group], items, strict=True)
    }


def write_dossier(
    rec: SyncRecord,
    *,
    now: datetime,
    files: dict[str, intake.Checked] | None = None,
    stored: list[str] | None = None,
) -> Dossier:
    """The dossier of one checked record with its components, fees, pauses, results and events (no
    outbox), and its files (`files` from `check_files`, stored in the default storage; each name
    stored is appended to `stored` so the caller can remove them if the transaction fails). Call
    inside a transaction. Raises ImportRefused when no process fits an in-progress one."""
    steps = timeline(rec)
    final = _final_state(steps)
    in_progress = final in CLOCK_STATES
    definition = _definition(rec, in_progress)
    receiving = rec.receiving or rec.competent
    channel = _CHANNELS[rec.channel]
    hours, same_day = (None, False)
    if rec.received_at is not None:
        hours, same_day = deadlines.processing_hours(rec.rules, channel)
    d = Dossier(
        code=rec.code,
        applicant=applicant_for(rec),
        channel=channel,
        receiving_agency=receiving,
        competent_agency=rec.competent,
        procedure_version_id=rec.rules.pk,
        process_definition_id=definition.pk if definition else None,
        summary=(rec.summary or rec.rules.name)[:500],
        submitted_at=steps[0].at,
        received_at=rec.received_at,
        processing_hours=hours,
        same_day=same_day,
        due_at=rec.due_at if rec.received_at else None,
        original_due_at=rec.due_at if rec.received_at else None,
    )
    events: list[DossierEvent] = []
    pauses: list[DossierPause] = []
    state, resume = "", ""
    for seq, step in enumerate(steps, start=1):
        before = state
        if step.action == "request_supplement":
            resume, state = state, State.SUPPLEMENT_REQUESTED
            if resume in CLOCK_STATES:
                pauses.append(DossierPause(started_at=step.at, reason=step.data["reason"]))
                d.supplement_requests += 1
        elif step.action == "supplement":
            state, resume = resume or State.SUBMITTED, ""
            if pauses and pauses[-1].ended_at is None:
                pauses[-1].ended_at = step.at
        else:
            if step.action == "request_payment":
                resume = state
            state = _TO_STATE[step.action]
            if state in (State.REFUSED, State.WITHDRAWN, State.STOPPED):
                resume = ""
                if pauses and pauses[-1].ended_at is None:
                    pauses[-1].ended_at = step.at
        role, where = _ACTED_BY[step.action]
        if step.action == "submit" and channel != Channel.ONLINE:
            role, where = Role.DESK_OFFICER, "receiving"  # paper registered at the desk
        events.append(
            DossierEvent(
                seq=seq,
                at=step.at,
                action=step.action,
                actor_name=ACTOR_NAME,
                role=role,
                agency={"receiving": receiving, "competent": rec.competent, None: None}[where],
                from_state=before,
                to_state=state,
                national_status=national_status_for(state),
                due_at=d.due_at if rec.received_at and step.at >= rec.received_at else None,
                is_public=ACTIONS[step.action].public,
                public_text=ACTIONS[step.action].public_text[:500],
                data={"imported": True, **step.data},
                dossier_version=seq,
            )
        )
    d.state, d.national_status = state, national_status_for(state)
    d.resume_state = resume if state in (State.SUPPLEMENT_REQUESTED, State.PAYMENT_REQUESTED) else ""
    d.version = len(events)
    if state in (State.REFUSED, State.WITHDRAWN, State.STOPPED):
        d.finished_at, d.end_reason = steps[-1].at, IMPORTED_REASON
    if state in (State.RESULT_READY, State.RETURNED):
        d.outcome = Outcome.APPROVED
        d.finished_at = rec.ended_at
    if state == State.RETURNED:
        d.returned_at = rec.returned_at
        d.return_channel = _RETURN.get(str(rec.stored.get("HinhThuc", "")).strip(), ReturnChannel.DESK)
    if state in (State.SUBMITTED, State.RESULT_READY):
        d.current_role, d.current_agency_id = Role.DESK_OFFICER, receiving.pk
    elif in_progress:
        _place_at_first_step(d, definition, now)
    d.save(force_insert=True)
    for e in events:
        e.dossier = d
    DossierEvent.objects.bulk_create(events)
    for p in pauses:
        p.dossier = d
    DossierPause.objects.bulk_create(pauses)
    _components(d, rec, files or {}, stored if stored is not None else [])
    _fees(d, rec)
    if state in (State.RESULT_READY, State.RETURNED):
        default_name = rec.rules.name
        DossierResult.objects.bulk_create(
            DossierResult(
                dossier=d,
                name=(r.name or default_name)[:500],
                number=r.number,
                is_electronic=r.electronic,
                issued_at=rec.ended_at,
            )
            for r in rec.results
        )
    return d


def _final_state(steps: list[Step]) -> str:
    state, resume = "", ""
    for step in steps:
        if step.action == "request_supplement":
            resume, state = state, State.SUPPLEMENT_REQUESTED
        elif step.action == "supplement":
            state = resume or State.SUBMITTED
        else:
            state = _TO_STATE[step.action]
    return state


def _place_at_first_step(d: Dossier, definition, now: datetime) -> None:
    """An imported dossier still in progress waits at its process's first step (as after receipt)."""
    step = wf.runner_for(definition.pk, definition.uid).first_step()
    d.current_step, d.current_step_name = step.key, step.name[:255]
    d.current_role = step.role
    d.current_agency_id = step_agency_id(d, step)
    d.step_started_at = d.received_at
    d.step_allotment_hours = step.allotment_hours
    d.step_due_at = deadlines.step_due(
        deadlines.calendar_for(d.current_agency_id), d.received_at, step.allotment_hours
    )


def _components(d: Dossier, rec: SyncRecord, files: dict[str, intake.Checked], stored: list[str]) -> None:
    catalogue = rec.rules.components
    used: dict[int, DossierComponent] = {}
    placed: list[tuple[int, intake.Checked]] = []
    next_free = max([*catalogue, 0]) + 1
    for doc in rec.documents:
        position = doc.position
        if position is None:
            position, next_free = next_free, next_free + 1
        component = used.get(position)
        if component is None:
            component = used[position] = DossierComponent(
                dossier=d, position=position, name=(catalogue.get(position) or doc.name)[:500]
            )
        component.digitised = component.digitised or doc.digitised
        component.reused_from_store = component.reused_from_store or doc.reused_from_store
        if doc.path in files:
            placed.append((position, files[doc.path]))
    DossierComponent.objects.bulk_create(used.values())
    if not placed:
        return
    folder = intake.new_folder("dossiers", d.code)
    rows = []
    for position, checked in placed:
        name = intake.store(checked, f"{folder}/{position}/{checked.storage_name}", default_storage)
        stored.append(name)
        rows.append(
            DossierFile(
                component=used[position],
                file=name,
                original_name=checked.name,
                size=checked.size,
                content_type=checked.content_type,
                sha256=checked.sha256,
            )
        )
    DossierFile.objects.bulk_create(rows)


def _fees(d: Dossier, rec: SyncRecord) -> None:
    paid = rec.online_payment in ("1", "2") and rec.received_at is not None
    DossierFee.objects.bulk_create(
        DossierFee(
            dossier=d,
            kind=f.kind[:16],
            description=f.name,
            amount=f.amount,
            paid_at=rec.received_at if paid and f.amount else None,
            payment_reference=(f"dvcqg:{rec.online_payment}" if paid and f.amount else ""),
        )
        for f in rec.fees
    )


def import_record(data, *, now: datetime | None = None) -> tuple[str, str]:
    """Import one record atomically: ("imported" | "unchanged", code). Raises RecordInvalid (every
    problem) or ImportRefused."""
    now = now or clock.now()
    rec = read_record(data, purpose=IMPORT, now=now)
    if _existing(rec):
        return "unchanged", rec.code
    files = check_files(rec)
    stored: list[str] = []
    try:
        with transaction.atomic():
            d = write_dossier(rec, now=now, files=files, stored=stored)
            ExternalDossier.objects.create(
                dossier=d,
                national_code=rec.code,
                source=ExternalSource.IMPORT,
                fingerprint=rec.fingerprint,
                record=rec.stored,
                received_at=now,
            )
            last = d.events.order_by("-seq").first()
            PortalSync.objects.create(
                dossier=d,
                confirmed_seq=last.seq,
                confirmed_status=last.national_status,
                confirmed_at=now,
                first_confirmed_at=now,
            )
    except BaseException as exc:
        for name in stored:  # nothing half-written: the rows rolled back, the files go too
            default_storage.delete(name)
        if not isinstance(exc, IntegrityError):
            raise
        raise ImportRefused(
            "conflict",
            "Không ghi được hồ sơ (trùng với dữ liệu đã có).",
            "The dossier could not be written (it conflicts with existing data).",
        ) from None
    return "imported", rec.code


def import_dossiers(records, *, now: datetime | None = None) -> ImportReport:
    """Import a list of records one by one (each atomic); a refused record is reported with its
    number (1-based) and every reason, in both languages, and does not stop the others."""
    report = ImportReport()
    if not isinstance(records, list):
        report.refused.append(
            Refusal(
                0,
                "",
                "Tệp phải là một danh sách JSON các bản ghi.",
                "The file must be a JSON list of records.",
            )
        )
        return report
    for number, data in enumerate(records, start=1):
        code = str(data.get("MaHoSo", "")) if isinstance(data, dict) else ""
        try:
            outcome, code = import_record(data, now=now)
        except RecordInvalid as exc:
            report.refused.append(Refusal(number, code[:40], exc.message_vi, exc.message_en, exc.as_list()))
            continue
        except ImportRefused as exc:
            problem = Problem("MaHoSo", exc.code, exc.vi, exc.en)
            report.refused.append(Refusal(number, code[:40], exc.vi, exc.en, [problem.as_dict()]))
            continue
        (report.imported if outcome == "imported" else report.unchanged).append(code)
    if report.imported:  # history changed: the statistics kept for the day are stale
        from motcua.reports.cache import invalidate

        invalidate()
    logger.info(
        "import finished",
        extra={
            "event": "import.finished",
            "imported": len(report.imported),
            "unchanged": len(report.unchanged),
            "refused": len(report.refused),
        },
    )
    return report
