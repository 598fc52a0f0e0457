"""When the legal time changes: a new procedure version may not leave a published process that no
longer fits in it (Decree 118/2025: the internal process must be completed within the procedure's
legal time). The catalogue asks before it publishes; the answer lists what to re-plan, in both
languages. The rule itself is the process validation's (`validation.validate_definition`, code
`over_allotment`): one rule, one home."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError

from .models import DefinitionStatus, ProcessDefinition
from .validation import validate_definition

#: The validation codes a change of the legal time can cause.
TIME_CODES = ("over_allotment",)


@dataclass(frozen=True)
class Replan:
    """One published process that no longer fits the new version: what to re-plan and why."""

    definition_id: int
    name: str
    number: int
    agency: str  # "" for the generic process
    messages: tuple[str, ...]  # bilingual "vi / en" texts of the validation


def processes_to_replan(version) -> list[Replan]:
    """Published processes of `version`'s procedure that would break under `version`'s legal time."""
    found = []
    definitions = (
        ProcessDefinition.objects.filter(procedure_id=version.procedure_id, status=DefinitionStatus.PUBLISHED)
        .select_related("agency")
        .order_by("agency__identifier", "number")
    )
    for definition in definitions:
        problems = [e for e in validate_definition(definition, version) if e.code in TIME_CODES]
        if problems:
            found.append(
                Replan(
                    definition_id=definition.pk,
                    name=definition.name,
                    number=definition.number,
                    agency=definition.agency.name if definition.agency_id else "",
                    messages=tuple(m for e in problems for m in e.messages),
                )
            )
    return found


def check_version_against_processes(version) -> None:
    """Refuse (ValidationError, code `processes_exceed_legal_time`, vi / en) to publish `version`
    while a published process of its procedure needs more time than it allows."""
    replans = processes_to_replan(version)
    if not replans:
        return
    lines = []
    for r in replans:
        where = f" – {r.agency}" if r.agency else ""
        lines.append(f"«{r.name}» (v{r.number}{where}): " + " ".join(r.messages))
    listed = "\n".join(lines)
    raise ValidationError(
        "Không thể công bố phiên bản: thời hạn giải quyết mới ngắn hơn thời gian các quy trình nội bộ đang áp"
        " dụng cần. Hãy lập lại thời gian các bước của các quy trình sau rồi công bố lại."
        " / Cannot publish: the new legal time is shorter than the published internal processes need."
        f" Re-plan the step times of these processes, then publish again.\n{listed}",
        code="processes_exceed_legal_time",
    )
