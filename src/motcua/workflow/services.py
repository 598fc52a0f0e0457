"""Writes to process definitions. Publishing freezes a definition; editing starts a new draft copy."""

from decimal import ROUND_FLOOR, Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from pydantic import ValidationError as PydanticValidationError

from motcua.catalog.models import Procedure
from motcua.core import clock
from motcua.organizations.models import Agency, Role, User

from .models import Action, DefinitionStatus, ProcessDefinition, Step, StepKind, Transition
from .spec import ProcessSpec, StepSpec, TransitionSpec
from .validation import legal_working_hours, validate_definition

HALF_HOUR = Decimal("0.5")


def process_definition_next_number(procedure: Procedure, agency_id: int | None) -> int:
    """The number the next definition of the (procedure, agency) series gets."""
    last = (
        ProcessDefinition.objects.filter(procedure=procedure, agency_id=agency_id)
        .order_by("-number")
        .values_list("number", flat=True)
        .first()
    )
    return (last or 0) + 1


def _lock_procedure(procedure_id: int) -> Procedure:
    """Serialises numbering and publishing within one procedure."""
    return (
        Procedure.objects.select_for_update(of=("self",))
        .select_related("current_version")
        .get(pk=procedure_id)
    )


@transaction.atomic
def process_definition_create(
    procedure: Procedure, *, name: str, agency: Agency | None = None, description: str = ""
) -> ProcessDefinition:
    """An empty draft with the next number of its (procedure, agency) series."""
    procedure = _lock_procedure(procedure.pk)
    return ProcessDefinition.objects.create(
        procedure=procedure,
        agency=agency,
        number=process_definition_next_number(procedure, agency.pk if agency else None),
        name=name,
        description=description,
    )


def process_definition_validate(definition: ProcessDefinition) -> None:
    """Raise one ValidationError carrying every problem (Vietnamese / English) if not publishable."""
    errors = validate_definition(definition)
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def process_definition_publish(definition: ProcessDefinition, *, user=None) -> ProcessDefinition:
    """Validate and publish a draft; the previously published definition of the same (procedure,
    agency) series becomes superseded. Dossiers already running on it keep running on it."""
    _lock_procedure(definition.procedure_id)
    definition = ProcessDefinition.objects.select_related("procedure").get(pk=definition.pk)
    if definition.status != DefinitionStatus.DRAFT:
        raise ValidationError("Chỉ công bố được bản nháp. / Only a draft can be published.", code="not_draft")
    process_definition_validate(definition)
    previous = ProcessDefinition.objects.filter(
        procedure_id=definition.procedure_id,
        agency_id=definition.agency_id,
        status=DefinitionStatus.PUBLISHED,
    )
    for old in previous:
        old.status = DefinitionStatus.SUPERSEDED
        old.save(update_fields=["status"])
    definition.status = DefinitionStatus.PUBLISHED
    definition.published_at = clock.now()
    definition.published_by = user if user is not None and getattr(user, "is_authenticated", False) else None
    definition.save(update_fields=["status", "published_at", "published_by"])
    return definition


@transaction.atomic
def process_definition_create_draft(definition: ProcessDefinition, *, user=None) -> ProcessDefinition:
    """Start editing: a draft copy of `definition` (any status) with the next number of its series."""
    spec = definition_to_spec(definition)
    procedure = _lock_procedure(definition.procedure_id)
    draft = _write_definition(
        procedure, definition.agency, spec, process_definition_next_number(procedure, definition.agency_id)
    )
    draft.description = (spec.description + "\n" if spec.description else "") + (
        f"Sửa đổi từ phiên bản {definition.number}."
    )
    draft.save(update_fields=["description"])
    return draft


@transaction.atomic
def process_definition_delete_draft(definition: ProcessDefinition) -> None:
    definition = ProcessDefinition.objects.get(pk=definition.pk)
    if not definition.is_editable:
        raise ValidationError("Chỉ xóa được bản nháp. / Only a draft can be deleted.", code="not_draft")
    definition.transitions.all().delete()
    definition.steps.all().delete()
    definition.delete()


# -- spec <-> database ------------------------------------------------------------------------------


def definition_to_spec(definition: ProcessDefinition) -> ProcessSpec:
    steps = list(
        definition.steps.order_by("position", "pk")
        .select_related("agency", "officer")
        .prefetch_related("consulted_agencies")
    )
    keys = {s.pk: s.key for s in steps}
    outgoing: dict[int, list[TransitionSpec]] = {s.pk: [] for s in steps}
    for from_id, action, to_id in definition.transitions.order_by("pk").values_list(
        "from_step_id", "action", "to_step_id"
    ):
        if from_id in outgoing and (to_id is None or to_id in keys):
            outgoing[from_id].append(TransitionSpec(action=action, to=keys.get(to_id)))
    return ProcessSpec(
        procedure=definition.procedure.code,
        agency=definition.agency.identifier if definition.agency_id else None,
        name=definition.name,
        description=definition.description,
        status=definition.status,
        number=definition.number,
        steps=tuple(
            StepSpec(
                key=s.key,
                name=s.name,
                kind=s.kind,
                role=s.role,
                agency=s.agency.identifier if s.agency_id else None,
                officer=s.officer.username if s.officer_id else None,
                allotment_hours=s.allotment_hours,
                notify_applicant=s.notify_applicant,
                public_status=s.public_status,
                required_component_positions=tuple(s.required_component_positions or ()),
                required_fields=tuple(s.required_fields or ()),
                is_terminal=s.is_terminal,
                consulted_agencies=tuple(sorted(a.identifier for a in s.consulted_agencies.all())),
                transitions=tuple(outgoing[s.pk]),
            )
            for s in steps
        ),
    )


def _resolve_references(spec: ProcessSpec):
    """Agencies by identifier, officers by username, transition targets by key: every problem at once."""
    problems: list[ValidationError] = []
    wanted_agencies = {spec.agency} if spec.agency else set()
    for s in spec.steps:
        if s.agency:
            wanted_agencies.add(s.agency)
        wanted_agencies.update(s.consulted_agencies)
    agencies = {a.identifier: a for a in Agency.objects.filter(identifier__in=wanted_agencies)}
    for missing in sorted(wanted_agencies - set(agencies)):
        problems.append(
            ValidationError(
                f"Không tìm thấy cơ quan có mã định danh {missing}. / No agency with identifier {missing}.",
                code="unknown_agency",
            )
        )
    wanted_users = {s.officer for s in spec.steps if s.officer}
    users = {u.username: u for u in User.objects.filter(username__in=wanted_users)}
    for missing in sorted(wanted_users - set(users)):
        problems.append(
            ValidationError(
                f"Không tìm thấy cán bộ có tên đăng nhập {missing}. / No officer with username {missing}.",
                code="unknown_officer",
            )
        )
    keys = [s.key for s in spec.steps]
    for key in sorted({k for k in keys if keys.count(k) > 1}):
        problems.append(
            ValidationError(
                f"Mã bước «{key}» bị trùng. / Step key '{key}' is used twice.", code="duplicate_key"
            )
        )
    for s in spec.steps:
        for t in s.transitions:
            if t.to is not None and t.to not in keys:
                problems.append(
                    ValidationError(
                        f"Chuyển bước «{s.key} —{t.action.value}→ {t.to}» trỏ tới bước không tồn tại. "
                        f"/ Transition '{s.key} —{t.action.value}→ {t.to}' points to an unknown step.",
                        code="dangling_transition",
                    )
                )
    procedure = Procedure.objects.filter(code=spec.procedure).first()
    if procedure is None:
        problems.append(
            ValidationError(
                f"Không tìm thấy thủ tục mã {spec.procedure}. / No procedure with code {spec.procedure}.",
                code="unknown_procedure",
            )
        )
    if problems:
        raise ValidationError(problems)
    return procedure, agencies, users


def _write_definition(procedure: Procedure, agency: Agency | None, spec: ProcessSpec, number: int):
    _, agencies, users = _resolve_references(spec)
    definition = ProcessDefinition.objects.create(
        procedure=procedure,
        agency=agency,
        number=number,
        name=spec.name,
        description=spec.description,
    )
    steps: dict[str, Step] = {}
    for position, s in enumerate(spec.steps, start=1):
        step = Step.objects.create(
            definition=definition,
            key=s.key,
            name=s.name,
            position=position,
            kind=s.kind,
            role=s.role,
            agency=agencies[s.agency] if s.agency else None,
            officer=users[s.officer] if s.officer else None,
            allotment_hours=s.allotment_hours,
            notify_applicant=s.notify_applicant,
            public_status=s.public_status,
            required_component_positions=list(s.required_component_positions),
            required_fields=list(s.required_fields),
            is_terminal=s.is_terminal,
        )
        if s.consulted_agencies:
            step.consulted_agencies.set([agencies[i] for i in s.consulted_agencies])
        steps[s.key] = step
    Transition.objects.bulk_create(
        Transition(
            definition=definition,
            from_step=steps[s.key],
            action=t.action,
            to_step=steps[t.to] if t.to is not None else None,
        )
        for s in spec.steps
        for t in s.transitions
    )
    return definition


def _pydantic_to_django(exc: PydanticValidationError) -> ValidationError:
    messages = []
    for e in exc.errors():
        where = ".".join(str(p) for p in e["loc"]) or "(gốc)"
        messages.append(
            ValidationError(
                f"Tệp quy trình sai ở {where}: {e['msg']} / Invalid process file at {where}: {e['msg']}"
            )
        )
    return ValidationError(messages)


@transaction.atomic
def process_definition_import(payload: dict, *, publish: bool | None = None, user=None) -> ProcessDefinition:
    """Create a definition from its JSON form (see `spec.ProcessSpec`). It becomes a draft, or is
    published (after full validation) when `publish` is True, or — when `publish` is None — when the
    payload's status says "published". The number is always the next of the series."""
    try:
        spec = ProcessSpec.model_validate(payload)
    except PydanticValidationError as exc:
        raise _pydantic_to_django(exc) from None
    procedure, agencies, _ = _resolve_references(spec)
    procedure = _lock_procedure(procedure.pk)
    agency = agencies[spec.agency] if spec.agency else None
    definition = _write_definition(
        procedure, agency, spec, process_definition_next_number(procedure, agency.pk if agency else None)
    )
    if publish is None:
        publish = spec.status == DefinitionStatus.PUBLISHED
    if publish:
        definition = process_definition_publish(definition, user=user)
    return definition


def process_definition_export(definition: ProcessDefinition) -> dict:
    """The JSON-ready form of a definition; `process_definition_import` reads it back."""
    return definition_to_spec(definition).model_dump(mode="json")


# -- the default process ----------------------------------------------------------------------------

DEFAULT_SHARES = (Decimal("0.60"), Decimal("0.25"))  # processing, leader; the clerk takes the rest


def _floor_half_hour(value: Decimal) -> Decimal:
    return (value / HALF_HOUR).to_integral_value(rounding=ROUND_FLOOR) * HALF_HOUR


def default_allotments(total_hours: Decimal) -> tuple[Decimal, Decimal, Decimal]:
    """60% / 25% / 15% of the legal time, the first two floored to half-hours and the last taking what
    remains, so the sum is exactly the legal time (8 h → 4.5 / 2 / 1.5; 80 h → 48 / 20 / 12)."""
    processing = _floor_half_hour(total_hours * DEFAULT_SHARES[0])
    leader = _floor_half_hour(total_hours * DEFAULT_SHARES[1])
    return processing, leader, total_hours - processing - leader


def default_spec(procedure: Procedure) -> ProcessSpec:
    version = procedure.current_version
    if version is None:
        raise ValidationError(
            f"Thủ tục {procedure.code} chưa có phiên bản được công bố. "
            f"/ Procedure {procedure.code} has no published version.",
            code="procedure_unpublished",
        )
    legal, _ = legal_working_hours(version)
    if legal is None:
        # Calendar-day deadlines have no exact working-hour equivalent; the validation cannot check
        # them either. Assume five working days in seven, 8 hours each.
        days = min((t.value for t in version.processing_times.all()), default=Decimal(1))
        legal = _floor_half_hour(days * 8 * 5 / 7)
    processing, leader, clerk = default_allotments(legal)
    return ProcessSpec(
        procedure=procedure.code,
        name=f"Quy trình nội bộ: {version.name}"[:255],
        description="Quy trình mặc định do hệ thống tạo (thụ lý → lãnh đạo phê duyệt → văn thư → kết quả).",
        status=DefinitionStatus.PUBLISHED,
        steps=(
            StepSpec(
                key="thu-ly",
                name="Thụ lý hồ sơ",
                role=Role.PROCESSING_OFFICER,
                allotment_hours=processing,
                public_status="Hồ sơ đang được thụ lý",
                transitions=(
                    TransitionSpec(action=Action.FORWARD, to="trinh-lanh-dao"),
                    TransitionSpec(action=Action.CONSULT, to="thu-ly"),
                    TransitionSpec(action=Action.ANSWER_CONSULTATION, to="thu-ly"),
                    TransitionSpec(action=Action.REQUEST_PAYMENT, to="thu-ly"),
                ),
            ),
            StepSpec(
                key="trinh-lanh-dao",
                name="Trình lãnh đạo phê duyệt",
                role=Role.LEADER,
                allotment_hours=leader,
                public_status="Hồ sơ đang trình lãnh đạo phê duyệt",
                transitions=(
                    TransitionSpec(action=Action.APPROVE, to="vao-so"),
                    TransitionSpec(action=Action.REJECT, to=None),
                    TransitionSpec(action=Action.SEND_BACK, to="thu-ly"),
                ),
            ),
            StepSpec(
                key="vao-so",
                name="Vào số, đóng dấu",
                role=Role.CLERK,
                allotment_hours=clerk,
                public_status="Kết quả đang được vào số, đóng dấu",
                transitions=(
                    TransitionSpec(action=Action.ISSUE_RESULT, to="ket-qua"),
                    TransitionSpec(action=Action.SEND_BACK, to="trinh-lanh-dao"),
                    TransitionSpec(action=Action.SEND_BACK, to="thu-ly"),
                ),
            ),
            StepSpec(
                key="ket-qua",
                name="Kết quả",
                kind=StepKind.NORMAL,
                role=Role.DESK_OFFICER,
                allotment_hours=Decimal(0),
                notify_applicant=True,
                public_status="Đã có kết quả giải quyết",
                is_terminal=True,
            ),
        ),
    )


@transaction.atomic
def default_definition_for(procedure: Procedure, *, user=None) -> ProcessDefinition:
    """Create and publish the default four-step process for `procedure` (generic, all agencies)."""
    procedure = _lock_procedure(procedure.pk)
    spec = default_spec(procedure)
    definition = _write_definition(procedure, None, spec, process_definition_next_number(procedure, None))
    return process_definition_publish(definition, user=user)


def process_definitions_ensure(*, user=None) -> list[ProcessDefinition]:
    """Give every published procedure that lacks a published generic process the default one.
    Idempotent: a second run creates nothing. Returns what it created."""
    created = []
    missing = (
        Procedure.objects.filter(is_active=True, current_version__isnull=False)
        .exclude(
            pk__in=ProcessDefinition.objects.filter(
                status=DefinitionStatus.PUBLISHED, agency__isnull=True
            ).values("procedure_id")
        )
        .order_by("code")
    )
    for procedure in missing:
        created.append(default_definition_for(procedure, user=user))
    return created
