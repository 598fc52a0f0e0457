"""Where the dossier's files live in storage, for the orphan sweep (`motcua.core.storage_sweep`)."""

from motcua.core.storage_sweep import FileArea

from .models import DossierFile, DossierResult


def _referenced(model):
    def referenced(names: list[str]) -> set[str]:
        return set(model.objects.filter(file__in=names).values_list("file", flat=True))

    return referenced


FILE_AREAS = [
    FileArea("dossiers", _referenced(DossierFile)),
    FileArea("dossier-results", _referenced(DossierResult)),
]
