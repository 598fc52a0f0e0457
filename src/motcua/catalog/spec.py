"""The canonical, validated description of one procedure version. Imports, demo data and the admin's
"publish" all build a ProcedureSpec and hand it to `services.procedure_publish`."""

from datetime import date, time
from decimal import Decimal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from motcua.core.choices import Channel

from .models import PROCEDURE_CODE_RE, ComponentKind, FeeBasis, FeeKind, Level, OnlineKind, TimeUnit


class _Spec(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


class TimeSpec(_Spec):
    channel: Channel
    value: Decimal = Field(ge=0, le=1000, decimal_places=1)
    unit: TimeUnit = TimeUnit.WORKING_DAY
    description: str = Field(default="", max_length=500)


class ExemptionSpec(_Spec):
    """A condition that makes a fee line 0 đồng: `field` is the e-form's yes/no field the applicant
    ticks (blank: only the officer confirms it)."""

    code: str = Field(min_length=1, max_length=64, pattern=r"^[a-z0-9_]+$")
    label: str = Field(min_length=1, max_length=255)
    field: str = Field(default="", max_length=64)


class FeeSpec(_Spec):
    channel: Channel | None = None
    kind: FeeKind = FeeKind.CHARGE
    amount: int = Field(ge=0, le=10_000_000_000)
    description: str = Field(default="", max_length=500)
    name: str = Field(default="", max_length=255)
    basis: FeeBasis = FeeBasis.FIXED
    quantity_field: str = Field(default="", max_length=64)
    exemptions: tuple[ExemptionSpec, ...] = ()


class ComponentSpec(_Spec):
    name: str = Field(min_length=1, max_length=500)
    case: str = Field(default="", max_length=255)
    originals: int = Field(default=0, ge=0, le=100)
    copies: int = Field(default=0, ge=0, le=100)
    mandatory: bool = True
    kind: ComponentKind = ComponentKind.SUBMIT
    template_name: str = Field(default="", max_length=255)
    note: str = Field(default="", max_length=500)


class ResultSpec(_Spec):
    code: str = Field(default="", max_length=64)
    name: str = Field(min_length=1, max_length=500)
    is_document: bool = True


class LegalBasisSpec(_Spec):
    number: str = Field(min_length=1, max_length=100)
    title: str = Field(default="", max_length=500)
    issued_on: date | None = None


class ProcedureSpec(_Spec):
    code: str = Field(pattern=PROCEDURE_CODE_RE)
    name: str = Field(min_length=3, max_length=500)
    sector_code: str = Field(min_length=1, max_length=32)
    sector_name: str = Field(min_length=1, max_length=255)
    level: Level
    online_kind: OnlineKind = OnlineKind.NONE
    description: str = ""
    steps: str = ""
    requirements: str = ""
    applicant_types: tuple[str, ...] = ()
    competent_agencies: tuple[str, ...] = ()
    receiving_agencies: tuple[str, ...] = ()
    times: tuple[TimeSpec, ...] = ()
    fees: tuple[FeeSpec, ...] = ()
    components: tuple[ComponentSpec, ...] = ()
    results: tuple[ResultSpec, ...] = ()
    legal_bases: tuple[LegalBasisSpec, ...] = ()
    eform: tuple[dict, ...] = ()
    source_note: str = Field(default="", max_length=500)
    # The procedure's own same-day cut-off (e.g. 15:00), for times in the unit "same_day".
    same_day_cutoff: time | None = None

    @field_validator("competent_agencies", "receiving_agencies")
    @classmethod
    def _agencies_as_set(cls, value):
        return tuple(sorted(set(value)))

    @field_validator("times")
    @classmethod
    def _one_time_per_channel(cls, value):
        channels = [t.channel for t in value]
        if len(channels) != len(set(channels)):
            raise ValueError("mỗi kênh chỉ có một thời hạn / one processing time per channel")
        return value
