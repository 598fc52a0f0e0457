"""The portable description of one process definition: the JSON import/export format.

Agencies are named by their identifier and officers by username, so a file moves between databases.
Steps appear in process order (their position is their place in the list, from 1); each step lists its
own transitions. `process_definition_import` checks the structure here, the graph on publish.
"""

from decimal import Decimal

from pydantic import BaseModel, ConfigDict, Field

from motcua.organizations.models import Role

from .models import Action, DefinitionStatus, StepKind

FORMAT = "motcua.process/1"
KEY_PATTERN = r"^[-a-zA-Z0-9_]+$"


class _Spec(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


class TransitionSpec(_Spec):
    action: Action
    to: str | None = Field(default=None, description="key of the target step; null ends the process")


class StepSpec(_Spec):
    key: str = Field(min_length=1, max_length=64, pattern=KEY_PATTERN)
    name: str = Field(min_length=1, max_length=255)
    kind: StepKind = StepKind.NORMAL
    role: Role
    agency: str | None = Field(default=None, description="agency identifier")
    officer: str | None = Field(default=None, description="username")
    allotment_hours: Decimal = Field(ge=0, le=100_000, decimal_places=1)
    notify_applicant: bool = False
    public_status: str = Field(default="", max_length=255)
    required_component_positions: tuple[int, ...] = ()
    required_fields: tuple[str, ...] = ()
    is_terminal: bool = False
    consulted_agencies: tuple[str, ...] = ()
    transitions: tuple[TransitionSpec, ...] = ()


class ProcessSpec(_Spec):
    format: str = Field(default=FORMAT, pattern=r"^motcua\.process/1$")
    procedure: str = Field(description="national procedure code, e.g. 1.001612")
    agency: str | None = Field(default=None, description="agency identifier of an agency-specific variant")
    name: str = Field(min_length=1, max_length=255)
    description: str = ""
    status: DefinitionStatus = DefinitionStatus.DRAFT
    number: int | None = Field(default=None, description="informative on export; import numbers anew")
    steps: tuple[StepSpec, ...] = ()
