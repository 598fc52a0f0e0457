"""Rendering a notification from its editable template (Django template language, no autoescape:
the result is plain text). A template that no longer renders (edited badly despite the admin's
check) falls back to the seeded default text of its kind, so a message is never lost to a typo."""

from __future__ import annotations

import logging
import unicodedata

from django.template import Context, Engine, TemplateSyntaxError
from django.template.base import Lexer, TokenType

from .kinds import DEFAULTS, PLACEHOLDERS, Channel

logger = logging.getLogger("motcua.notifications")

_ENGINE = Engine(autoescape=False, libraries={}, app_dirs=False, dirs=[])
SAMPLE = {
    "ten": "Nguyễn Văn An",
    "ma_ho_so": "000.00.14.H56-260302-0001",
    "thu_tuc": "Chứng thực bản sao từ bản chính",
    "co_quan": "Trung tâm Phục vụ hành chính công",
    "ngay_hen_tra": "05/03/2026 10:00",
    "ngay_hen_cu": "04/03/2026 10:00",
    "ly_do": "Hồ sơ cần xác minh thêm",
    "giay_to_bo_sung": "Bản sao CCCD",
    "so_tien": "50.000",
    "gio_con_lai": "4",
    "duong_dan": "https://motcua.example/tra-cuu/",
}
assert set(SAMPLE) == set(PLACEHOLDERS)


# The tags a notification may use: conditions, loops and comments. Not `debug` (it prints the context and
# every loaded module into a citizen's SMS), `include`/`extends`/`load`, `url`, `csrf_token`, `now`, …
ALLOWED_TAGS = frozenset(
    {"if", "elif", "else", "endif", "for", "empty", "endfor", "with", "endwith", "comment", "endcomment"}
)


def render(source: str, context: dict) -> str:
    """`source` rendered with `context` (strings); raises TemplateSyntaxError when it does not parse or
    uses a tag outside ALLOWED_TAGS."""
    for token in Lexer(source).tokenize():
        if token.token_type == TokenType.BLOCK and token.split_contents()[0] not in ALLOWED_TAGS:
            tag = token.split_contents()[0]
            raise TemplateSyntaxError(
                f"Thẻ «{tag}» không được dùng trong mẫu thông báo. / Tag {tag!r} is not allowed."
            )
    return _ENGINE.from_string(source).render(Context(context, autoescape=False)).strip()


def check(source: str) -> None:
    """Raise TemplateSyntaxError (or another template error) when `source` cannot render the sample."""
    render(source, SAMPLE)


def compose(kind: str, channel: str, template, context: dict) -> tuple[str, str]:
    """(subject, text) of a message. E-mail: the Vietnamese subject, and the Vietnamese body followed by
    the English one; SMS/Zalo: the short Vietnamese text. `template` is a NotificationTemplate or None
    (the defaults of `kinds.DEFAULTS`)."""
    subject_vi, body_vi, short_vi, subject_en, body_en = DEFAULTS[kind]
    if template is not None:
        subject_vi, body_vi, short_vi = template.subject_vi, template.body_vi, template.short_vi
        subject_en, body_en = template.subject_en, template.body_en
    try:
        return _compose(channel, context, subject_vi, body_vi, short_vi, subject_en, body_en)
    except Exception:  # a broken edited template: the default text, and a line in the log
        logger.exception("notification template %s does not render; using the default text", kind)
        return _compose(channel, context, *DEFAULTS[kind])


def _compose(channel, context, subject_vi, body_vi, short_vi, subject_en, body_en) -> tuple[str, str]:
    if channel == Channel.EMAIL:
        subject = one_line(render(subject_vi, context))
        text = render(body_vi, context)
        if body_en:
            text += "\n\n— English —\n" + render(body_en, context)
        return subject[:255], text
    return one_line(render(subject_vi, context))[:255], render(short_vi, context)


def one_line(text: str) -> str:
    """`text` with every run of whitespace and control characters (CR, LF, tab, …) made one space: a
    subject is an e-mail header, and a name or an edited template must not break it (header injection;
    Django would refuse the message with BadHeaderError, and it would never be sent)."""
    return " ".join("".join(" " if unicodedata.category(c)[0] in "CZ" else c for c in text).split())
