"""Checks on files applicants upload: size per file and per dossier, type by CONTENT (magic bytes), and a
safe stored name. Limits come from settings (docs/portal.md); defaults here."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass

from django.conf import settings
from django.core.files import File
from django.utils.translation import gettext as _

from motcua.core.text import fold

MB = 1024 * 1024

# Detected type → (content type, extension, what the applicant reads).
KINDS = {
    "pdf": ("application/pdf", "pdf", "PDF"),
    "jpeg": ("image/jpeg", "jpg", "JPEG"),
    "png": ("image/png", "png", "PNG"),
}
ACCEPT = ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"


def max_file_bytes() -> int:
    return int(getattr(settings, "MOTCUA_UPLOAD_MAX_FILE_MB", 10)) * MB


def max_dossier_bytes() -> int:
    return int(getattr(settings, "MOTCUA_UPLOAD_MAX_DOSSIER_MB", 50)) * MB


def max_files_per_component() -> int:
    return int(getattr(settings, "MOTCUA_UPLOAD_MAX_FILES_PER_COMPONENT", 10))


def sniff(head: bytes) -> str | None:
    """The file's real type from its first bytes, whatever its name or declared type says."""
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    return None


_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_DISPLAY_UNSAFE = re.compile(r"[\x00-\x1f\x7f/\\:*?\"<>|]+")


def display_name(name: str, kind: str) -> str:
    """The name shown to people: no path, no control or shell characters, Vietnamese kept, the
    extension of the real type."""
    base = unicodedata.normalize("NFC", str(name or "")).replace("\\", "/").rsplit("/", 1)[-1]
    stem = base.rsplit(".", 1)[0] if "." in base else base
    stem = _DISPLAY_UNSAFE.sub(" ", stem).strip(" .") or "tep"
    return f"{stem[:120]}.{KINDS[kind][1]}"


def storage_name(name: str, kind: str) -> str:
    """The name in storage: ASCII letters, digits, dot, dash, underscore only (Vietnamese folded)."""
    stem = display_name(name, kind).rsplit(".", 1)[0]
    stem = _UNSAFE.sub("-", fold(stem)).strip("-.") or "tep"
    return f"{stem[:80]}.{KINDS[kind][1]}"


@dataclass
class Checked:
    """An accepted upload, ready for storage."""

    file: File
    display_name: str
    storage_name: str
    size: int
    content_type: str
    sha256: str


class Rejected(Exception):
    """A file refused, with the message the applicant reads in the active language (gettext when raised)."""

    def __init__(self, name: str, message: str):
        super().__init__(message)
        self.name = name
        self.message = message


def check(upload, *, already_stored: int = 0) -> Checked:
    """Accept or reject one uploaded file. `already_stored`: bytes the dossier already holds."""
    name = str(getattr(upload, "name", "") or "tep")
    size = int(getattr(upload, "size", 0) or 0)
    shown = unicodedata.normalize("NFC", name).replace("\\", "/").rsplit("/", 1)[-1][:120]
    if size <= 0:
        raise Rejected(shown, _("Tệp «%(name)s» rỗng.") % {"name": shown})
    if size > max_file_bytes():
        raise Rejected(
            shown,
            _("Tệp «%(name)s» có dung lượng %(size)s MB, vượt giới hạn %(max)s MB mỗi tệp.")
            % {"name": shown, "size": f"{size / MB:.1f}", "max": max_file_bytes() // MB},
        )
    if already_stored + size > max_dossier_bytes():
        raise Rejected(
            shown,
            _(
                "Tổng dung lượng hồ sơ sẽ vượt giới hạn %(max)s MB; hãy nén hoặc giảm độ phân giải "
                "tệp «%(name)s»."
            )
            % {"name": shown, "max": max_dossier_bytes() // MB},
        )
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    kind = sniff(head)
    if kind is None:
        raise Rejected(
            shown,
            _(
                "Tệp «%(name)s» không phải PDF, JPEG hoặc PNG (hệ thống kiểm tra nội dung tệp, không chỉ "
                "phần đuôi tên). Hãy chụp hoặc quét lại giấy tờ và lưu dưới dạng PDF, JPG hoặc PNG."
            )
            % {"name": shown},
        )
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return Checked(
        file=upload,
        display_name=display_name(name, kind),
        storage_name=storage_name(name, kind),
        size=size,
        content_type=KINDS[kind][0],
        sha256=digest.hexdigest(),
    )


class NamedFile(File):
    """A stored file handed to the lifecycle as an upload: its name, size and content type."""

    def __init__(self, file, name: str, content_type: str, size: int):
        super().__init__(file, name=name)
        self.content_type = content_type
        self._size = size

    @property
    def size(self):
        return self._size
