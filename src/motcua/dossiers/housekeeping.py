"""Where the dossier's files live in storage, for the orphan sweep (`motcua.core.storage_sweep`). Each
lookup goes through an index: component files by the dossier code their folder is named after
(`dossiers/<code>_<random>/…`, `intake.folder_owner`; older folders are `dossiers/<code>/…`), result
documents by their name (`dossier_result_file`)."""

from motcua.core.storage_sweep import FileArea

from .intake import folder_owner
from .models import DossierFile, DossierResult


def _component_files_referenced(names: list[str]) -> set[str]:
    codes = {folder_owner(parts[1]) for parts in (n.split("/") for n in names) if len(parts) > 2}
    rows = DossierFile.objects.filter(component__dossier__code__in=codes, file__in=names).order_by()
    return set(rows.values_list("file", flat=True))


def _results_referenced(names: list[str]) -> set[str]:
    return set(DossierResult.objects.filter(file__in=names).order_by().values_list("file", flat=True))


FILE_AREAS = [
    FileArea("dossiers", _component_files_referenced),
    FileArea("dossier-results", _results_referenced),
]
