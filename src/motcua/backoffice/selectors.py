"""Reads for the officer back office: who is an officer, worklist buckets with bounded counts, one keyset
page of a bucket, the actions a user may take on a dossier now, the process map, hand-over choices.

Nothing here writes; every change goes through `motcua.dossiers.lifecycle.perform` (via the
`dossier_<action>` doors in `motcua.dossiers.services`).
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.db.models import F, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from motcua.calendar.selectors import work_calendar
from motcua.calendar.worktime import WorkTimeError
from motcua.core import clock
from motcua.core.collation import vi
from motcua.core.text import fold_terms
from motcua.dossiers import deadlines
from motcua.dossiers.errors import DossierError
from motcua.dossiers.lifecycle import ACTIONS, Ctx, step_agency_id
from motcua.dossiers.models import Dossier, DossierConsultation
from motcua.dossiers.states import CLOCK_STATES, Channel, State
from motcua.dossiers.visibility import NOBODY, Visibility
from motcua.organizations.models import Agency, Delegation, Role, StaffRole, User
from motcua.organizations.selectors import RoleGrant, user_role_grants
from motcua.workflow import runner as wf

# Counts per bucket stop at this many rows (shown as "99+"), so a bucket with a million dossiers costs
# no more than one with a hundred: `SELECT COUNT(*) FROM (SELECT id … LIMIT 100)`.
COUNT_CAP = 100
PAGE_SIZE = 50
STAFF_ROLES = (Role.DESK_OFFICER, Role.PROCESSING_OFFICER, Role.LEADER, Role.CLERK)
ACTIVE_STATES = (State.RECEIVED, State.PROCESSING, State.APPROVED, State.REJECTED)


def due_soon_hours() -> Decimal:
    """Working hours before the due date that put a dossier on the "due soon" list (setting)."""
    value = getattr(settings, "MOTCUA_DUE_SOON_HOURS", None) or os.environ.get("MOTCUA_DUE_SOON_HOURS") or 8
    return Decimal(str(value))


def officer_grants(user, at: dt.datetime | None = None) -> list[RoleGrant]:
    """The user's roles (direct or delegated) now; empty for citizens and for staff without a role."""
    if user is None or not user.is_authenticated:
        return []
    return user_role_grants(user, at or clock.now())


# ----- worklist --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Bucket:
    key: str
    label: str
    hint: str = ""


BUCKETS: tuple[Bucket, ...] = (
    Bucket("cho-tiep-nhan", _("Chờ tiếp nhận (trực tuyến)")),
    Bucket("cho-tiep-nhan-dvcqg", _("Chờ tiếp nhận (Cổng DVCQG)")),
    Bucket("cho-tiep-nhan-khac", _("Chờ tiếp nhận (bưu chính, trực tiếp)")),
    Bucket("moi-tiep-nhan", _("Mới tiếp nhận")),
    Bucket("cua-toi", _("Đang xử lý: của tôi")),
    Bucket("don-vi", _("Đang xử lý: đơn vị tôi")),
    Bucket("cho-bo-sung", _("Chờ bổ sung")),
    Bucket("cho-thanh-toan", _("Chờ thực hiện nghĩa vụ tài chính")),
    Bucket("cho-tra-ket-qua", _("Chờ trả kết quả")),
    Bucket("xin-y-kien", _("Được xin ý kiến")),
    Bucket("sap-den-han", _("Sắp đến hạn")),
    Bucket("qua-han", _("Quá hạn")),
    Bucket("giam-sat", _("Giám sát: mọi hồ sơ trong phạm vi")),
)
# Buckets only some users have: the supervision list for supervisors and province admins.
SUPERVISION_BUCKETS = frozenset({"giam-sat"})
BUCKET_KEYS = {b.key for b in BUCKETS}
_DESK, _PROC, _LEAD, _CLERK = Role.DESK_OFFICER, Role.PROCESSING_OFFICER, Role.LEADER, Role.CLERK
_UNIT = Role.UNIT_ADMIN
# The roles that can act on (or, for a unit admin, answer for) what a bucket lists: a user sees a bucket
# when one of their roles is here. The late and due-soon lists are everyone's; a unit admin sees their
# unit's work in progress and its late and due-soon dossiers, nothing to act on.
BUCKET_ROLES: dict[str, frozenset[str]] = {
    "cho-tiep-nhan": frozenset({_DESK}),
    "cho-tiep-nhan-dvcqg": frozenset({_DESK}),
    "cho-tiep-nhan-khac": frozenset({_DESK}),
    "moi-tiep-nhan": frozenset({_DESK, _PROC}),
    "cua-toi": frozenset({_PROC, _LEAD, _CLERK}),
    "don-vi": frozenset({_PROC, _LEAD, _CLERK, _UNIT}),
    "cho-bo-sung": frozenset({_DESK, _PROC}),
    "cho-thanh-toan": frozenset({_DESK, _PROC}),
    "cho-tra-ket-qua": frozenset({_DESK}),
    "xin-y-kien": frozenset({_PROC, _LEAD}),
    "sap-den-han": frozenset({_DESK, _PROC, _LEAD, _CLERK, _UNIT}),
    "qua-han": frozenset({_DESK, _PROC, _LEAD, _CLERK, _UNIT}),
    "giam-sat": frozenset(),  # by oversight, not by role: `Scope.buckets`
}


@dataclass
class Scope:
    """What the user's grants open: desk agencies, all agencies, (agency, role) pairs, and what they
    may see (`visibility`, the rule of `motcua.dossiers.visibility`: a supervisor's list and the
    late/due-soon lists cover the agencies they oversee)."""

    user: User
    grants: list[RoleGrant]
    now: dt.datetime
    visibility: Visibility = NOBODY
    desk: set[int] = field(default_factory=set)
    agencies: set[int] = field(default_factory=set)
    pairs: set[tuple[int, str]] = field(default_factory=set)
    consulted: set[int] = field(default_factory=set)

    @classmethod
    def of(cls, user, now: dt.datetime | None = None) -> Scope:
        now = now or clock.now()
        grants = officer_grants(user, now)
        scope = cls(user=user, grants=grants, now=now, visibility=Visibility.of(user, grants, now))
        for g in grants:
            scope.agencies.add(g.agency_id)
            scope.pairs.add((g.agency_id, g.role))
            if g.role == Role.DESK_OFFICER:
                scope.desk.add(g.agency_id)
            if g.role in (Role.PROCESSING_OFFICER, Role.LEADER):
                scope.consulted.add(g.agency_id)
        return scope

    def my_step(self) -> Q:
        """At a step of one of my (agency, role) pairs and not assigned to someone else, or assigned to me."""
        condition = Q(assigned_officer_id=self.user.pk)
        for agency_id, role in self.pairs:
            condition |= Q(current_agency_id=agency_id, current_role=role) & (
                Q(assigned_officer__isnull=True) | Q(assigned_officer_id=self.user.pk)
            )
        return condition

    def any_agency(self) -> Q:
        """Received, decided or handled at one of my agencies, assigned to me, or (supervisors)
        overseen by me."""
        supervision = self.visibility.supervision()
        if supervision is not None and not supervision:
            return Q()  # the whole province
        condition = (
            Q(receiving_agency_id__in=self.agencies)
            | Q(competent_agency_id__in=self.agencies)
            | Q(current_agency_id__in=self.agencies)
            | Q(assigned_officer_id=self.user.pk)
        )
        return condition | supervision if supervision is not None else condition

    def buckets(self) -> tuple[Bucket, ...]:
        """The buckets this user's roles can act on (`BUCKET_ROLES`), plus the supervision list, the
        late and the due-soon lists for supervisors and province admins."""
        roles = {role for _, role in self.pairs}
        overseer = self.visibility.oversees
        return tuple(
            b
            for b in BUCKETS
            if roles & BUCKET_ROLES[b.key]
            or (overseer and (b.key in SUPERVISION_BUCKETS or b.key in ("sap-den-han", "qua-han")))
        )

    def horizon(self) -> dt.datetime:
        """Now + the due-soon working hours, on the calendar of the user's agency (one agency) or the
        province's default calendar."""
        agency = None
        if len(self.agencies) == 1:
            agency = Agency.objects.filter(pk=next(iter(self.agencies))).first()
        try:
            return work_calendar(agency).add(self.now, deadlines.hours_to_seconds(due_soon_hours()))
        except WorkTimeError:
            return self.now + dt.timedelta(hours=float(due_soon_hours()))


def bucket_condition(scope: Scope, key: str) -> Q:
    desk = Q(receiving_agency_id__in=scope.desk)
    if key == "cho-tiep-nhan":
        return desk & Q(state=State.SUBMITTED, channel=Channel.ONLINE)
    if key == "cho-tiep-nhan-dvcqg":
        return desk & Q(state=State.SUBMITTED, channel=Channel.NATIONAL_PORTAL)
    if key == "cho-tiep-nhan-khac":
        return desk & Q(state=State.SUBMITTED, channel__in=(Channel.IN_PERSON, Channel.POST))
    if key == "moi-tiep-nhan":
        return Q(state=State.RECEIVED) & (desk | scope.my_step())
    if key == "cua-toi":
        return Q(state__in=ACTIVE_STATES) & scope.my_step()
    if key == "don-vi":
        agencies = {a for a, role in scope.pairs if role != Role.DESK_OFFICER}
        agencies |= {a for a, role in scope.pairs if role == Role.UNIT_ADMIN}
        return Q(state__in=ACTIVE_STATES, current_agency_id__in=agencies)
    if key == "cho-bo-sung":
        return Q(state=State.SUPPLEMENT_REQUESTED) & (desk | scope.my_step())
    if key == "cho-thanh-toan":
        return Q(state=State.PAYMENT_REQUESTED) & (desk | scope.my_step())
    if key == "cho-tra-ket-qua":
        return desk & Q(state=State.RESULT_READY)
    if key == "xin-y-kien":
        open_rows = DossierConsultation.objects.filter(
            agency_id__in=scope.consulted, answered_at__isnull=True
        ).values("dossier_id")
        return Q(state=State.PROCESSING, pk__in=open_rows)
    if key == "sap-den-han":
        return (
            Q(state__in=CLOCK_STATES, due_at__gte=scope.now, due_at__lte=scope.horizon()) & scope.any_agency()
        )
    if key == "qua-han":
        return Q(state__in=CLOCK_STATES, due_at__lt=scope.now) & scope.any_agency()
    if key == "giam-sat":
        supervision = scope.visibility.supervision()
        return Q(pk__in=[]) if supervision is None else supervision
    raise KeyError(key)


@dataclass(frozen=True)
class Count:
    value: int
    capped: bool

    def __str__(self) -> str:
        return f"{COUNT_CAP - 1}+" if self.capped else str(self.value)


def bucket_counts(scope: Scope) -> dict[str, Count]:
    """One bounded COUNT per bucket: at most `COUNT_CAP` rows are looked at ("99+" beyond)."""
    counts = {}
    for bucket in scope.buckets():
        n = Dossier.objects.filter(bucket_condition(scope, bucket.key)).values("pk")[:COUNT_CAP].count()
        counts[bucket.key] = Count(min(n, COUNT_CAP - 1) if n >= COUNT_CAP else n, n >= COUNT_CAP)
    return counts


@dataclass(frozen=True)
class Filters:
    procedure: str = ""
    channel: str = ""
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    q: str = ""


def apply_filters(qs: QuerySet[Dossier], f: Filters) -> QuerySet[Dossier]:
    if f.procedure:
        qs = qs.filter(procedure_version__procedure__code=f.procedure)
    if f.channel:
        qs = qs.filter(channel=f.channel)
    tz = deadlines.VN_TZ
    if f.date_from:
        qs = qs.filter(submitted_at__gte=dt.datetime.combine(f.date_from, dt.time.min, tzinfo=tz))
    if f.date_to:
        qs = qs.filter(
            submitted_at__lt=dt.datetime.combine(f.date_to + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
        )
    if f.q:
        raw = f.q.strip()
        terms = fold_terms(raw)
        by_applicant = Q()
        for term in terms:
            by_applicant &= Q(applicant__search_text__contains=term)
        qs = qs.filter(Q(code__icontains=raw) | by_applicant) if terms else qs
    return qs


def encode_cursor(dossier: Dossier) -> str:
    """The keyset cursor after `dossier` in urgency order: "<due µs since epoch>.<id>" or "-.<id>"
    for a dossier without a due date."""
    if dossier.due_at is None:
        return f"-.{dossier.pk}"
    return f"{int(dossier.due_at.timestamp() * 1_000_000)}.{dossier.pk}"


def decode_cursor(text: str) -> tuple[dt.datetime | None, int] | None:
    """`encode_cursor`'s text back to (due_at or None, id); None for anything malformed."""
    due_text, _, pk_text = (text or "").partition(".")
    if not pk_text.isascii() or not pk_text.isdigit() or len(pk_text) > 18:
        return None
    if due_text == "-":
        return None, int(pk_text)
    if not due_text.lstrip("-").isdigit() or not due_text.isascii() or len(due_text) > 20:
        return None
    try:
        due = dt.datetime.fromtimestamp(int(due_text) / 1_000_000, tz=dt.UTC)
    except (OverflowError, OSError, ValueError):
        return None
    return due, int(pk_text)


def _after(cursor: tuple[dt.datetime | None, int]) -> Q:
    due, pk = cursor
    if due is None:
        return Q(due_at__isnull=True, pk__gt=pk)
    return Q(due_at__gt=due) | Q(due_at=due, pk__gt=pk) | Q(due_at__isnull=True)


def worklist_page(
    scope: Scope, key: str, filters: Filters, *, after: str | None = None, limit: int = PAGE_SIZE
) -> tuple[list[Dossier], str | None]:
    """One page of a bucket by urgency and the cursor of the next page (None: last page).

    Order: due date first (so overdue dossiers lead, the latest on top), then those without a due date
    (waiting for receipt), ties oldest first. Keyset pagination on (due_at, id) with LIMIT n+1, never
    OFFSET or COUNT; a malformed cursor reads as the first page."""
    qs = Dossier.objects.filter(bucket_condition(scope, key))
    qs = apply_filters(qs, filters)
    cursor = decode_cursor(after) if after else None
    if cursor is not None:
        qs = qs.filter(_after(cursor))
    rows = list(
        qs.select_related(
            "applicant",
            "procedure_version__procedure",
            "current_agency",
            "receiving_agency",
            "assigned_officer",
        ).order_by(F("due_at").asc(nulls_last=True), "pk")[: limit + 1]
    )
    next_after = encode_cursor(rows[limit - 1]) if len(rows) > limit else None
    return rows[:limit], next_after


@dataclass(frozen=True)
class Urgency:
    """What a worklist row shows of a dossier's urgency: "late" / "due_soon" / "", whole calendar days
    past the due date (0 when less than a day or not late), and who holds it now."""

    lateness: str
    days_late: int
    holder: str


def urgency(dossier: Dossier, now: dt.datetime | None = None) -> Urgency:
    """The row's urgency: `lateness`, days late (calendar days, Asia/Ho_Chi_Minh dates) and the holder
    (the assigned officer, else the current agency and role, else the receiving desk)."""
    now = now or clock.now()
    late = lateness(dossier)
    days = 0
    if late == "late":
        days = max(
            0,
            (now.astimezone(deadlines.VN_TZ).date() - dossier.due_at.astimezone(deadlines.VN_TZ).date()).days,
        )
    if dossier.assigned_officer_id:
        officer = dossier.assigned_officer
        holder = officer.get_full_name() or officer.username
    elif dossier.current_agency_id and dossier.current_role:
        role = dict(Role.choices).get(dossier.current_role, dossier.current_role)
        holder = f"{role} · {dossier.current_agency.name}"
    elif dossier.state == State.SUBMITTED or dossier.state in (State.RESULT_READY,):
        holder = f"{Role.DESK_OFFICER.label} · {dossier.receiving_agency.name}"
    else:
        holder = ""
    return Urgency(late, days, holder)


# ----- one dossier -----------------------------------------------------------------------------

# The order action buttons appear in (the main way forward first).
ACTION_ORDER = (
    "receive",
    "forward",
    "approve",
    "sign_result",
    "issue_result",
    "return_result",
    "digitise",
    "answer_consultation",
    "consult",
    "request_payment",
    "pay",
    "request_supplement",
    "supplement",
    "send_back",
    "reject",
    "transfer",
    "apologize",
    "refuse",
    "stop",
    "withdraw",
)
PROCESS_ACTIONS = frozenset(
    {"forward", "send_back", "consult", "approve", "reject", "issue_result", "request_payment"}
)


def actions_for(dossier: Dossier, user, grants: list[RoleGrant] | None = None) -> list[str]:
    """Exactly the actions the lifecycle would accept from this user now (state, process step and
    permission), by asking the lifecycle's own `authorize` functions; nothing is written."""
    now = clock.now()
    grants = officer_grants(user, now) if grants is None else grants
    if not grants:
        return []
    runner = None
    allowed_here: list[str] = []
    if dossier.current_step and dossier.process_definition_id:
        try:
            runner = wf.runner_for(dossier.process_definition_id)
            allowed_here = runner.allowed_actions(dossier.current_step)
        except wf.WorkflowError:
            allowed_here = []
    found = []
    for name in ACTION_ORDER:
        spec = ACTIONS.get(name)
        if spec is None:
            continue
        if name == "receive":
            if dossier.state != State.SUBMITTED:
                continue
        elif spec.from_states and dossier.state not in spec.from_states:
            continue
        if name in PROCESS_ACTIONS and dossier.current_step and name not in allowed_here:
            continue
        if name in PROCESS_ACTIONS - {"request_payment"} and not dossier.current_step:
            continue
        ctx = Ctx(action=name, actor=user, params={}, now=now, dossier=dossier, grants=grants)
        ctx._runner = runner
        try:
            spec.authorize(ctx)
        except DossierError:
            continue
        if name == "apologize":
            cal = deadlines.calendar_for(dossier.receiving_agency)
            try:
                if not deadlines.is_late_or_due_within(
                    cal,
                    dossier.due_at,
                    now,
                    Decimal(str(getattr(settings, "MOTCUA_APOLOGY_WINDOW_HOURS", 8))),
                ):
                    continue
            except WorkTimeError:
                continue
        found.append(name)
    return found


def lateness(dossier: Dossier) -> str:
    """ "late", "due_soon" or "" for a dossier whose clock runs."""
    if dossier.state not in CLOCK_STATES or dossier.due_at is None:
        return ""
    now = clock.now()
    if dossier.due_at < now:
        return "late"
    try:
        cal = deadlines.calendar_for(dossier.receiving_agency)
        if cal.due_within(dossier.due_at, now, due_soon_hours()):
            return "due_soon"
    except WorkTimeError:
        pass
    return ""


@dataclass(frozen=True)
class MapStep:
    key: str
    name: str
    role_label: str
    allotment_hours: Decimal
    status: str  # done / current / todo
    due_at: dt.datetime | None
    outcome: str
    is_terminal: bool


def process_map(dossier: Dossier, events) -> list[MapStep]:
    """The process's steps in order: done (with the deadline it had and early/on time/late), the current
    one (with its deadline), and those still to come (with their allotment)."""
    if not dossier.process_definition_id:
        return []
    try:
        runner = wf.runner_for(dossier.process_definition_id)
        steps = runner.steps()
    except wf.WorkflowError:
        return []
    left: dict[str, tuple[dt.datetime | None, str]] = {}
    entered: dict[str, dt.datetime | None] = {}
    for e in events:
        if e.from_step and e.step_outcome:
            left[e.from_step] = (e.step_due_at, e.step_outcome)
        if e.to_step:
            entered[e.to_step] = e.next_step_due_at
    roles = dict(Role.choices)
    result = []
    for s in steps:
        if s.key == dossier.current_step:
            status, due, outcome = "current", dossier.step_due_at, ""
        elif s.key in left:
            status, (due, outcome) = "done", left[s.key]
        elif s.key in entered:
            status, due, outcome = "done", entered[s.key], ""
        else:
            status, due, outcome = "todo", None, ""
        result.append(
            MapStep(
                s.key,
                s.name,
                roles.get(s.role, s.role),
                s.allotment_hours,
                status,
                due,
                outcome,
                s.is_terminal,
            )
        )
    return result


@dataclass(frozen=True)
class Target:
    key: str
    name: str
    officers: list[User]


def onward_targets(dossier: Dossier, action: str) -> list[Target]:
    """Where `action` may lead from the current step, each with the officers holding that step's role at
    its agency (to choose who gets the dossier); an empty key means the process ends."""
    if not dossier.current_step or not dossier.process_definition_id:
        return []
    runner = wf.runner_for(dossier.process_definition_id)
    try:
        keys = runner.targets(dossier.current_step, action)
    except wf.WorkflowError:
        return []
    today = clock.today()
    out = []
    for key in keys:
        if key is None:
            out.append(Target("", str(_("Kết thúc quy trình")), []))
            continue
        step = runner.step(key)
        agency_id = step_agency_id(dossier, step)
        officers = list(
            User.objects.filter(staff_roles__agency_id=agency_id, staff_roles__role=step.role, is_active=True)
            .filter(
                Q(staff_roles__valid_from__isnull=True) | Q(staff_roles__valid_from__lte=today),
                Q(staff_roles__valid_to__isnull=True) | Q(staff_roles__valid_to__gte=today),
            )
            .distinct()
            .order_by(vi("last_name"), vi("first_name"), "username")
        )
        out.append(Target(key, step.name, officers))
    return out


def earlier_steps(dossier: Dossier):
    if not dossier.current_step or not dossier.process_definition_id:
        return []
    return wf.runner_for(dossier.process_definition_id).earlier_steps(dossier.current_step)


def transfer_choices(dossier: Dossier) -> list[Agency]:
    return list(
        dossier.procedure_version.competent_agencies.exclude(pk=dossier.competent_agency_id).order_by(
            vi("name")
        )
    )


def consult_choices(dossier: Dossier) -> list[Agency]:
    asked = {c.agency_id for c in dossier.consultations.all() if c.step == dossier.current_step}
    today = clock.today()
    return list(
        Agency.objects.active_on(today)
        .exclude(pk__in=asked | {dossier.competent_agency_id})
        .order_by(vi("name"))[:500]
    )


# ----- desk ------------------------------------------------------------------------------------


def desk_agencies(user) -> list[Agency]:
    ids = {g.agency_id for g in officer_grants(user) if g.role == Role.DESK_OFFICER}
    return list(Agency.objects.filter(pk__in=ids).order_by(vi("name")))


def desk_procedures(agency_ids):
    """Procedures in force that one of these agencies receives (or decides and so may receive)."""
    from motcua.catalog.models import Procedure

    return (
        Procedure.objects.filter(is_active=True, current_version__isnull=False)
        .filter(
            Q(current_version__receiving_agencies__in=agency_ids)
            | Q(current_version__competent_agencies__in=agency_ids)
        )
        .select_related("current_version")
        .distinct()
        .order_by("code")
    )


# ----- delegation ------------------------------------------------------------------------------


def delegable_roles(user) -> list[StaffRole]:
    """The user's own (direct) roles: only these may be delegated."""
    today = clock.today()
    return list(
        StaffRole.objects.filter(user=user)
        .filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=today),
            Q(valid_to__isnull=True) | Q(valid_to__gte=today),
        )
        .select_related("agency")
        .order_by(vi("agency__name"), "role")
    )


def delegate_candidates(user, agency_ids) -> list[User]:
    return list(
        User.objects.filter(staff_roles__agency_id__in=agency_ids, is_active=True)
        .exclude(pk=user.pk)
        .distinct()
        .order_by(vi("last_name"), vi("first_name"), "username")
    )


def delegations_of(user) -> QuerySet[Delegation]:
    return (
        Delegation.objects.filter(Q(delegator=user) | Q(delegate=user))
        .select_related("delegator", "delegate", "agency")
        .order_by("-starts_at")
    )
