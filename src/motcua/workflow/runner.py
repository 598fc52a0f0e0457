"""The `ProcessRunner` seam: what the dossier lifecycle asks of a process, and our declarative engine.

The runner is stateless about dossiers. The dossier stores the definition id it started under and its
current step key (and, for consultations, which agencies it asked and which answered); the runner answers
questions about the definition: where an action leads, what must be present before leaving a step, and
whether a consultation step may close. A BPMN runner could implement the same Protocol later.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Protocol, runtime_checkable

from django.db.models import Q

from motcua.core.compiled import CompiledQuery

from .models import (
    IN_STEP_ACTIONS,
    Action,
    DefinitionStatus,
    ProcessDefinition,
    StepKind,
)


class WorkflowError(Exception):
    """A process question that has no answer: unknown step, action not allowed here, no process…"""

    def __init__(self, code: str, message_vi: str, message_en: str = ""):
        self.code = code
        self.message_vi = message_vi
        self.message_en = message_en or message_vi
        super().__init__(f"{message_vi} / {self.message_en}")

    def __reduce__(self):
        return (type(self), (self.code, self.message_vi, self.message_en))


@dataclass(frozen=True)
class StepInfo:
    key: str
    name: str
    role: str
    agency_id: int | None
    officer_id: int | None
    allotment_hours: Decimal
    notify_applicant: bool
    public_status: str
    required_component_positions: tuple[int, ...]
    required_fields: tuple[str, ...]
    is_terminal: bool
    is_consultation: bool
    # Additions to the contract (all with defaults):
    position: int = 0
    #: agencies that must always be consulted at this step (the officer may add more at `consult` time)
    consult_agency_ids: tuple[int, ...] = field(default=())


@dataclass(frozen=True)
class TransitionInfo:
    action: str
    to_step: str | None


@runtime_checkable
class ProcessRunner(Protocol):
    definition_id: int

    def first_step(self) -> StepInfo: ...

    def step(self, key: str) -> StepInfo: ...

    def transitions(self, key: str) -> list[TransitionInfo]: ...

    def allowed_actions(self, key: str) -> list[str]: ...

    def target(self, key: str, action: str, chosen: str | None = None) -> StepInfo | None: ...

    def earlier_steps(self, key: str) -> list[StepInfo]: ...

    def missing_requirements(
        self, key: str, component_positions_present: set[int], fields_present: set[str]
    ) -> list[str]: ...


class DefinitionRunner:
    """The declarative engine: a published definition loaded once into plain tuples and dicts."""

    def __init__(
        self,
        definition_id: int,
        steps: Iterable[StepInfo],
        transitions: dict[str, Iterable[TransitionInfo]],
        *,
        status: str = DefinitionStatus.PUBLISHED,
        fingerprint: object = None,
    ):
        self.definition_id = definition_id
        self.status = status
        self.fingerprint = fingerprint
        self._steps: dict[str, StepInfo] = {}
        for info in sorted(steps, key=lambda s: s.position):
            self._steps[info.key] = info
        self._order = {key: i for i, key in enumerate(self._steps)}
        self._transitions = {key: tuple(transitions.get(key, ())) for key in self._steps}
        if not self._steps:
            raise WorkflowError(
                "empty_process",
                f"Quy trình {definition_id} không có bước nào.",
                f"Process {definition_id} has no steps.",
            )

    # -- the contract ---------------------------------------------------------------------------

    def first_step(self) -> StepInfo:
        return next(iter(self._steps.values()))

    def step(self, key: str) -> StepInfo:
        try:
            return self._steps[key]
        except KeyError:
            raise WorkflowError(
                "unknown_step",
                f"Quy trình {self.definition_id} không có bước «{key}».",
                f"Process {self.definition_id} has no step '{key}'.",
            ) from None

    def steps(self) -> list[StepInfo]:
        """All steps in process order (an addition to the contract)."""
        return list(self._steps.values())

    def transitions(self, key: str) -> list[TransitionInfo]:
        self.step(key)
        return list(self._transitions[key])

    def allowed_actions(self, key: str) -> list[str]:
        """The actions allowed at `key`, in the canonical order of `Action`."""
        present = {t.action for t in self.transitions(key)}
        return [a.value for a in Action if a.value in present]

    def targets(self, key: str, action: str) -> list[str | None]:
        """Every step key `action` from `key` may lead to (None = ends the process); an addition."""
        found = [t.to_step for t in self.transitions(key) if t.action == action]
        if not found:
            raise self._not_allowed(key, action)
        return found

    def target(self, key: str, action: str, chosen: str | None = None) -> StepInfo | None:
        """Where `action` from step `key` leads; when several targets exist `chosen` picks one (must be
        allowed); None means the action ends the process (terminal outcome). Raises WorkflowError if
        the action is not allowed here, or the choice is missing or not among the targets."""
        options = self.targets(key, action)
        if chosen is None:
            if len(options) > 1:
                names = ", ".join(str(o) for o in options)
                raise WorkflowError(
                    "target_required",
                    f"Thao tác «{action}» ở bước «{key}» có nhiều bước đích ({names}); hãy chọn một.",
                    f"Action '{action}' at step '{key}' has several targets ({names}); choose one.",
                )
            only = options[0]
            return None if only is None else self._steps[only]
        if chosen not in options:
            raise WorkflowError(
                "target_not_allowed",
                f"Thao tác «{action}» ở bước «{key}» không dẫn tới bước «{chosen}».",
                f"Action '{action}' at step '{key}' does not lead to step '{chosen}'.",
            )
        return self._steps[chosen]

    def earlier_steps(self, key: str) -> list[StepInfo]:
        """The steps `send_back` from `key` may return to (each earlier in the process; validated on
        publish), in process order. Empty when the step cannot send back."""
        keys = {t.to_step for t in self.transitions(key) if t.action == Action.SEND_BACK and t.to_step}
        return [s for s in self._steps.values() if s.key in keys]

    def missing_requirements(
        self, key: str, component_positions_present: set[int], fields_present: set[str]
    ) -> list[str]:
        """What must still be present before leaving step `key`, as Vietnamese messages (empty = ok)."""
        info = self.step(key)
        messages = []
        missing_components = [
            p for p in info.required_component_positions if p not in component_positions_present
        ]
        if missing_components:
            listed = ", ".join(str(p) for p in missing_components)
            messages.append(
                f"Thiếu thành phần hồ sơ số {listed} (bắt buộc trước khi rời bước «{info.name}»)."
            )
        missing_fields = [f for f in info.required_fields if f not in fields_present]
        if missing_fields:
            listed = ", ".join(missing_fields)
            messages.append(f"Chưa nhập thông tin: {listed} (bắt buộc trước khi rời bước «{info.name}»).")
        return messages

    # -- consultation (an addition to the contract) -----------------------------------------------

    def pending_consultations(
        self, key: str, requested_agency_ids: Iterable[int] = (), answered_agency_ids: Iterable[int] = ()
    ) -> list[int]:
        """Agencies whose answer is still awaited at step `key`: the step's own list plus those the
        officer picked at `consult` time, minus those that answered. Sorted ids."""
        info = self.step(key)
        wanted = set(info.consult_agency_ids) | set(requested_agency_ids)
        return sorted(wanted - set(answered_agency_ids))

    def can_close(
        self, key: str, requested_agency_ids: Iterable[int] = (), answered_agency_ids: Iterable[int] = ()
    ) -> bool:
        """May the dossier leave step `key` (by any onward action or send_back)? Every consulted agency
        must have answered; a consultation step must moreover have consulted at least one agency."""
        return not self.close_blockers(key, requested_agency_ids, answered_agency_ids)

    def close_blockers(
        self, key: str, requested_agency_ids: Iterable[int] = (), answered_agency_ids: Iterable[int] = ()
    ) -> list[str]:
        """Why the step cannot close yet, as Vietnamese messages (empty = it can)."""
        info = self.step(key)
        requested = set(requested_agency_ids)
        answered = set(answered_agency_ids)
        messages = []
        if info.is_consultation and not (requested | set(info.consult_agency_ids)):
            messages.append(f"Bước «{info.name}» cần xin ý kiến ít nhất một cơ quan.")
        pending = self.pending_consultations(key, requested, answered)
        if pending:
            messages.append(f"Còn {len(pending)} cơ quan chưa trả lời xin ý kiến ở bước «{info.name}».")
        return messages

    def is_in_step_action(self, action: str) -> bool:
        """consult, answer_consultation and request_payment keep the dossier at its step."""
        return action in IN_STEP_ACTIONS

    # -- helpers ----------------------------------------------------------------------------------

    def _not_allowed(self, key: str, action: str) -> WorkflowError:
        return WorkflowError(
            "action_not_allowed",
            f"Không được thực hiện thao tác «{action}» ở bước «{self._steps[key].name}».",
            f"Action '{action}' is not allowed at step '{key}'.",
        )

    def __repr__(self) -> str:
        return f"<DefinitionRunner {self.definition_id} steps={list(self._steps)}>"


# -- loading and caching --------------------------------------------------------------------------

_cache: dict[int, DefinitionRunner] = {}
_cache_lock = threading.Lock()


def build_runner(definition: ProcessDefinition) -> DefinitionRunner:
    """Load a definition (any status) into a runner, in four queries."""
    steps = list(definition.steps.all().order_by("position", "pk").prefetch_related("consulted_agencies"))
    infos = [
        StepInfo(
            key=s.key,
            name=s.name,
            role=s.role,
            agency_id=s.agency_id,
            officer_id=s.officer_id,
            allotment_hours=Decimal(s.allotment_hours),
            notify_applicant=s.notify_applicant,
            public_status=s.public_status,
            required_component_positions=tuple(int(p) for p in s.required_component_positions or ()),
            required_fields=tuple(str(f) for f in s.required_fields or ()),
            is_terminal=s.is_terminal,
            is_consultation=s.kind == StepKind.CONSULTATION,
            position=s.position,
            consult_agency_ids=tuple(sorted(a.pk for a in s.consulted_agencies.all())),
        )
        for s in steps
    ]
    keys = {s.pk: s.key for s in steps}
    transitions: dict[str, list[TransitionInfo]] = {}
    rows = definition.transitions.order_by("pk").values_list("from_step_id", "action", "to_step_id")
    for from_id, action, to_id in rows:
        if from_id not in keys or (to_id is not None and to_id not in keys):
            continue  # a transition into another definition: publish refuses it, drafts ignore it
        transitions.setdefault(keys[from_id], []).append(
            TransitionInfo(action=action, to_step=None if to_id is None else keys[to_id])
        )
    return DefinitionRunner(
        definition.pk, infos, transitions, status=definition.status, fingerprint=definition.uid
    )


def runner_for(definition_id: int, uid=None) -> DefinitionRunner:
    """The runner of a definition, built once and cached per id (published and superseded definitions
    never change). The cached runner is used only if the definition's row still is the one it was
    built from (its `uid`), so a restored database or a test rollback that reuses ids cannot serve a
    stale process: callers that already read the uid (the dossier lock joins it) pass it, others pay
    one indexed query. Drafts are built afresh every time and never cached."""
    cached = _cache.get(definition_id)
    if uid is not None and cached is not None and str(cached.fingerprint) == str(uid):
        return cached
    row = ProcessDefinition.objects.filter(pk=definition_id).values_list("uid", "status").first()
    if row is None:
        raise WorkflowError(
            "unknown_process",
            f"Không tìm thấy quy trình số {definition_id}.",
            f"No process definition {definition_id}.",
        )
    uid, status = row
    if cached is not None and cached.fingerprint == uid:
        return cached
    runner = build_runner(ProcessDefinition.objects.get(pk=definition_id))
    if status != DefinitionStatus.DRAFT:
        with _cache_lock:
            _cache[definition_id] = runner
    return runner


def runner_cache_clear() -> None:
    with _cache_lock:
        _cache.clear()


def _agency_id(agency) -> int | None:
    if agency is None:
        return None
    return agency if isinstance(agency, int) else agency.pk


def _published_definitions(procedure: int, agency: int | None = None):
    """The agency's own published process (if `agency`) and the generic one (`definition_among` picks)."""
    where = Q(agency__isnull=True) | Q(agency_id=agency) if agency is not None else Q(agency__isnull=True)
    return ProcessDefinition.objects.filter(where, procedure_id=procedure, status=DefinitionStatus.PUBLISHED)


# Asked at every creation of a dossier: one query, its SQL built once (core/compiled.py).
_AGENCY_DEFINITION = CompiledQuery(_published_definitions, procedure="int", agency="int")
_GENERIC_DEFINITION = CompiledQuery(_published_definitions, procedure="int")


def definition_among(candidates, agency_id: int | None, code: str) -> ProcessDefinition:
    """Among published definitions of one procedure (`candidates`, which must include the agency's own
    and the generic one if they exist), the one a dossier handled by `agency_id` follows: the agency's
    own first, else the generic one. Raises WorkflowError("no_process") when neither is there."""
    found = [d for d in candidates if agency_id is not None and d.agency_id == agency_id] or [
        d for d in candidates if d.agency_id is None
    ]
    if found:
        return found[0]
    raise WorkflowError(
        "no_process",
        f"Thủ tục {code} chưa có quy trình nội bộ được công bố.",
        f"Procedure {code} has no published internal process.",
    )


def definition_for(procedure_version, competent_agency) -> ProcessDefinition:
    """The published process for a dossier of `procedure_version` handled by `competent_agency`
    (an Agency, its id, or None): the agency-specific one first, else the procedure's generic one.
    Raises WorkflowError("no_process") if neither exists."""
    agency_id = _agency_id(competent_agency)
    procedure_id = procedure_version.procedure_id
    if agency_id is None:
        found = _GENERIC_DEFINITION.objects(procedure=procedure_id)
    else:
        found = _AGENCY_DEFINITION.objects(procedure=procedure_id, agency=agency_id)
    if not found:
        code = getattr(procedure_version, "code", None) or procedure_version.procedure.code
        return definition_among([], agency_id, code)
    return definition_among(found, agency_id, "")
