"""The e-form and component verdicts of a forwarded record, as field paths of the record (issue 11
part 4): `DuLieuBieuMau.<field>` for each e-form problem, `TaiLieuNop` for each mandatory component
without a file.

The checks themselves live in ONE home: `catalog/eform_schema.py` and `dossiers/submission.py`. The
dossier is created through `lifecycle.perform("submit")`, which runs them; `problems_of(DossierError)`
translates the lifecycle's refusal into the record's paths. When the record has other problems too
(so `perform` is never reached), `precheck` asks the same two functions (`submission.check_eform`,
`submission.missing_components`) — as the portal's completeness pre-check does — so that one answer
lists every problem at once.
"""

from __future__ import annotations

from motcua.catalog.selectors import VersionRules, current_version_ref, version_rules
from motcua.dossiers import submission
from motcua.dossiers.errors import DossierError
from motcua.dossiers.states import Channel

from .sync_record import Document, Problem

EFORM = "DuLieuBieuMau"
DOCUMENTS = "TaiLieuNop"


def _eform_path(name: str) -> str:
    return f"{EFORM}.{name}" if name else EFORM


def problems_of(exc: DossierError) -> list[Problem]:
    """A lifecycle refusal as the record's problems: one per e-form field (`eform_invalid`), one per
    missing mandatory component (`components_missing`), else one problem without a field."""
    if isinstance(exc, submission.EFormInvalid) and exc.extra.get("errors"):
        return [
            Problem(_eform_path(e.get("field", "")), exc.code, e["message"], e["message_en"])
            for e in exc.extra["errors"]
        ]
    if isinstance(exc, submission.ComponentsMissing) and exc.extra.get("missing"):
        return [
            Problem(
                DOCUMENTS,
                exc.code,
                f"Thiếu thành phần hồ sơ bắt buộc số {m['position']} (MaThanhPhanHoSo): {m['name']}",
                f"Mandatory component {m['position']} (MaThanhPhanHoSo) is missing: {m['name']}",
            )
            for m in exc.extra["missing"]
        ]
    return [Problem("", exc.code, exc.message_vi, exc.message_en)]


def rules_of(data) -> VersionRules | None:
    """The rules of the record's procedure in force (None when `MaTTHC` names none)."""
    code = data.get("MaTTHC") if isinstance(data, dict) else None
    if not isinstance(code, str) or not code.strip():
        return None
    ref = current_version_ref(code.strip())
    return version_rules(*ref) if ref else None


def precheck(rules: VersionRules, eform, documents: list[Document] | None) -> list[Problem]:
    """The e-form's and the mandatory components' problems of a record (see the module's docstring).

    `eform`: the record's `DuLieuBieuMau` (anything; a non-object is the reader's problem);
    `documents`: the `TaiLieuNop` entries as read (None: unknown, components not checked). Each
    entry mapped to a component counts as evidence for it: an entry whose file is missing or bad is
    already listed at its own path (`TaiLieuNop[i].NoiDungTep`), not a second time as a missing
    component."""
    problems: list[Problem] = []
    if isinstance(eform, dict) or eform is None:
        try:
            submission.check_eform(rules.eform, eform or {}, channel=Channel.NATIONAL_PORTAL)
        except submission.EFormInvalid as exc:
            problems += problems_of(exc)
    if documents is not None:
        items: dict[int, dict] = {}
        for doc in documents:
            if doc.position is None:
                continue
            items.setdefault(doc.position, {"files": []})["files"].append(doc.path)
        required = submission.required_of(rules.components, rules.required_components)
        try:
            submission.check_components(required, submission.evidence_of(items), online=True)
        except submission.ComponentsMissing as exc:
            problems += problems_of(exc)
    return problems
