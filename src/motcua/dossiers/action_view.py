"""What an action returns (the API's submission and action responses): the dossier as stored after the
action, for the same serializer as a read (`api.dossier_full`), and its event.

When the action created the dossier, the lifecycle holds everything a new dossier has — the row it
inserted, the components and files it wrote, the fee lines, its applicant and agencies, the procedure
version's rules — and hands them over (`hold_new`): the response reads nothing. Any other action is
followed by one read of the dossier (`selectors.dossier_get`: one statement for a usual dossier)."""

from __future__ import annotations

from motcua.catalog.models import Procedure, ProcedureVersion
from motcua.core.json_rows import partial_instance

from .held import hold, hold_components


def hold_new(dossier, components: list, files: list, fees: list, rules) -> None:
    """Called by the lifecycle once it has written a new dossier: its relations are exactly the rows
    written (`components` with `files`, `fees`; no pause, result or consultation yet), its procedure
    version the one of `rules` (catalog.selectors.VersionRules: number, name, procedure code; the
    version's other columns are read if ever asked for)."""
    hold_components(dossier, components, files)
    hold(dossier, "fees", fees)
    for name in ("pauses", "results", "consultations"):
        hold(dossier, name, [])
    if not type(dossier).procedure_version.is_cached(dossier):
        version = partial_instance(
            ProcedureVersion,
            {"id": rules.pk, "procedure_id": rules.procedure_id, "number": rules.number, "name": rules.name},
        )
        version.procedure = partial_instance(Procedure, {"id": rules.procedure_id, "code": rules.code})
        dossier.procedure_version = version
    agencies = {a.pk: a for a in (dossier.receiving_agency, dossier.competent_agency)}
    if dossier.current_agency_id in agencies:
        dossier.current_agency = agencies[dossier.current_agency_id]
    dossier.held_complete = True


def dossier_after_action(dossier):
    """The dossier an action returned (`lifecycle.perform`), complete for `api.dossier_full`: itself
    when the lifecycle created it in this call (`hold_new`), else read again (`dossier_get`: a replayed
    submission, or an action on an existing dossier). The event's agency is taken from the dossier's
    agencies when it is one of them."""
    from .selectors import dossier_get

    if getattr(dossier, "held_complete", False) and not getattr(dossier, "replayed", False):
        stored = dossier
    else:
        stored = dossier_get(dossier.code)
    event = getattr(dossier, "last_event", None)
    if event is not None and event.agency_id is not None:
        for agency in (stored.receiving_agency, stored.competent_agency, stored.current_agency):
            if agency is not None and agency.pk == event.agency_id:
                event.agency = agency
                break
    return stored
