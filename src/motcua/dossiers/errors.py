"""What the lifecycle refuses, each with a code, an HTTP status and both languages."""

from django.utils import translation


class DossierError(Exception):
    status = 422
    code = "dossier_error"

    def __init__(self, message_vi: str, message_en: str, code: str | None = None, **extra):
        super().__init__(message_en)
        self.message_vi, self.message_en = message_vi, message_en
        if code:
            self.code = code
        self.extra = extra


class DossierNotFound(DossierError):
    status = 404
    code = "dossier_not_found"


class DossierForbidden(DossierError):
    status = 403
    code = "forbidden"


class DossierConflict(DossierError):
    """The dossier changed since the caller read it (optimistic lock)."""

    status = 409
    code = "version_conflict"


class InvalidState(DossierError):
    """The action is not possible in the dossier's state or step."""

    status = 409
    code = "invalid_state"


class InvalidParams(DossierError):
    status = 422
    code = "invalid_params"


def localized(exc: DossierError) -> str:
    """The refusal in the request's active language: English when English is on, else Vietnamese."""
    return exc.message_en if (translation.get_language() or "").startswith("en") else exc.message_vi
