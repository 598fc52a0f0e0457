"""What a new dossier refers to — the procedure's version in force, the competent and receiving
agencies, the applicant, the process in force — read in ONE statement (`read`), for the lifecycle's
creating actions (submit, desk receipt).

The statement asks the procedure row by code, and inside it, as JSON (core/json_rows.py): the agencies
named by the request and the version's only competent / receiving agency (`candidate ids`), the
procedure's published processes for the generic case and those agencies, and the applicant. Which
agencies are the version's defaults comes from its cached rules (catalog.selectors.version_rules);
those are guessed from the version last seen in force for that code and checked afterwards: when the
guess misses (a new version was published, the first dossier of a procedure in this process), what
the statement did not cover is read by the usual queries (`agencies`, `workflow.runner.definition_for`,
the applicant by id). The rules themselves stay those of `catalog.selectors` and `workflow.runner`;
this module only brings their inputs together.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any

from django.db.models import OuterRef, Q

from motcua.catalog.models import Procedure, ProcedureVersion
from motcua.catalog.selectors import VersionRules, cached_version_rules, current_version_ref, version_rules
from motcua.core.compiled import CompiledQuery
from motcua.core.json_rows import instances, json_rows, loads_rows
from motcua.organizations.models import Agency, Applicant
from motcua.organizations.selectors import AGENCY_FIELDS, agencies_from_rows
from motcua.workflow import runner as wf
from motcua.workflow.models import DefinitionStatus, ProcessDefinition

from .errors import InvalidParams


def agency_lookup(value):
    """A filter for one agency reference: an Agency, its id, or its identifier."""
    if isinstance(value, int):
        return {"pk": value}
    if isinstance(value, str) and value.strip().isascii() and value.strip().isdigit():
        # ASCII digits only: '²'.isdigit() is True but int('²') fails
        return {"pk": int(value)}
    if isinstance(value, str) and value.strip():
        return {"identifier": value.strip()}
    return None


def agency(value, what: str, what_en: str) -> Agency:
    """An agency given as an Agency, its id or its identifier; InvalidParams (unknown_agency) if none."""
    if isinstance(value, Agency):
        return value
    lookup = agency_lookup(value)
    agency = Agency.objects.filter(**lookup).first() if lookup else None
    if agency is None:
        raise InvalidParams(f"Không tìm thấy {what}.", f"Unknown {what_en}.", code="unknown_agency")
    return agency


# Every creation of a dossier reads its two agencies: one query, its SQL built once (core/compiled.py);
# an unused slot holds id 0 / an empty identifier, which no agency has.
_TWO_AGENCIES = CompiledQuery(
    lambda pk1, pk2, code1, code2: Agency.objects.filter(
        Q(pk=pk1) | Q(pk=pk2) | Q(identifier=code1) | Q(identifier=code2)
    ),
    pk1="int",
    pk2="int",
    code1="str",
    code2="str",
)


def agencies(refs: dict[str, Any]) -> dict[str, Agency]:
    """Several agency references (name → Agency, id or identifier) read in one query."""
    found, ids, identifiers = {}, set(), set()
    for name, value in refs.items():
        if isinstance(value, Agency):
            found[name] = value
            continue
        lookup = agency_lookup(value)
        if lookup is None:
            continue
        (ids if "pk" in lookup else identifiers).add(next(iter(lookup.values())))
    if len(ids) > 2 or len(identifiers) > 2:
        rows = list(Agency.objects.filter(Q(pk__in=ids) | Q(identifier__in=identifiers)))
    elif ids or identifiers:  # the usual two: competent and receiving agency
        pks, codes = [*ids, 0, 0][:2], [*identifiers, "", ""][:2]
        rows = _TWO_AGENCIES.objects(pk1=pks[0], pk2=pks[1], code1=codes[0], code2=codes[1])
    if ids or identifiers:
        for name, value in refs.items():
            lookup = agency_lookup(value) if not isinstance(value, Agency) else None
            if lookup:
                key, wanted = next(iter(lookup.items()))
                found[name] = next((a for a in rows if getattr(a, key) == wanted), None)
    return found


def rules_of(params) -> tuple[VersionRules, ProcedureVersion | None]:
    """The rules of the version in force of the procedure named by `procedure` (code or Procedure)
    or of an explicit `procedure_version`; with the version object when the caller gave one."""
    value = params.get("procedure_version") or params.get("procedure")
    if isinstance(value, ProcedureVersion):
        return version_rules(value), value
    ref = None
    if isinstance(value, Procedure):
        if value.is_active and value.current_version_id is not None:
            ref = (value.current_version_id, None)
    else:
        ref = current_version_ref(str(value or "").strip())
    if ref is None:
        raise _unknown_procedure()
    return version_rules(*ref), None


_APPLICANT_FIELDS = tuple(f.attname for f in Applicant._meta.concrete_fields if f.attname != "search_text")
_PROCESS_FIELDS = ("id", "uid", "agency_id")


def _references(code, a1, a2, a3, a4, i1, i2, applicant):
    ids, identifiers = [a1, a2, a3, a4], [i1, i2]
    agencies = Agency.objects.filter(Q(pk__in=ids) | Q(identifier__in=identifiers))
    processes = ProcessDefinition.objects.filter(
        procedure_id=OuterRef("pk"), status=DefinitionStatus.PUBLISHED
    ).filter(Q(agency__isnull=True) | Q(agency_id__in=ids) | Q(agency__identifier__in=identifiers))
    return (
        Procedure.objects.filter(code=code, is_active=True, current_version__isnull=False)
        .annotate(
            agency_rows=json_rows(agencies, *AGENCY_FIELDS),
            process_rows=json_rows(processes, *_PROCESS_FIELDS),
            applicant_rows=json_rows(Applicant.objects.filter(pk=applicant), *_APPLICANT_FIELDS),
        )
        .values_list(
            "current_version_id",
            "current_version__created_at",
            "agency_rows",
            "process_rows",
            "applicant_rows",
        )
    )


_REFERENCES = CompiledQuery(
    _references, code="str", a1="int", a2="int", a3="int", a4="int", i1="str", i2="str", applicant="int"
)
_last_version: dict[str, int] = {}  # procedure code → the version last seen in force (a guess, checked)
_last_lock = threading.Lock()


@dataclass
class References:
    """The inputs of a new dossier: `rules` (and `version` when the caller passed a version object),
    and whatever `read` found in its one statement; the methods fall back to queries for the rest."""

    rules: VersionRules
    version: ProcedureVersion | None = None
    ids: frozenset[int] = frozenset()  # agency ids the statement asked for
    identifiers: frozenset[str] = frozenset()  # agency identifiers it asked for
    found: dict[int, Agency] = field(default_factory=dict)
    processes: list = field(default_factory=list)
    applicant_id: int | None = None  # the applicant id it asked for
    applicant_row: Applicant | None = None

    def agencies(self, refs: dict[str, Any]) -> dict[str, Agency | None]:
        """Like `agencies(refs)`: name → Agency (None when no such agency), from the statement's rows
        for the references it covered."""
        out, rest = {}, {}
        by_identifier = {a.identifier: a for a in self.found.values()}
        for name, value in refs.items():
            lookup = agency_lookup(value) if not isinstance(value, Agency) else None
            if isinstance(value, Agency):
                out[name] = value
            elif lookup and "pk" in lookup and lookup["pk"] in self.ids:
                out[name] = self.found.get(lookup["pk"])
            elif lookup and "identifier" in lookup and lookup["identifier"] in self.identifiers:
                out[name] = by_identifier.get(lookup["identifier"])
            else:
                rest[name] = value
        return {**out, **(agencies(rest) if rest else {})}

    def applicant(self, value) -> Applicant | None:
        """The applicant given by id (or an Applicant), None when there is none with that id."""
        if isinstance(value, Applicant):
            return value
        pk = _as_int(value)
        if pk is not None and pk == self.applicant_id:
            return self.applicant_row
        return Applicant.objects.filter(pk=value).first()

    def definition(self, competent_id: int):
        """The process in force for the competent agency (`workflow.runner.definition_among`), from
        the statement's rows when it covered that agency, else `definition_for`."""
        covered = competent_id in self.ids or any(
            a.pk == competent_id and a.identifier in self.identifiers for a in self.found.values()
        )
        if covered:
            return wf.definition_among(self.processes, competent_id, self.rules.code)
        return wf.definition_for(self.rules, competent_id)


def _as_int(value) -> int | None:
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isascii() and value.strip().isdigit():
        return int(value)
    return None


def read(params) -> References:
    """The references of a new dossier from the creating action's params (`procedure` code,
    `competent_agency`, `receiving_agency`, `applicant`): one statement when the procedure is named by
    its code. InvalidParams (unknown_procedure) when no procedure with that code is in force."""
    value = params.get("procedure_version") or params.get("procedure")
    if isinstance(value, Procedure | ProcedureVersion):
        rules, version = rules_of(params)
        return References(rules, version)
    code = str(value or "").strip()
    guess = cached_version_rules(_last_version.get(code, 0))
    ids, identifiers = set(), set()
    for name, kind in (("competent_agency", "competent_ids"), ("receiving_agency", "receiving_ids")):
        given = params.get(name)
        lookup = agency_lookup(given) if given and not isinstance(given, Agency) else None
        if lookup:
            (ids if "pk" in lookup else identifiers).add(next(iter(lookup.values())))
        elif not given and guess is not None and len(getattr(guess, kind)) == 1:
            ids.add(getattr(guess, kind)[0])
    applicant = _as_int(params.get("applicant"))
    if len(ids) > 4 or len(identifiers) > 2 or not code:
        rules, version = rules_of(params)
        return References(rules, version)
    rows = _REFERENCES.rows(
        code=code,
        **dict(zip(("a1", "a2", "a3", "a4"), [*ids, 0, 0, 0, 0][:4], strict=True)),
        **dict(zip(("i1", "i2"), [*identifiers, "", ""][:2], strict=True)),
        applicant=applicant or 0,
    )
    if not rows:
        raise _unknown_procedure()
    version_id, stamp, agency_rows, process_rows, applicant_rows = rows[0]
    rules = version_rules(version_id, stamp)
    with _last_lock:
        _last_version[code] = version_id
    applicants = instances(Applicant, _APPLICANT_FIELDS, loads_rows(applicant_rows))
    return References(
        rules,
        ids=frozenset(ids),
        identifiers=frozenset(identifiers),
        found=agencies_from_rows(loads_rows(agency_rows)),
        processes=instances(ProcessDefinition, _PROCESS_FIELDS, loads_rows(process_rows)),
        applicant_id=applicant,
        applicant_row=applicants[0] if applicants else None,
    )


def _unknown_procedure() -> InvalidParams:
    return InvalidParams(
        "Không tìm thấy thủ tục đang áp dụng.",
        "No procedure in force with this code.",
        code="unknown_procedure",
    )
