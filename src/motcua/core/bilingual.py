"""Domain messages that carry both languages in one string, "tiếng Việt / English" (validators, services
shared by the API, the CLI and the pages). The API returns both halves; a page shows the half of the
reader's language."""

from django.utils import translation

SEPARATOR = " / "


def split_bilingual(message: str) -> tuple[str, str]:
    """(Vietnamese, English); a message without the separator is both."""
    vi, sep, en = str(message).partition(SEPARATOR)
    return (vi.strip(), en.strip()) if sep else (str(message), str(message))


def split_each(messages) -> tuple[str, str]:
    """Several messages, each split, joined per language."""
    pairs = [split_bilingual(m) for m in messages]
    return "; ".join(vi for vi, _ in pairs), "; ".join(en for _, en in pairs)


def in_active_language(message) -> str:
    """The half of a bilingual message for the active language (English only when English is on)."""
    vi, en = split_bilingual(message)
    return en if (translation.get_language() or "").startswith("en") else vi
