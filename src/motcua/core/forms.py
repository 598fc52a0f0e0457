"""What every form of ours shares: errors shown in the reader's language."""

from django.forms.utils import ErrorList

from .bilingual import in_active_language


class OneLanguageErrorList(ErrorList):
    """Form errors that come from domain rules read "tiếng Việt / English"; a page shows one half. Every
    way a template reads the list (a loop, `join`, Django's own rendering) goes through `__getitem__`."""

    def __getitem__(self, i):
        item = super().__getitem__(i)
        return [in_active_language(x) for x in item] if isinstance(i, slice) else in_active_language(item)


class OneLanguageErrorsMixin:
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("error_class", OneLanguageErrorList)
        super().__init__(*args, **kwargs)
