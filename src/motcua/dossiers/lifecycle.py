"""The lifecycle service: the ONLY way a dossier changes.

One entry, `perform(dossier, action, actor, expected_version, **params)`, looks the action up in
`ACTIONS` (a table of `ActionSpec`: the states it starts from, who may do it, its handler) and runs
the shared frame around the handler, all inside one `transaction.atomic()`:

1. lock the dossier row (select_for_update; SQLite runs transactions IMMEDIATE);
2. permission: the spec's `authorize` picks the actor's role grant (direct or delegated) at the
   agency that must act now, or checks the actor is the dossier's applicant;
3. expected version (optimistic lock): stale → `DossierConflict` (HTTP 409);
4. the state check, then the handler changes the dossier (state, step, deadlines, pauses…);
5. the national status code is derived from the state through `states.NATIONAL_STATUS` (and a
   database CheckConstraint refuses any row where they disagree);
6. `version += 1`, one append-only `DossierEvent`, one `OutboxMessage`.

Two actions create the dossier (`submit` online / by post, `receive` at the desk of a dossier that
was never submitted): they are called with `dossier=None`. The code is assigned when the dossier is
created and never changes (see docs/dossiers.md).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.models import F, OuterRef, Subquery

from motcua.calendar.selectors import calendar_revision_subquery, one_revision, prime_revision
from motcua.calendar.worktime import WorkTimeError
from motcua.catalog import eform_schema
from motcua.catalog.selectors import VersionRules, version_rules
from motcua.core import clock, compiled_insert
from motcua.core.compiled import CompiledQuery
from motcua.organizations.models import Agency, Applicant, Role, User
from motcua.organizations.selectors import RoleGrant, user_role_grants
from motcua.results import issuing
from motcua.workflow import runner as wf
from motcua.workflow.models import ProcessDefinition

from . import action_view, apology, components, deadlines, fee_lines, references, submission
from .errors import (
    DossierConflict,
    DossierError,
    DossierForbidden,
    DossierNotFound,
    InvalidParams,
    InvalidState,
)
from .models import (
    Dossier,
    DossierCodeCounter,
    DossierConsultation,
    DossierEvent,
    DossierFee,
    DossierPause,
    IdempotencyKey,
    OutboxMessage,
)
from .states import (
    CLOCK_STATES,
    FINAL_STATES,
    ONLINE_CHANNELS,
    Channel,
    Outcome,
    ReturnChannel,
    State,
    national_status_for,
)

logger = logging.getLogger(__name__)

APPLICANT = "applicant"
# How close to the due date (working hours) an apology may already be issued.
# The largest financial obligation one request may set (đồng): the catalogue's largest fee line too.
MAX_AMOUNT_DONG = 10_000_000_000
APOLOGY_WINDOW_HOURS = Decimal(str(getattr(settings, "MOTCUA_APOLOGY_WINDOW_HOURS", 8)))


# ----- the context handed to authorisation and handlers ----------------------------------------


@dataclass
class Ctx:
    action: str
    actor: User
    params: dict[str, Any]
    now: datetime
    dossier: Dossier | None = None
    grants: list[RoleGrant] = field(default_factory=list)
    grant: RoleGrant | None = None  # the grant the actor acts under (None for the applicant)
    as_applicant: bool = False
    as_integration: bool = False  # the national portal's service account (integrations/inbound.py)
    # filled by handlers for the event
    comment: str = ""
    public_text: str = ""
    is_public: bool = False
    data: dict[str, Any] = field(default_factory=dict)
    to_officer_id: int | None = None
    left_step: str = ""
    left_step_due: datetime | None = None
    left_agency_id: int | None = None
    step_outcome: str = ""
    created: bool = False  # the action creates the dossier (inserted once, in `_commit`)
    # components the action adds, checked by the intake, written in `_commit` after the dossier's row
    pending_components: dict = field(default_factory=dict)  # position → what `components.add` checked
    refs: Any = None  # references.References of a creating action
    _runner: Any = None
    _rules: VersionRules | None = None

    @property
    def runner(self):
        if self._runner is None:
            d = self.dossier
            self._runner = wf.runner_for(d.process_definition_id, getattr(d, "locked_process_uid", None))
        return self._runner

    @property
    def rules(self) -> VersionRules:
        """The procedure version's rules (times, fees, components, agencies), cached in memory."""
        if self._rules is None or self._rules.pk != self.dossier.procedure_version_id:
            d = self.dossier
            self._rules = version_rules(d.procedure_version_id, getattr(d, "locked_version_stamp", None))
        return self._rules

    def param(self, name: str, default=None):
        return self.params.get(name, default)


@dataclass(frozen=True)
class ActionSpec:
    name: str
    handler: Callable[[Ctx], None]
    authorize: Callable[[Ctx], None]
    from_states: frozenset[str] = frozenset()
    creates: bool = False
    public: bool = True  # shown on the applicant's public timeline
    public_text: str = ""


ACTIONS: dict[str, ActionSpec] = {}


def action(name: str, *, authorize, from_states=(), creates=False, public=True, public_text=""):
    def register(handler):
        ACTIONS[name] = ActionSpec(
            name, handler, authorize, frozenset(from_states), creates, public, public_text
        )
        return handler

    return register


# ----- the one entry ---------------------------------------------------------------------------


def perform(
    dossier: Dossier | str | None,
    action_name: str,
    actor: User,
    expected_version: int | None = None,
    **params,
) -> Dossier:
    """Run one lifecycle action; returns the changed dossier (with `last_event` set)."""
    spec = ACTIONS.get(action_name)
    if spec is None:
        raise InvalidParams(
            f"Thao tác «{action_name}» không tồn tại.",
            f"Unknown action {action_name!r}.",
            code="unknown_action",
        )
    if actor is None or not getattr(actor, "is_authenticated", False):
        raise DossierForbidden("Cần đăng nhập.", "Authentication required.", code="unauthenticated")
    key = params.get("idempotency_key") if spec.creates else None
    if key:
        params["idempotency_fingerprint"] = submission.fingerprint(params)
        existing = _idempotent_hit(actor, key, params["idempotency_fingerprint"])
        if existing is not None:
            return existing
    stored: list = []
    reset = _stored_files.set(stored)
    try:
        with transaction.atomic(), one_revision():
            return _perform(spec, dossier, actor, expected_version, params)
    except BaseException as exc:
        _discard(stored)
        if isinstance(exc, IntegrityError) and key:
            # a concurrent retry with the same key won the race: return its dossier
            existing = _idempotent_hit(actor, key, params["idempotency_fingerprint"])
            if existing is not None:
                return existing
        raise
    finally:
        _stored_files.reset(reset)


# Files an action wrote to storage: the database rolls back a refused or failed action, storage does
# not, so they are deleted (a citizen's scans must not stay on disk without a dossier). An action
# that commits inside a caller's transaction which then rolls back still leaves its files behind.
_stored_files: ContextVar[list | None] = ContextVar("lifecycle_stored_files", default=None)


def _remember(storage, name: str) -> None:
    stored = _stored_files.get()
    if stored is not None and name:
        stored.append((storage, name))


def _discard(stored: list) -> None:
    for storage, name in stored:
        try:
            storage.delete(name)
        except OSError:  # pragma: no cover - a file that cannot be removed is left for an operator
            logger.warning("could not delete %s after a failed dossier action", name)


def _idempotent_hit(actor, key: str, fingerprint: str) -> Dossier | None:
    """The dossier an earlier request with this key created; IdempotencyKeyReused (422) when that
    request differed (keys stored before fingerprints existed match any request)."""
    hit = IdempotencyKey.objects.filter(user=actor, key=str(key)[:128]).select_related("dossier").first()
    if hit is None:
        return None
    if hit.fingerprint and hit.fingerprint != fingerprint:
        raise submission.idempotency_key_reused()
    hit.dossier.last_event = None
    hit.dossier.replayed = True
    return hit.dossier


def _perform(spec: ActionSpec, dossier, actor, expected_version, params) -> Dossier:
    now = clock.now()
    ctx = Ctx(action=spec.name, actor=actor, params=params, now=now)
    ctx.grants = user_role_grants(actor, now)
    from_state = from_step = ""
    if spec.creates and dossier is None:
        ctx.dossier = _new_dossier(ctx)
        spec.authorize(ctx)
        ctx.created = True
        _create(ctx)
    else:
        ctx.dossier = _lock(dossier)
        spec.authorize(ctx)
        if expected_version is None:
            raise InvalidParams(
                "Thiếu phiên bản hồ sơ (expected_version).",
                "expected_version is required.",
                code="expected_version_required",
            )
        try:
            expected = int(expected_version)
        except (TypeError, ValueError):
            expected = None
        if expected != ctx.dossier.version:
            raise DossierConflict(
                "Hồ sơ đã được người khác cập nhật; hãy tải lại rồi thực hiện lại.",
                "The dossier has changed since you read it; reload and try again.",
                current_version=ctx.dossier.version,
            )
        from_state, from_step = ctx.dossier.state, ctx.dossier.current_step
    if (
        spec.from_states
        and ctx.dossier.state not in spec.from_states
        and not (spec.creates and not from_state)
    ):
        raise InvalidState(
            f"Không thể «{spec.name}» khi hồ sơ đang ở trạng thái «{State(ctx.dossier.state).label}».",
            f"Action {spec.name!r} is not possible in state {ctx.dossier.state!r}.",
            state=ctx.dossier.state,
        )
    ctx.left_step, ctx.left_step_due = from_step, ctx.dossier.step_due_at
    ctx.left_agency_id = ctx.dossier.current_agency_id
    try:
        spec.handler(ctx)
    except wf.WorkflowError as exc:
        raise InvalidState(exc.message_vi, exc.message_en, code=exc.code) from exc
    except WorkTimeError as exc:
        raise InvalidParams(exc.message_vi, exc.message_en, code=exc.code) from exc
    return _commit(ctx, spec, from_state, from_step)


def _commit(ctx: Ctx, spec: ActionSpec, from_state: str, from_step: str) -> Dossier:
    """Write the dossier once (INSERT when created, else one UPDATE under the row lock), then its
    event and outbox row. The event's number is the dossier's version: every action adds exactly one
    event and one version (creation: version 1, event 1), so no MAX(seq) query is needed."""
    d = ctx.dossier
    d.national_status = national_status_for(d.state)
    if ctx.created:
        if not ctx.as_integration:
            d.code = ctx.data["code"] = allocate_code(d.receiving_agency, ctx.now)
        compiled_insert.insert(d)  # d.save(force_insert=True), its SQL built once
        written, files = components.write(ctx, ctx.pending_components, _remember)
        action_view.hold_new(d, written, files, fee_lines.store_initial(d, ctx.rules), ctx.rules)
    else:
        d.version += 1  # the row is locked (FOR UPDATE / SQLite's write lock): no one else moved it
        d.save(update_fields=_changed_fields(d))
        components.write(ctx, ctx.pending_components, _remember)
    if ctx.left_step and (ctx.left_step != d.current_step or d.state in FINAL_STATES | {State.RESULT_READY}):
        cal = deadlines.calendar_for(ctx.left_agency_id or d.competent_agency_id)
        ctx.step_outcome = deadlines.outcome(cal, ctx.left_step_due, ctx.now)
    seq = d.version
    grant = ctx.grant
    event = compiled_insert.create(
        DossierEvent,
        dossier=d,
        seq=seq,
        at=ctx.now,
        action=spec.name,
        actor=ctx.actor,
        actor_name=str(ctx.actor)[:255],
        role=APPLICANT if ctx.as_applicant else (grant.role if grant else ""),
        agency_id=grant.agency_id if grant else None,
        on_behalf_of_id=grant.on_behalf_of_id if grant else None,
        from_state=from_state,
        to_state=d.state,
        national_status=d.national_status,
        from_step=from_step,
        to_step=d.current_step,
        to_officer_id=ctx.to_officer_id,
        comment=ctx.comment or str(ctx.param("comment") or ""),
        step_due_at=ctx.left_step_due if ctx.step_outcome else None,
        step_outcome=ctx.step_outcome,
        next_step_due_at=d.step_due_at,
        due_at=d.due_at,
        is_public=spec.public or ctx.is_public,
        public_text=(ctx.public_text or spec.public_text)[:500],
        data=ctx.data,
        dossier_version=d.version,
    )
    compiled_insert.create(
        OutboxMessage,
        topic=f"dossier.{spec.name}",
        key=d.code,
        created_at=ctx.now,
        payload={
            "code": d.code,
            "action": spec.name,
            "event_seq": seq,
            "state": d.state,
            "national_status": d.national_status,
            "version": d.version,
            "channel": d.channel,
            "at": ctx.now.isoformat(),
            "due_at": d.due_at.isoformat() if d.due_at else None,
        },
    )
    key = ctx.param("idempotency_key")
    if spec.creates and key:
        submission.record_key(ctx.actor, key, d, ctx.param("idempotency_fingerprint"))
    d.last_event = event
    d.replayed = False
    return d


def _locked_row(code: str):
    return (
        Dossier.objects.select_for_update(of=("self",))
        .annotate(
            locked_version_stamp=F("procedure_version__created_at"),
            locked_process_uid=Subquery(
                ProcessDefinition.objects.filter(pk=OuterRef("process_definition_id"))
                .order_by()
                .values("uid")[:1]
            ),
            locked_calendar_revision=calendar_revision_subquery(),
        )
        .filter(code=code)
    )


# Every action on an existing dossier starts here: its SQL is built once (core/compiled.py).
_LOCK = CompiledQuery(_locked_row, code="str")


def _lock(dossier) -> Dossier:
    """The dossier row, locked until commit, with what the action's caches need to check themselves:
    its version's `created_at`, its process's uid and the calendar revision."""
    code = dossier.code if isinstance(dossier, Dossier) else dossier
    found = _LOCK.objects(code=str(code))
    if not found:
        raise DossierNotFound("Không tìm thấy hồ sơ.", "Dossier not found.", code="dossier_not_found")
    found = found[0]
    prime_revision(found.locked_calendar_revision)
    found.locked_values = {f.attname: getattr(found, f.attname) for f in _PLAIN_FIELDS}
    return found


# Fields compared with their value at lock time to write only what an action changed; JSON fields
# may be changed in place, so they are always written.
_JSON_FIELDS = [f.attname for f in Dossier._meta.concrete_fields if f.get_internal_type() == "JSONField"]
_PLAIN_FIELDS = [
    f for f in Dossier._meta.concrete_fields if not f.primary_key and f.attname not in _JSON_FIELDS
]


def _changed_fields(d: Dossier) -> list[str]:
    before = d.locked_values
    changed = [name for name, value in before.items() if getattr(d, name) != value]
    return [*changed, *_JSON_FIELDS, "updated_at"]


# ----- authorisation ---------------------------------------------------------------------------


def _forbidden(
    vi="Bạn không có quyền thực hiện thao tác này với hồ sơ.", en="You may not do this to this dossier."
):
    return DossierForbidden(vi, en)


def _grant(ctx: Ctx, roles, agency_id) -> RoleGrant | None:
    roles = {roles} if isinstance(roles, str) else set(roles)
    direct = [g for g in ctx.grants if g.role in roles and g.agency_id == agency_id]
    direct.sort(key=lambda g: g.on_behalf_of_id is not None)  # own role before a delegated one
    return direct[0] if direct else None


def _require(ctx: Ctx, roles, agency_id) -> None:
    grant = _grant(ctx, roles, agency_id)
    if grant is None:
        raise _forbidden()
    ctx.grant = grant


def applicant_of(user) -> Applicant | None:
    try:
        return user.applicant
    except Applicant.DoesNotExist:
        return None
    except AttributeError:  # pragma: no cover
        return None


def _is_owner(ctx: Ctx) -> bool:
    applicant = applicant_of(ctx.actor)
    return applicant is not None and ctx.dossier.applicant_id == applicant.pk


def auth_desk(ctx: Ctx) -> None:
    _require(ctx, Role.DESK_OFFICER, ctx.dossier.receiving_agency_id)


def auth_owner(ctx: Ctx) -> None:
    if not _is_owner(ctx):
        raise _forbidden(
            "Chỉ chủ hồ sơ được thực hiện thao tác này.", "Only the dossier's applicant may do this."
        )
    ctx.as_applicant = True


def auth_owner_or_desk(ctx: Ctx) -> None:
    if _is_owner(ctx):
        ctx.as_applicant = True
        return
    auth_desk(ctx)


def auth_submit(ctx: Ctx) -> None:
    """Applicants file their own dossiers; the desk registers paper, post and national-portal arrivals.
    Which channel each may declare is `submission.check_channel` (run when the dossier is created)."""
    d = ctx.dossier
    if ctx.param("national_code") is not None:  # forwarded by the national portal (integrations/inbound.py)
        submission.check_integration(ctx.actor, d.channel)
        ctx.as_integration = True
        return
    if _is_owner(ctx):
        ctx.as_applicant = True
        return
    if d.channel == Channel.ONLINE:  # never typed in by staff, nor filed for someone else
        submission.check_channel("submit", d.channel, as_applicant=False)
    _require(ctx, Role.DESK_OFFICER, d.receiving_agency_id)


def step_agency_id(dossier: Dossier, step) -> int:
    if step.agency_id:
        return step.agency_id
    if step.role == Role.DESK_OFFICER:
        return dossier.receiving_agency_id
    return dossier.competent_agency_id


def auth_step(ctx: Ctx) -> None:
    """The role of the dossier's current step at that step's agency; the assigned officer if any
    (or whoever holds a delegation from them)."""
    d = ctx.dossier
    if not d.current_step:
        raise InvalidState("Hồ sơ không ở bước xử lý nào.", "The dossier is not at a process step.")
    _require(ctx, d.current_role, d.current_agency_id)
    if d.assigned_officer_id and ctx.actor.pk != d.assigned_officer_id:
        delegated = [
            g
            for g in ctx.grants
            if g.on_behalf_of_id == d.assigned_officer_id
            and g.role == d.current_role
            and g.agency_id == d.current_agency_id
        ]
        if not delegated:
            raise _forbidden(
                "Hồ sơ đang được giao cho cán bộ khác.", "The dossier is assigned to another officer."
            )
        ctx.grant = delegated[0]


def auth_step_or_desk(ctx: Ctx) -> None:
    """The current step's actor; the receiving desk before receipt and right after it."""
    d = ctx.dossier
    if d.state == State.SUBMITTED or not d.current_step:
        auth_desk(ctx)
        return
    try:
        auth_step(ctx)
    except DossierForbidden:
        if d.state != State.RECEIVED:
            raise
        auth_desk(ctx)


def auth_leader(ctx: Ctx) -> None:
    _require(ctx, Role.LEADER, ctx.dossier.competent_agency_id)


def auth_apologize(ctx: Ctx) -> None:
    d = ctx.dossier
    for agency_id in (d.competent_agency_id, d.receiving_agency_id):
        grant = _grant(ctx, Role.LEADER, agency_id)
        if grant:
            ctx.grant = grant
            return
    auth_step(ctx)


def auth_transfer(ctx: Ctx) -> None:
    d = ctx.dossier
    grant = _grant(ctx, Role.DESK_OFFICER, d.receiving_agency_id) or _grant(
        ctx, Role.LEADER, d.competent_agency_id
    )
    if grant is None:
        raise _forbidden()
    ctx.grant = grant


def auth_consulted(ctx: Ctx) -> None:
    open_agencies = set(
        DossierConsultation.objects.filter(
            dossier=ctx.dossier, step=ctx.dossier.current_step, answered_at__isnull=True
        ).values_list("agency_id", flat=True)
    )
    for grant in ctx.grants:
        if grant.agency_id in open_agencies and grant.role in (Role.PROCESSING_OFFICER, Role.LEADER):
            ctx.grant = grant
            return
    raise _forbidden("Chỉ cơ quan được xin ý kiến mới trả lời được.", "Only a consulted agency may answer.")


def auth_withdraw(ctx: Ctx) -> None:
    auth_owner_or_desk(ctx)


# ----- creation --------------------------------------------------------------------------------


def _new_dossier(ctx: Ctx) -> Dossier:
    p = ctx.params
    channel = p.get("channel") or (Channel.ONLINE if ctx.action == "submit" else Channel.IN_PERSON)
    if channel not in Channel.values:
        raise InvalidParams("Kênh nộp không hợp lệ.", "Unknown channel.", code="invalid_channel")
    ctx.refs = references.read(p)
    rules, version = ctx.refs.rules, ctx.refs.version
    ctx._rules = rules
    competent_ids, receiving_ids = rules.competent_ids, rules.receiving_ids
    wanted = {
        "competent": p.get("competent_agency") or (competent_ids[0] if len(competent_ids) == 1 else None),
        "receiving": p.get("receiving_agency") or (receiving_ids[0] if len(receiving_ids) == 1 else None),
    }
    agencies = ctx.refs.agencies({k: v for k, v in wanted.items() if v})
    if p.get("competent_agency"):
        competent = agencies.get("competent")
        if competent is None:
            raise InvalidParams(
                "Không tìm thấy cơ quan giải quyết.", "Unknown competent agency.", code="unknown_agency"
            )
        if competent_ids and competent.pk not in competent_ids:
            raise InvalidParams(
                "Cơ quan này không có thẩm quyền giải quyết thủ tục.",
                "This agency is not competent for the procedure.",
                code="agency_not_competent",
            )
    elif len(competent_ids) == 1:
        competent = agencies["competent"]
    else:
        raise InvalidParams(
            "Cần chọn cơ quan giải quyết.", "Choose the competent agency.", code="competent_agency_required"
        )
    if p.get("receiving_agency"):
        receiving = agencies.get("receiving")
        if receiving is None:
            raise InvalidParams(
                "Không tìm thấy nơi tiếp nhận.", "Unknown receiving agency.", code="unknown_agency"
            )
        if receiving_ids and receiving.pk not in receiving_ids and receiving.pk != competent.pk:
            raise InvalidParams(
                "Nơi tiếp nhận không nhận hồ sơ của thủ tục này.",
                "This agency does not receive dossiers of this procedure.",
                code="agency_not_receiving",
            )
    elif len(receiving_ids) == 1:
        receiving = agencies["receiving"]
    else:
        receiving = competent
    applicant = p.get("applicant")
    applicant = applicant_of(ctx.actor) if applicant is None else ctx.refs.applicant(applicant)
    if applicant is None:
        raise InvalidParams("Cần chọn chủ hồ sơ.", "The applicant is required.", code="applicant_required")
    requested = p.get("return_channel") or ""
    if requested and requested not in ReturnChannel.values:
        raise InvalidParams(
            "Hình thức nhận kết quả không hợp lệ.",
            "Unknown result delivery channel.",
            code="invalid_return_channel",
        )
    address = str(p.get("return_address") or "").strip()[:255]
    if requested == ReturnChannel.POST and not address:
        raise InvalidParams(
            "Cần địa chỉ nhận kết quả qua bưu chính.",
            "A postal address is required to receive the result by post.",
            code="return_address_required",
        )
    rep = p.get("representative") or {}
    eform = p.get("eform_data")
    if eform is None:
        eform = {}
    dossier = Dossier(
        applicant=applicant,
        representative_name=str(rep.get("name", ""))[:255],
        representative_id_number=str(rep.get("id_number", ""))[:12],
        representative_phone=str(rep.get("phone", ""))[:20],
        representative_relation=str(rep.get("relation", ""))[:100],
        channel=channel,
        receiving_agency=receiving,
        competent_agency=competent,
        procedure_version_id=rules.pk,
        summary=str(p.get("summary") or rules.name)[:500],
        eform_data=eform,
        requested_return_channel=requested,
        return_address=address if requested == ReturnChannel.POST else "",
        state=State.SUBMITTED,
    )
    if version is not None:
        dossier.procedure_version = version
    return dossier


def _create(ctx: Ctx) -> None:
    """Pin the process and allocate the code; the row, its components and fees are written in
    `_commit`, once the action's handler has set everything else."""
    d = ctx.dossier
    try:
        definition = ctx.refs.definition(d.competent_agency_id)
    except wf.WorkflowError as exc:
        raise InvalidParams(exc.message_vi, exc.message_en, code=exc.code) from exc
    d.process_definition_id = definition.pk
    ctx._runner = wf.runner_for(definition.pk, definition.uid)
    # the code is allocated in `_commit`, right before the row's INSERT: the counter's row lock is then
    # held for the writes only, not for the handler's calendar work (receipts at one centre queue on it)
    d.code = ctx.param("national_code") if ctx.as_integration else ""
    d.submitted_at = ctx.now
    d.current_role, d.current_agency_id = Role.DESK_OFFICER, d.receiving_agency_id
    submission.check_channel(
        ctx.action, d.channel, as_applicant=ctx.as_applicant, as_integration=ctx.as_integration
    )
    d.eform_data = {
        **submission.check_eform(ctx.rules.eform, d.eform_data, channel=d.channel),
        **_reserved(ctx.param("reserved_eform_data")),
    }
    components.add(ctx, ctx.param("components") or [])
    ctx.data["code"] = d.code or None  # filled in `_commit` when allocated there


def _reserved(data) -> dict:
    """`reserved_eform_data`: keys starting with `_` that a system caller (the demo loader, the
    portal) stores beside the e-form; never read from a client's body."""
    out = {}
    for key, value in (data or {}).items():
        if not str(key).startswith(eform_schema.RESERVED_PREFIX):
            raise InvalidParams(
                "Khóa dành riêng phải bắt đầu bằng «_».",
                "Reserved keys start with '_'.",
                code="invalid_params",
            )
        out[str(key)] = value
    return out


def _required_components(ctx: Ctx) -> dict[int, str]:
    rules = ctx.rules
    return {p: rules.components[p] for p in rules.required_components if p in rules.components}


def allocate_code(agency: Agency, at: datetime) -> str:
    """`<agency identifier>-<yyMMdd>-<NNNN>`: the next number of the agency's local day.

    The counter row is incremented by one UPDATE inside the caller's transaction; its row lock (or
    SQLite's IMMEDIATE write lock) is held until commit, so two receipts never read the same number.
    The first receipt of a day inserts the row; a concurrent first receipt hits the unique constraint,
    rolls back to its savepoint and increments the row the other one created."""
    local_day = at.astimezone(deadlines.VN_TZ).date()
    number = _next_number(agency.pk, local_day)
    if number is None:
        try:
            with transaction.atomic():
                DossierCodeCounter.objects.create(agency=agency, day=local_day, last=1)
            number = 1
        except IntegrityError:
            number = _next_number(agency.pk, local_day)
    return f"{agency.identifier}-{local_day:%y%m%d}-{number:04d}"


def _next_number(agency_id: int, day) -> int | None:
    """Increment the agency's counter of the day and read it back in one statement (UPDATE …
    RETURNING, PostgreSQL and SQLite ≥ 3.35); None when the day has no row yet."""
    table = connection.ops.quote_name(DossierCodeCounter._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET last = last + 1 WHERE agency_id = %s AND day = %s RETURNING last",
            [agency_id, connection.ops.adapt_datefield_value(day)],
        )
        row = cursor.fetchone()
    return row[0] if row else None


# ----- routing and deadlines -------------------------------------------------------------------


def _step_calendar(d: Dossier):
    return deadlines.calendar_for(d.current_agency_id or d.competent_agency_id)


def _pauses(d: Dossier) -> list[tuple[datetime, datetime]]:
    return [(p.started_at, p.ended_at) for p in d.pauses.all() if p.ended_at is not None]


def _officer_param(ctx: Ctx, step, agency_id: int) -> int | None:
    value = ctx.param("officer")
    if value in (None, ""):
        return step.officer_id
    if isinstance(value, User):
        officer = value
    else:
        try:
            officer = User.objects.filter(pk=int(value)).first()
        except (TypeError, ValueError):
            officer = None
    if officer is None or not any(
        g.role == step.role and g.agency_id == agency_id for g in user_role_grants(officer, ctx.now)
    ):
        raise InvalidParams(
            "Cán bộ được chọn không giữ vai trò của bước tiếp theo.",
            "The chosen officer does not hold the next step's role.",
            code="invalid_officer",
        )
    return officer.pk


def _enter_step(ctx: Ctx, step) -> None:
    d = ctx.dossier
    agency_id = step_agency_id(d, step)
    d.current_step, d.current_step_name = step.key, step.name[:255]
    d.current_role, d.current_agency_id = step.role, agency_id
    d.assigned_officer_id = _officer_param(ctx, step, agency_id)
    ctx.to_officer_id = d.assigned_officer_id
    d.step_started_at = ctx.now
    d.step_allotment_hours = step.allotment_hours
    d.step_due_at = deadlines.step_due(_step_calendar(d), ctx.now, step.allotment_hours)
    if step.public_status:
        ctx.public_text = step.public_status
    ctx.is_public = ctx.is_public or step.notify_applicant


def _route_to_desk(d: Dossier) -> None:
    d.current_role, d.current_agency_id = Role.DESK_OFFICER, d.receiving_agency_id
    d.assigned_officer_id = None


def _leave_process(d: Dossier) -> None:
    d.current_step = d.current_step_name = d.current_role = ""
    d.current_agency_id = d.assigned_officer_id = None
    d.step_due_at = d.step_started_at = d.step_allotment_hours = None


def _close_open_pause(d: Dossier, now: datetime) -> bool:
    return bool(DossierPause.objects.filter(dossier=d, ended_at__isnull=True).update(ended_at=now))


def _check_can_leave(ctx: Ctx) -> None:
    d = ctx.dossier
    present = set(d.components.values_list("position", flat=True))
    fields = {k for k, v in (d.eform_data or {}).items() if v not in (None, "", [], {})}
    missing = ctx.runner.missing_requirements(d.current_step, present, fields)
    rows = list(d.consultations.filter(step=d.current_step).values_list("agency_id", "answered_at"))
    blockers = []
    if hasattr(ctx.runner, "close_blockers"):
        blockers = ctx.runner.close_blockers(
            d.current_step, [a for a, _ in rows], [a for a, at in rows if at is not None]
        )
    if missing or blockers:
        text = " ".join(missing + blockers)
        raise InvalidState(text, "The step's requirements are not met: " + text, code="requirements_missing")


def _step_action(ctx: Ctx, name: str):
    """The target of a process action at the current step (WorkflowError if not allowed there)."""
    d = ctx.dossier
    if name not in ctx.runner.allowed_actions(d.current_step):
        raise InvalidState(
            f"Không được thực hiện «{name}» ở bước «{d.current_step_name}».",
            f"Action {name!r} is not allowed at step {d.current_step!r}.",
            code="action_not_allowed",
        )
    return ctx.runner.target(d.current_step, name, ctx.param("to_step") or None)


def _move_on(ctx: Ctx, target) -> None:
    """Enter the next step; when the process ends (no target, or a terminal "result" step) the
    result is ready and the dossier waits at the receiving desk to be returned."""
    d = ctx.dossier
    if target is not None and not target.is_terminal:
        _enter_step(ctx, target)
        return
    d.state = State.RESULT_READY
    d.outcome = d.outcome or Outcome.APPROVED
    d.finished_at = ctx.now
    if target is not None:
        _enter_step(ctx, target)
    else:
        _leave_process(d)
        _route_to_desk(d)
    ctx.is_public = True
    ctx.public_text = ctx.public_text or "Đã có kết quả giải quyết, mời nhận kết quả."


# ----- the actions -----------------------------------------------------------------------------

PRE_RESULT = (
    State.SUBMITTED,
    State.RECEIVED,
    State.PROCESSING,
    State.SUPPLEMENT_REQUESTED,
    State.PAYMENT_REQUESTED,
)
IN_PROCESS = (State.RECEIVED, State.PROCESSING)


@action("submit", authorize=auth_submit, creates=True, public_text="Hồ sơ đã được nộp, chờ tiếp nhận.")
def _submit(ctx: Ctx) -> None:
    d = ctx.dossier
    d.state = State.SUBMITTED
    if ctx.created and d.channel in ONLINE_CHANNELS:
        # filed online: every mandatory component carries a file or comes from the applicant's store;
        # the desk's registrations (paper, post) are checked when received
        evidence = submission.evidence_of(ctx.pending_components)
        submission.check_components(
            _required_components(ctx), evidence, online=True, kinds=ctx.rules.component_kinds
        )


@action(
    "receive",
    authorize=auth_desk,
    from_states=(State.SUBMITTED,),
    creates=True,
    public_text="Hồ sơ đã được tiếp nhận.",
)
def _receive(ctx: Ctx) -> None:
    d = ctx.dossier
    d.state = State.RECEIVED
    d.received_at = ctx.now
    term = deadlines.processing_term(ctx.rules, d.channel)
    deadlines.stamp_term(d, term)
    cal = deadlines.calendar_for(d.receiving_agency_id)
    d.due_at = d.original_due_at = deadlines.due_at_receipt(cal, ctx.now, term)
    if ctx.param("components") and not ctx.created:
        components.add(ctx, ctx.param("components"))
    # receipt = the completeness check: every mandatory component declared received (online ones
    # arrived with their files; paper ones the officer has checked)
    if ctx.created:
        evidence = submission.evidence_of(ctx.pending_components)
    elif d.channel in ONLINE_CHANNELS:
        evidence = None  # checked, with its files, when filed online; components are never removed
    else:
        # stored components, and those declared now (written by `_commit`, after this check)
        positions = set(d.components.values_list("position", flat=True)) | set(ctx.pending_components)
        evidence = {p: submission.Evidence(declared=True) for p in positions}
    if evidence is not None:
        submission.check_components(_required_components(ctx), evidence, online=False)
    _enter_step(ctx, ctx.runner.first_step())


@action(
    "request_supplement",
    authorize=auth_step_or_desk,
    from_states=(State.SUBMITTED, State.RECEIVED, State.PROCESSING),
    public_text="Hồ sơ cần bổ sung, hoàn thiện.",
)
def _request_supplement(ctx: Ctx) -> None:
    d = ctx.dossier
    missing = ctx.param("missing") or []
    reason = str(ctx.param("reason") or ctx.param("comment") or "").strip()
    if not reason and not missing:
        raise InvalidParams(
            "Cần nêu rõ giấy tờ cần bổ sung.", "Say exactly what must be supplied.", code="reason_required"
        )
    d.resume_state = d.state
    if d.state in CLOCK_STATES:  # before receipt the clock has not started: nothing to pause
        DossierPause.objects.create(dossier=d, started_at=ctx.now, reason=reason)
        d.supplement_requests += 1
    d.state = State.SUPPLEMENT_REQUESTED
    ctx.data.update({"missing": [str(m) for m in missing], "reason": reason})


@action(
    "supplement",
    authorize=auth_owner_or_desk,
    from_states=(State.SUPPLEMENT_REQUESTED,),
    public_text="Đã nhận hồ sơ bổ sung.",
)
def _supplement(ctx: Ctx) -> None:
    d = ctx.dossier
    components.add(ctx, ctx.param("components") or [])
    if ctx.param("eform_data") is not None:
        changes = submission.check_eform(ctx.rules.eform, ctx.param("eform_data"), partial=True)
        d.eform_data = {**(d.eform_data or {}), **changes}
    d.state = d.resume_state or State.SUBMITTED
    d.resume_state = ""
    if _close_open_pause(d, ctx.now):
        _push_deadlines(ctx)


def _push_deadlines(ctx: Ctx) -> None:
    """After a pause: every deadline is recomputed from its start with the paused working time."""
    d = ctx.dossier
    pauses = _pauses(d)
    cal = deadlines.calendar_for(d.receiving_agency_id)
    old_due = d.original_due_at
    d.original_due_at = deadlines.due_at_receipt(cal, d.received_at, deadlines.term_of(d), pauses)
    if d.apologized_at is None or (d.due_at and d.original_due_at and d.original_due_at > d.due_at):
        d.due_at = d.original_due_at
    if d.step_started_at and d.step_allotment_hours:
        d.step_due_at = deadlines.step_due(
            _step_calendar(d), d.step_started_at, d.step_allotment_hours, pauses
        )
    ctx.data["due_moved"] = [
        old_due.isoformat() if old_due else None,
        d.due_at.isoformat() if d.due_at else None,
    ]


def _require_reason(ctx: Ctx) -> str:
    reason = str(ctx.param("reason") or ctx.param("comment") or "").strip()
    if not reason:
        raise InvalidParams("Cần nêu rõ lý do.", "A reason is required.", code="reason_required")
    return reason


def _end(ctx: Ctx, state: str, reason: str) -> None:
    d = ctx.dossier
    d.state = state
    d.end_reason = reason
    d.finished_at = ctx.now
    d.resume_state = ""
    _close_open_pause(d, ctx.now)
    _leave_process(d)
    ctx.data["reason"] = reason  # for the applicant's own pages; the public text is the action's


@action(
    "refuse",
    authorize=auth_desk,
    from_states=(State.SUBMITTED, State.RECEIVED),
    public_text="Hồ sơ bị từ chối tiếp nhận.",
)
def _refuse(ctx: Ctx) -> None:
    _end(ctx, State.REFUSED, _require_reason(ctx))


@action(
    "transfer",
    authorize=auth_transfer,
    from_states=IN_PROCESS,
    public_text="Hồ sơ được chuyển cơ quan giải quyết.",
)
def _transfer(ctx: Ctx) -> None:
    d = ctx.dossier
    target = references.agency(
        ctx.param("competent_agency") or ctx.param("to_agency"), "cơ quan giải quyết", "competent agency"
    )
    competent_ids = set(ctx.rules.competent_ids)
    if target.pk == d.competent_agency_id or (competent_ids and target.pk not in competent_ids):
        raise InvalidParams(
            "Cơ quan nhận chuyển không có thẩm quyền giải quyết thủ tục.",
            "The target agency is not competent for the procedure.",
            code="agency_not_competent",
        )
    ctx.data["from_agency"] = d.competent_agency.identifier
    ctx.data["to_agency"] = target.identifier
    d.competent_agency = target
    definition = wf.definition_for(ctx.rules, target)
    d.process_definition_id = definition.pk
    ctx._runner = wf.runner_for(definition.pk, definition.uid)
    d.consultations.filter(answered_at__isnull=True).update(
        answered_at=ctx.now, answer="(hủy do chuyển cơ quan)"
    )
    runner = ctx.runner
    step = runner.step(ctx.param("to_step")) if ctx.param("to_step") else runner.first_step()
    d.state = State.PROCESSING if d.state == State.PROCESSING else d.state
    _enter_step(ctx, step)


@action("forward", authorize=auth_step, from_states=(*IN_PROCESS, State.APPROVED, State.REJECTED))
def _forward(ctx: Ctx) -> None:
    d = ctx.dossier
    target = _step_action(ctx, "forward")
    _check_can_leave(ctx)
    if d.state in IN_PROCESS:
        d.state = State.PROCESSING
    _move_on(ctx, target)


@action(
    "send_back", authorize=auth_step, from_states=(*IN_PROCESS, State.APPROVED, State.REJECTED), public=False
)
def _send_back(ctx: Ctx) -> None:
    d = ctx.dossier
    if not ctx.param("to_step"):
        earlier = ctx.runner.earlier_steps(d.current_step)
        if len(earlier) == 1:
            ctx.params["to_step"] = earlier[0].key
    target = _step_action(ctx, "send_back")
    if target is None:  # pragma: no cover - the workflow validates send_back targets
        raise InvalidState("Không có bước để trả lại.", "No step to send back to.")
    _require_reason(ctx)
    if d.state in (State.APPROVED, State.REJECTED):
        d.outcome = ""
    d.state = State.PROCESSING
    _enter_step(ctx, target)
    ctx.is_public, ctx.public_text = False, ""


@action("consult", authorize=auth_step, from_states=(State.PROCESSING, State.RECEIVED), public=False)
def _consult(ctx: Ctx) -> None:
    d = ctx.dossier
    _step_action(ctx, "consult")
    wanted = [
        references.agency(a, "cơ quan được xin ý kiến", "consulted agency")
        for a in ctx.param("agencies") or []
    ]
    step = ctx.runner.step(d.current_step)
    ids = {a.pk for a in wanted} | set(getattr(step, "consult_agency_ids", ()) or ())
    ids.discard(d.competent_agency_id)
    already = set(d.consultations.filter(step=d.current_step).values_list("agency_id", flat=True))
    new = sorted(ids - already)
    if not new:
        raise InvalidParams(
            "Cần chọn ít nhất một cơ quan mới để xin ý kiến.",
            "Choose at least one agency not yet consulted.",
            code="agencies_required",
        )
    due_hours = ctx.param("due_hours")
    for agency_id in new:
        due = None
        if due_hours:
            due = deadlines.step_due(deadlines.calendar_for(agency_id), ctx.now, due_hours)
        DossierConsultation.objects.create(
            dossier=d,
            step=d.current_step,
            agency_id=agency_id,
            question=str(ctx.param("question") or ctx.param("comment") or ""),
            requested_at=ctx.now,
            due_at=due,
        )
    d.state = State.PROCESSING
    ctx.data["agencies"] = list(Agency.objects.filter(pk__in=new).values_list("identifier", flat=True))


@action("answer_consultation", authorize=auth_consulted, from_states=(State.PROCESSING,), public=False)
def _answer_consultation(ctx: Ctx) -> None:
    d = ctx.dossier
    answer = str(ctx.param("answer") or ctx.param("comment") or "").strip()
    if not answer:
        raise InvalidParams("Cần nhập ý kiến trả lời.", "The answer is required.", code="answer_required")
    row = d.consultations.filter(
        step=d.current_step, agency_id=ctx.grant.agency_id, answered_at__isnull=True
    ).first()
    row.answered_at, row.answer, row.answered_by = ctx.now, answer, ctx.actor
    row.save()
    ctx.data["agency"] = row.agency.identifier


@action(
    "request_payment",
    authorize=auth_step_or_desk,
    from_states=IN_PROCESS,
    public_text="Đề nghị thực hiện nghĩa vụ tài chính.",
)
def _request_payment(ctx: Ctx) -> None:
    d = ctx.dossier
    if d.current_step:
        _step_action(ctx, "request_payment")
    amount = ctx.param("amount")
    if amount not in (None, ""):
        try:
            amount = int(amount)
        except (TypeError, ValueError):
            amount = -1
        if not 0 < amount <= MAX_AMOUNT_DONG:
            raise InvalidParams(
                f"Số tiền phải là số nguyên dương (đồng), tối đa {MAX_AMOUNT_DONG:,} đồng.".replace(",", "."),
                f"The amount must be a positive integer (đồng), at most {MAX_AMOUNT_DONG:,} đồng.",
                code="invalid_amount",
            )
        DossierFee.objects.create(
            dossier=d, kind="obligation", description=str(ctx.param("description") or "")[:500], amount=amount
        )
    ctx.data["exemptions"] = fee_lines.recompute_for_request(d, ctx.rules, ctx.param("exemptions"))
    fees = d.fees.filter(paid_at__isnull=True, amount__gt=0)
    if not fees.exists():
        raise InvalidParams(
            "Hồ sơ không có khoản phải nộp.", "Nothing to pay on this dossier.", code="nothing_to_pay"
        )
    fees.update(requested_at=ctx.now)
    ctx.data["amount"] = sum(fees.values_list("amount", flat=True))
    d.resume_state = d.state
    d.state = State.PAYMENT_REQUESTED


@action(
    "pay",
    authorize=auth_owner_or_desk,
    from_states=(State.PAYMENT_REQUESTED,),
    public_text="Đã nộp phí, lệ phí.",
)
def _pay(ctx: Ctx) -> None:
    """Records the payment (by the applicant online, or at the desk) and resumes processing."""
    d = ctx.dossier
    d.fees.filter(paid_at__isnull=True).update(
        paid_at=ctx.now, payment_reference=str(ctx.param("reference") or "")[:100]
    )
    d.state = d.resume_state or State.PROCESSING
    d.resume_state = ""


def _decide(ctx: Ctx, name: str, state: str, outcome: str) -> None:
    d = ctx.dossier
    target = _step_action(ctx, name)
    _check_can_leave(ctx)
    d.state, d.outcome = state, outcome
    _move_on(ctx, target)


@action("approve", authorize=auth_step, from_states=IN_PROCESS, public_text="Hồ sơ đã được phê duyệt.")
def _approve(ctx: Ctx) -> None:
    _decide(ctx, "approve", State.APPROVED, Outcome.APPROVED)


@action("reject", authorize=auth_step, from_states=IN_PROCESS, public_text="Hồ sơ không được giải quyết.")
def _reject(ctx: Ctx) -> None:
    reason = _require_reason(ctx)
    ctx.dossier.end_reason = reason
    _decide(ctx, "reject", State.REJECTED, Outcome.REJECTED)
    ctx.public_text, ctx.data["reason"] = "", reason  # the action's public text, not the step's


@action(
    "issue_result",
    authorize=auth_step,
    from_states=(State.APPROVED, State.REJECTED),
    public_text="Đã ban hành kết quả giải quyết.",
)
def _issue_result(ctx: Ctx) -> None:
    """Results as motcua/results/issuing.py checks and writes them (a document needs number, date,
    signer and a checked or signed PDF)."""
    target = _step_action(ctx, "issue_result")
    prepared = issuing.prepare(ctx)
    _move_on(ctx, target)
    issuing.write(ctx, prepared, _remember)


@action(
    "return_result",
    authorize=auth_desk,
    from_states=(State.RESULT_READY,),
    public_text="Đã trả kết quả.",
)
def _return_result(ctx: Ctx) -> None:
    d = ctx.dossier
    channel = (
        ctx.param("return_channel")
        or d.requested_return_channel
        or (ReturnChannel.ELECTRONIC if d.channel in ONLINE_CHANNELS else ReturnChannel.DESK)
    )
    if channel not in ReturnChannel.values:
        raise InvalidParams("Hình thức trả kết quả không hợp lệ.", "Unknown return channel.")
    issuing.check_return(ctx, channel)
    d.state = State.RETURNED
    d.return_channel = channel
    d.returned_at = ctx.now
    _leave_process(d)
    issuing.after_return(ctx, channel)


@action("withdraw", authorize=auth_withdraw, from_states=PRE_RESULT, public_text="Hồ sơ đã được rút.")
def _withdraw(ctx: Ctx) -> None:
    reason = str(ctx.param("reason") or ctx.param("comment") or "").strip() or "Công dân rút hồ sơ."
    _end(ctx, State.WITHDRAWN, reason)


@action(
    "stop",
    authorize=auth_leader,
    from_states=(State.RECEIVED, State.PROCESSING, State.SUPPLEMENT_REQUESTED, State.PAYMENT_REQUESTED),
    public_text="Hồ sơ bị dừng giải quyết.",
)
def _stop(ctx: Ctx) -> None:
    _end(ctx, State.STOPPED, _require_reason(ctx))


@action(
    "apologize",
    authorize=auth_apologize,
    from_states=tuple(CLOCK_STATES),
    public_text="Cơ quan xin lỗi và hẹn lại ngày trả kết quả.",
)
def _apologize(ctx: Ctx) -> None:
    d = ctx.dossier
    reason = _require_reason(ctx)
    new_due = _datetime_param(ctx.param("new_due_at"))
    cal = deadlines.calendar_for(d.receiving_agency_id)
    if not deadlines.is_late_or_due_within(cal, d.due_at, ctx.now, APOLOGY_WINDOW_HOURS):
        raise InvalidState(
            f"Chỉ xin lỗi, hẹn lại khi hồ sơ đã trễ hoặc còn dưới {APOLOGY_WINDOW_HOURS:g} giờ làm việc.",
            "An apology is only possible once the dossier is late or within "
            f"{APOLOGY_WINDOW_HOURS:g} working hours of its due date.",
            code="not_late",
        )
    if new_due <= ctx.now or (d.due_at and new_due <= d.due_at):
        raise InvalidParams(
            "Ngày hẹn mới phải sau ngày hẹn hiện tại.",
            "The new date must be after the current due date.",
            code="invalid_new_due",
        )
    ctx.data.update({"previous_due_at": d.due_at.isoformat() if d.due_at else None, "reason": reason})
    ctx.data["requested_extension"] = apology.requested_extension(cal, d.due_at, new_due)  # form 04
    d.original_due_at = d.original_due_at or d.due_at
    d.due_at = new_due
    d.apologized_at = ctx.now


def _datetime_param(value) -> datetime:
    if isinstance(value, datetime):
        parsed = value
    else:
        try:
            parsed = datetime.fromisoformat(str(value))
        except (TypeError, ValueError):
            raise InvalidParams(
                "Ngày hẹn mới không hợp lệ (ISO 8601).",
                "new_due_at must be an ISO 8601 date-time.",
                code="invalid_new_due",
            ) from None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=deadlines.VN_TZ)
    return parsed


# signing and digitisation (motcua/results/actions.py) register their actions in ACTIONS
from motcua.results import actions as _results_actions  # noqa: E402, F401

__all__ = ["ACTIONS", "DossierError", "allocate_code", "perform"]
