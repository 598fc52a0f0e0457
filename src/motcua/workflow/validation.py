"""The rules a definition must satisfy before it is published. Every problem is reported, not the first.

Time rule: the allotments along the **longest path** from the first step to the end must not exceed the
procedure's legal processing time in working hours. A dossier walks one path, so alternatives (approve
vs reject, two possible next steps) must not add up; the longest path is the worst case the law must
cover. `send_back` and the in-step actions (consult, answer, payment request) are not part of a path: the
time they cost is lateness of the step, which the calendar engine measures. For the longest path to be
well defined, the onward transitions (forward, approve, reject, issue_result) must not form a cycle —
going back is what `send_back` is for.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db.models import Q

from motcua.catalog.models import ProcedureVersion
from motcua.core.choices import Channel

from .models import IN_STEP_ACTIONS, ONWARD_ACTIONS, Action, ProcessDefinition, Step, StepKind, Transition


def _hours(value: Decimal) -> str:
    """Hours without trailing zeros: 24, 2.5."""
    return f"{Decimal(value).normalize():f}"


def _err(code: str, vi: str, en: str) -> ValidationError:
    return ValidationError(f"{vi} / {en}", code=code)


def legal_working_hours(version: ProcedureVersion | None) -> tuple[Decimal | None, str]:
    """The legal processing time the process must fit in, in working hours, and which channel gave it:
    the in-person channel; if the procedure has none, the shortest other channel. Calendar units count
    the working days an ordinary week leaves in them (catalog.models.unit_plannable_hours); None when
    the time is missing."""
    if version is None:
        return None, ""
    times = list(version.processing_times.all())
    in_person = [t for t in times if t.channel == Channel.IN_PERSON]
    candidates = in_person or times
    hours = [(t.plannable_hours, t.channel) for t in candidates if t.plannable_hours is not None]
    if not hours:
        return None, ""
    return min(hours)


def _eform_field_names(version: ProcedureVersion | None) -> set[str] | None:
    """Field names of the procedure's e-form, or None when the e-form names none (nothing to check)."""
    if version is None:
        return None
    names = {str(item["name"]) for item in version.eform or () if isinstance(item, dict) and item.get("name")}
    return names or None


def validate_definition(
    definition: ProcessDefinition, version: ProcedureVersion | None = None
) -> list[ValidationError]:
    """All problems that stop `definition` from being published (empty list = publishable), against
    `version` (default: the procedure's version in force; a version about to be published when the
    catalogue asks, see workflow.consistency)."""
    errors: list[ValidationError] = []
    steps = list(definition.steps.order_by("position", "pk").prefetch_related("consulted_agencies"))
    if not steps:
        return [_err("no_steps", "Quy trình chưa có bước nào.", "The process has no steps.")]
    by_id: dict[int, Step] = {s.pk: s for s in steps}
    # Also transitions filed under this definition from a step of another, or the other way round.
    all_transitions = list(
        Transition.objects.filter(Q(definition=definition) | Q(from_step__definition=definition))
        .select_related("from_step", "to_step")
        .distinct()
        .order_by("pk")
    )

    # 1. Positions
    positions = [s.position for s in steps]
    duplicated = sorted({p for p in positions if positions.count(p) > 1})
    if duplicated:
        listed = ", ".join(str(p) for p in duplicated)
        errors.append(
            _err(
                "duplicate_position",
                f"Nhiều bước cùng thứ tự {listed}; thứ tự xác định bước đầu tiên và các bước trước.",
                f"Several steps share position {listed}; positions define the first and earlier steps.",
            )
        )
    first = steps[0]
    if first.is_terminal:
        errors.append(
            _err(
                "first_is_terminal",
                f"Bước đầu tiên «{first.name}» không được là bước kết thúc.",
                f"The first step '{first.key}' cannot be terminal.",
            )
        )

    # 2. Transitions stay inside the definition and make sense for their action
    valid: list = []
    for t in all_transitions:
        label = f"{t.from_step.key} —{t.action}→ {t.to_step.key if t.to_step_id else '∎'}"
        if (
            t.definition_id != definition.pk
            or t.from_step_id not in by_id
            or (t.to_step_id is not None and t.to_step_id not in by_id)
        ):
            errors.append(
                _err(
                    "dangling_transition",
                    f"Chuyển bước «{label}» trỏ tới bước không thuộc quy trình này.",
                    f"Transition '{label}' refers to a step outside this process.",
                )
            )
            continue
        if t.action in IN_STEP_ACTIONS and t.to_step_id != t.from_step_id:
            errors.append(
                _err(
                    "in_step_action_moves",
                    f"Thao tác «{t.action}» giữ hồ sơ ở bước hiện tại: chuyển bước «{label}» phải trỏ về "
                    f"chính bước «{t.from_step.key}».",
                    f"Action '{t.action}' keeps the dossier at its step: transition '{label}' must point "
                    f"back to '{t.from_step.key}'.",
                )
            )
            continue
        if t.action not in IN_STEP_ACTIONS and t.to_step_id == t.from_step_id:
            errors.append(
                _err(
                    "self_loop",
                    f"Chuyển bước «{label}» quay lại chính nó.",
                    f"Transition '{label}' loops onto its own step.",
                )
            )
            continue
        if t.action == Action.SEND_BACK:
            if t.to_step_id is None:
                errors.append(
                    _err(
                        "send_back_without_target",
                        f"Thao tác trả lại ở bước «{t.from_step.key}» phải chỉ rõ bước nhận lại.",
                        f"send_back at step '{t.from_step.key}' needs a target step.",
                    )
                )
                continue
            if by_id[t.to_step_id].position >= t.from_step.position:
                errors.append(
                    _err(
                        "send_back_forward",
                        f"Chuyển bước «{label}»: chỉ được trả lại một bước đứng trước.",
                        f"Transition '{label}': send_back must go to an earlier step.",
                    )
                )
                continue
        valid.append(t)

    outgoing: dict[int, list] = {s.pk: [] for s in steps}
    for t in valid:
        outgoing[t.from_step_id].append(t)

    for s in steps:
        actions = {t.action for t in outgoing[s.pk]}
        # an action leads either to the end or to steps, not both
        for action in sorted(actions):
            targets = [t.to_step_id for t in outgoing[s.pk] if t.action == action]
            if None in targets and len(targets) > 1:
                errors.append(
                    _err(
                        "ambiguous_end",
                        f"Thao tác «{action}» ở bước «{s.key}» vừa kết thúc quy trình vừa chuyển bước.",
                        f"Action '{action}' at step '{s.key}' both ends the process and leads to a step.",
                    )
                )
        onward = [t for t in outgoing[s.pk] if t.action in ONWARD_ACTIONS]
        if s.is_terminal:
            if outgoing[s.pk]:
                errors.append(
                    _err(
                        "terminal_has_transitions",
                        f"Bước kết thúc «{s.key}» không được có thao tác chuyển tiếp.",
                        f"Terminal step '{s.key}' cannot have transitions.",
                    )
                )
        elif not onward:
            errors.append(
                _err(
                    "no_way_forward",
                    f"Bước «{s.key}» ({s.name}) không có thao tác nào để đi tiếp (chuyển bước, phê duyệt, "
                    f"từ chối hoặc ban hành kết quả).",
                    f"Step '{s.key}' has no way forward (forward, approve, reject or issue_result).",
                )
            )
        if (Action.CONSULT in actions) != (Action.ANSWER_CONSULTATION in actions):
            errors.append(
                _err(
                    "consult_without_answer",
                    f"Bước «{s.key}» phải cho phép cả «consult» và «answer_consultation».",
                    f"Step '{s.key}' must allow both 'consult' and 'answer_consultation'.",
                )
            )
        if s.kind == StepKind.CONSULTATION and Action.CONSULT not in actions:
            errors.append(
                _err(
                    "consultation_without_consult",
                    f"Bước xin ý kiến «{s.key}» phải cho phép thao tác «consult».",
                    f"Consultation step '{s.key}' must allow 'consult'.",
                )
            )
        if s.consulted_agencies.all() and s.kind != StepKind.CONSULTATION:
            errors.append(
                _err(
                    "consulted_agencies_on_normal_step",
                    f"Chỉ bước loại xin ý kiến mới có danh sách cơ quan được xin ý kiến (bước «{s.key}»).",
                    f"Only a consultation step lists agencies to consult (step '{s.key}').",
                )
            )

    # 3. At least one terminal result step
    if not any(s.is_terminal for s in steps):
        errors.append(
            _err(
                "no_terminal",
                "Quy trình chưa có bước kết thúc (bước trả kết quả).",
                "The process has no terminal (result) step.",
            )
        )

    # 4. Every step reachable from the first
    reached = {first.pk}
    frontier = [first.pk]
    while frontier:
        current = frontier.pop()
        for t in outgoing[current]:
            if t.to_step_id is not None and t.to_step_id not in reached:
                reached.add(t.to_step_id)
                frontier.append(t.to_step_id)
    unreachable = [s for s in steps if s.pk not in reached]
    if unreachable:
        listed = ", ".join(f"«{s.key}»" for s in unreachable)
        errors.append(
            _err(
                "unreachable",
                f"Không thể đi tới các bước {listed} từ bước đầu tiên «{first.key}».",
                f"Steps {listed} cannot be reached from the first step '{first.key}'.",
            )
        )

    # 5. Onward transitions acyclic; longest path within the legal time
    onward_edges = {
        s.pk: sorted({t.to_step_id for t in outgoing[s.pk] if t.action in ONWARD_ACTIONS and t.to_step_id})
        for s in steps
    }
    longest: dict[int, Decimal] = {}
    on_stack: set[int] = set()
    cycle: list[int] = []

    def walk(step_id: int) -> Decimal:
        if step_id in longest:
            return longest[step_id]
        if step_id in on_stack:
            cycle.append(step_id)
            return Decimal(0)
        on_stack.add(step_id)
        tail = max((walk(n) for n in onward_edges[step_id]), default=Decimal(0))
        on_stack.discard(step_id)
        longest[step_id] = by_id[step_id].allotment_hours + tail
        return longest[step_id]

    total = walk(first.pk)
    for s in steps:
        walk(s.pk)
    if cycle:
        listed = ", ".join(sorted({f"«{by_id[c].key}»" for c in cycle}))
        errors.append(
            _err(
                "onward_cycle",
                f"Các bước {listed} tạo thành vòng lặp khi chuyển tiếp; quay lại bước trước hãy dùng "
                f"thao tác trả lại (send_back).",
                f"Steps {listed} form a cycle of onward transitions; use send_back to go back.",
            )
        )
    negative = [s for s in steps if s.allotment_hours < 0]
    for s in negative:
        errors.append(
            _err(
                "negative_allotment",
                f"Thời gian của bước «{s.key}» không được âm.",
                f"Step '{s.key}' has a negative allotment.",
            )
        )

    version = version or definition.procedure.current_version
    if version is None:
        errors.append(
            _err(
                "procedure_unpublished",
                f"Thủ tục {definition.procedure.code} chưa có phiên bản được công bố.",
                f"Procedure {definition.procedure.code} has no published version.",
            )
        )
    legal, channel = legal_working_hours(version)
    if legal is not None and total > legal:
        errors.append(
            _err(
                "over_allotment",
                f"Tổng thời gian các bước trên đường dài nhất là {_hours(total)} giờ làm việc, vượt thời hạn "
                f"giải quyết theo quy định {_hours(legal)} giờ ({Channel(channel).label.lower()}).",
                f"The allotments along the longest path total {_hours(total)} working hours, more than the "
                f"legal {_hours(legal)} hours ({channel}).",
            )
        )

    # 6. Requirements refer to what the procedure has
    if version is not None:
        known_positions = set(version.components.values_list("position", flat=True))
        known_fields = _eform_field_names(version)
        for s in steps:
            bad = [p for p in s.required_component_positions or () if p not in known_positions]
            if bad:
                listed = ", ".join(str(p) for p in bad)
                errors.append(
                    _err(
                        "unknown_component",
                        f"Bước «{s.key}» yêu cầu thành phần hồ sơ số {listed} mà thủ tục không có.",
                        f"Step '{s.key}' requires component position(s) {listed} the procedure lacks.",
                    )
                )
            if known_fields is not None:
                bad_fields = [f for f in s.required_fields or () if f not in known_fields]
                if bad_fields:
                    listed = ", ".join(bad_fields)
                    errors.append(
                        _err(
                            "unknown_field",
                            f"Bước «{s.key}» yêu cầu trường {listed} không có trên biểu mẫu điện tử.",
                            f"Step '{s.key}' requires e-form field(s) {listed} not on the e-form.",
                        )
                    )
    return errors


def longest_path_hours(definition: ProcessDefinition) -> Decimal:
    """Allotments summed along the longest onward path from the first step (for display)."""
    steps = list(definition.steps.order_by("position", "pk"))
    if not steps:
        return Decimal(0)
    edges: dict[int, set[int]] = {s.pk: set() for s in steps}
    for from_id, action, to_id in definition.transitions.values_list("from_step_id", "action", "to_step_id"):
        if action in ONWARD_ACTIONS and to_id in edges and from_id in edges:
            edges[from_id].add(to_id)
    hours = {s.pk: s.allotment_hours for s in steps}
    memo: dict[int, Decimal] = {}

    def walk(node: int, seen: frozenset) -> Decimal:
        if node in memo:
            return memo[node]
        best = max((walk(n, seen | {node}) for n in edges[node] if n not in seen), default=Decimal(0))
        memo[node] = hours[node] + best
        return memo[node]

    return walk(steps[0].pk, frozenset())
