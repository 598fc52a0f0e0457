"""THE check of every file that enters a dossier or a draft, whatever the front door (portal, API, desk,
clerk's result upload, future national-portal inbound): the lifecycle calls it for components and result
documents, the portal for draft uploads. Nothing here writes anything until `store`.

- **Type from content** (the first bytes), never from the name or the sender's declared type, against an
  allow-list per use: components PDF / JPEG / PNG (`COMPONENT`), result documents PDF (`RESULT`).
- **Sizes and counts**: empty files, bytes per file, files per component, and per dossier (or draft) the
  total bytes and files, counting what it already stores (`Holding`).
- **Names**: the shown name is NFC, without path, control, format or shell characters, bounded in length,
  with the extension of the detected type; the storage name is ASCII (`fold`), bounded too.
- **Keys**: every action writes into a folder of its own, `<area>/<owner>_<random>/`, so a key never
  collides with another dossier's, even one that reuses the code of a submission rolled back by a crash.

Refusals are `FileRejected` subclasses (HTTP 422, a code per class, both languages naming the file).
Limits come from settings (docs/operations.md): `MOTCUA_UPLOAD_MAX_FILE_MB`, `MOTCUA_UPLOAD_MAX_DOSSIER_MB`,
`MOTCUA_UPLOAD_MAX_FILES_PER_COMPONENT`, `MOTCUA_UPLOAD_MAX_FILES_PER_DOSSIER`.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import unicodedata
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, field

from django.conf import settings
from django.core.files import File
from django.core.files.storage import Storage, default_storage

from motcua.core.text import fold

from .errors import DossierError, localized

MB = 1024 * 1024


# ----- kinds and uses --------------------------------------------------------------------------


@dataclass(frozen=True)
class Kind:
    content_type: str
    extension: str
    label: str


# Detected type → what is stored and served.
KINDS = {
    "pdf": Kind("application/pdf", "pdf", "PDF"),
    "jpeg": Kind("image/jpeg", "jpg", "JPEG"),
    "png": Kind("image/png", "png", "PNG"),
}
# Content types a download may carry (anything else is served as application/octet-stream, attached).
SERVED_TYPES = frozenset(k.content_type for k in KINDS.values())


@dataclass(frozen=True)
class Use:
    """What a file is for: the kinds allowed and the hint shown when a file is of another kind."""

    kinds: tuple[str, ...]
    hint_vi: str
    hint_en: str

    @property
    def accept(self) -> str:
        """The HTML `accept` attribute for this use."""
        extensions = [f".{KINDS[k].extension}" for k in self.kinds]
        if "jpeg" in self.kinds:
            extensions.append(".jpeg")
        return ",".join([*extensions, *(KINDS[k].content_type for k in self.kinds)])


COMPONENT = Use(
    ("pdf", "jpeg", "png"),
    "Hãy chụp hoặc quét lại giấy tờ và lưu dưới dạng PDF, JPG hoặc PNG.",
    "Photograph or scan the document again and save it as PDF, JPG or PNG.",
)
RESULT = Use(
    ("pdf",),
    "Giấy tờ kết quả phải là tệp PDF (bản quét hoặc bản điện tử có chữ ký số).",
    "A result document must be a PDF file (a scan or a digitally signed PDF).",
)


def sniff(head: bytes) -> str | None:
    """The file's real type from its first bytes (`pdf`, `jpeg`, `png`), whatever its name says; None for
    anything else (executables, SVG, HTML, office documents…)."""
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    return None


# ----- limits ----------------------------------------------------------------------------------


def _setting(name: str, default: float) -> float:
    return float(getattr(settings, name, default))


def max_file_bytes() -> int:
    """Largest file, bytes (`MOTCUA_UPLOAD_MAX_FILE_MB`, default 10)."""
    return int(_setting("MOTCUA_UPLOAD_MAX_FILE_MB", 10) * MB)


def max_dossier_bytes() -> int:
    """All files of one dossier or draft together, bytes (`MOTCUA_UPLOAD_MAX_DOSSIER_MB`, default 50)."""
    return int(_setting("MOTCUA_UPLOAD_MAX_DOSSIER_MB", 50) * MB)


def max_files_per_component() -> int:
    """Files per component, and result files per issue (`MOTCUA_UPLOAD_MAX_FILES_PER_COMPONENT`, 10)."""
    return int(_setting("MOTCUA_UPLOAD_MAX_FILES_PER_COMPONENT", 10))


def max_files_per_dossier() -> int:
    """Files of one dossier or draft together (`MOTCUA_UPLOAD_MAX_FILES_PER_DOSSIER`, default 50)."""
    return int(_setting("MOTCUA_UPLOAD_MAX_FILES_PER_DOSSIER", 50))


def _mb(value: int) -> str:
    return f"{value / MB:g}"


# ----- refusals --------------------------------------------------------------------------------


class FileRejected(DossierError):
    """A file refused by the intake; `file_name` is the name as sent (made safe), also in `extra["file"]`."""

    status = 422
    code = "file_rejected"

    def __init__(self, file_name: str, message_vi: str, message_en: str, **extra):
        super().__init__(message_vi, message_en, file=file_name, **extra)
        self.file_name = file_name

    @property
    def message(self) -> str:
        """The refusal in the request's active language (what pages show)."""
        return localized(self)

    @property
    def name(self) -> str:
        return self.file_name


class FileEmpty(FileRejected):
    code = "file_empty"


class FileTooLarge(FileRejected):
    code = "file_too_large"


class FileTypeNotAllowed(FileRejected):
    code = "file_type_not_allowed"


class TooManyFiles(FileRejected):
    code = "too_many_files"


class DossierTooLarge(FileRejected):
    code = "dossier_too_large"


# ----- names -----------------------------------------------------------------------------------

# Path, shell and quoting characters; control (Cc) and format (Cf: bidi overrides…) characters go too.
_UNSAFE_SHOWN = re.compile(r"[/\\:*?\"<>|$`;&!{}\[\]^~#%=+']+")
_SPACES = re.compile(r"\s+")
_UNSAFE_STORED = re.compile(r"[^A-Za-z0-9._-]+")
_DASHES = re.compile(r"-{2,}")
SHOWN_STEM_MAX = 150  # characters; the shown name fits `original_name` (255)
STORED_STEM_MAX = 80  # ASCII characters; keys stay far below any file system's 255-byte name limit


def _clean(text: str) -> str:
    text = unicodedata.normalize("NFC", str(text or ""))
    text = "".join(
        " " if unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Zl", "Zp") else ch for ch in text
    )
    text = _UNSAFE_SHOWN.sub(" ", text)
    return _SPACES.sub(" ", text).strip(" .-_")


def _basename(name: str) -> str:
    return unicodedata.normalize("NFC", str(name or "")).replace("\\", "/").rsplit("/", 1)[-1]


def sent_name(name: str) -> str:
    """The sender's name as messages show it: NFC, no path or unsafe characters, at most 120 characters."""
    cleaned = _clean(_basename(name))[:120]
    return unicodedata.normalize("NFC", cleaned).strip() or "tep"


def display_name(name: str, kind: str) -> str:
    """The name shown to people: NFC, no path, no control or shell characters, Vietnamese kept, at most
    `SHOWN_STEM_MAX` characters before the extension of the detected `kind`."""
    base = _basename(name)
    stem = base.rsplit(".", 1)[0] if "." in base else base
    stem = _clean(stem)[:SHOWN_STEM_MAX]
    stem = _clean(stem) or "tep"
    return f"{stem}.{KINDS[kind].extension}"


def storage_name(name: str, kind: str) -> str:
    """The name in storage: ASCII letters, digits, dot, dash, underscore (Vietnamese folded), bounded."""
    stem = display_name(name, kind).rsplit(".", 1)[0]
    stem = _DASHES.sub("-", _UNSAFE_STORED.sub("-", fold(stem))).strip("-._")
    stem = stem[:STORED_STEM_MAX].strip("-._") or "tep"
    return f"{stem}.{KINDS[kind].extension}"


# ----- checking --------------------------------------------------------------------------------


@dataclass
class Checked:
    """An accepted file, ready for `store`: its content (at offset 0) and what was found in it."""

    file: File
    name: str  # shown name (NFC, safe, extension of the detected kind)
    storage_name: str  # ASCII
    size: int  # bytes
    kind: str
    content_type: str  # from the content, never the sender's
    sha256: str


@dataclass
class Holding:
    """What a dossier or draft already stores: total bytes and files, and files per component position."""

    bytes: int = 0
    files: int = 0
    per_group: dict = field(default_factory=dict)

    def add(self, group: Hashable, checked: Checked) -> None:
        self.bytes += checked.size
        self.files += 1
        self.per_group[group] = self.per_group.get(group, 0) + 1


def dossier_holding(dossier) -> Holding:
    """What a stored dossier already holds (component files: bytes, count, count per position), in one
    query; empty for a dossier not saved yet."""
    from django.db.models import Count, Sum

    from .models import DossierFile

    holding = Holding()
    if dossier is None or dossier.pk is None:
        return holding
    rows = (
        DossierFile.objects.filter(component__dossier=dossier)
        .order_by()
        .values("component__position")
        .annotate(n=Count("id"), b=Sum("size"))
    )
    for row in rows:
        holding.files += row["n"]
        holding.bytes += row["b"] or 0
        holding.per_group[row["component__position"]] = row["n"]
    return holding


def _size(upload) -> int:
    size = getattr(upload, "size", None)
    if size is None:
        upload.seek(0, 2)
        size = upload.tell()
    return int(size or 0)


def check_file(upload, *, use: Use = COMPONENT) -> Checked:
    """One file on its own: not empty, at most `max_file_bytes()`, of a kind `use` allows (by content).
    `upload`: a Django `File` (UploadedFile, ContentFile, an opened stored file…) with a `name`.
    Raises FileEmpty, FileTooLarge, FileTypeNotAllowed. Reads the file once (SHA-256), leaves it at 0."""
    if not hasattr(upload, "read"):
        raise FileTypeNotAllowed(
            "tep", "Tệp gửi lên không hợp lệ.", "The file is not an uploaded file.", code="invalid_file"
        )
    raw_name = str(getattr(upload, "name", "") or "tep")
    shown = sent_name(raw_name)
    size = _size(upload)
    limit = max_file_bytes()
    if size <= 0:
        raise FileEmpty(shown, f"Tệp «{shown}» rỗng.", f"The file “{shown}” is empty.")
    if size > limit:
        raise _too_large(shown, size, limit)
    upload.seek(0)
    head = upload.read(16)
    kind = sniff(head or b"")
    if kind not in use.kinds:
        labels_vi = _either([KINDS[k].label for k in use.kinds], "hoặc")
        labels_en = _either([KINDS[k].label for k in use.kinds], "or")
        raise FileTypeNotAllowed(
            shown,
            f"Tệp «{shown}» không phải {labels_vi} (hệ thống kiểm tra nội dung tệp, không chỉ phần đuôi "
            f"tên). {use.hint_vi}",
            f"The file “{shown}” is not a {labels_en} (the system checks the file's content, not only "
            f"the end of its name). {use.hint_en}",
        )
    digest, real = hashlib.sha256(), 0
    upload.seek(0)
    for chunk in upload.chunks() if hasattr(upload, "chunks") else iter(lambda: upload.read(MB), b""):
        digest.update(chunk)
        real += len(chunk)
        if real > limit:
            raise _too_large(shown, real, limit)
    upload.seek(0)
    if real <= 0:
        raise FileEmpty(shown, f"Tệp «{shown}» rỗng.", f"The file “{shown}” is empty.")
    return Checked(
        file=upload,
        name=display_name(raw_name, kind),
        storage_name=storage_name(raw_name, kind),
        size=real,
        kind=kind,
        content_type=KINDS[kind].content_type,
        sha256=digest.hexdigest(),
    )


def _either(labels: list[str], word: str) -> str:
    return labels[0] if len(labels) == 1 else f"{', '.join(labels[:-1])} {word} {labels[-1]}"


def _too_large(shown: str, size: int, limit: int) -> FileTooLarge:
    return FileTooLarge(
        shown,
        f"Tệp «{shown}» có dung lượng {size / MB:.1f} MB, vượt giới hạn {_mb(limit)} MB mỗi tệp.",
        f"The file “{shown}” is {size / MB:.1f} MB, over the limit of {_mb(limit)} MB per file.",
    )


def _check_room(group: Hashable, checked: Checked, shown: str, holding: Holding, use: Use) -> None:
    """The limits that depend on what is already held: files per group, files and bytes per dossier."""
    per_group = max_files_per_component()
    if holding.per_group.get(group, 0) + 1 > per_group:
        if use is RESULT:
            vi = f"Mỗi lần ban hành nhận tối đa {per_group} tệp kết quả; tệp «{shown}» chưa được lưu."
            en = f"One issue takes at most {per_group} result files; “{shown}” was not saved."
        else:
            vi = f"Mỗi thành phần hồ sơ nhận tối đa {per_group} tệp; tệp «{shown}» chưa được lưu."
            en = f"Each document takes at most {per_group} files; “{shown}” was not saved."
        raise TooManyFiles(shown, vi, en)
    if use is RESULT:  # result documents are the agency's, not counted against the applicant's limits
        return
    most = max_files_per_dossier()
    if holding.files + 1 > most:
        raise TooManyFiles(
            shown,
            f"Mỗi hồ sơ nhận tối đa {most} tệp; tệp «{shown}» chưa được lưu.",
            f"A dossier takes at most {most} files; “{shown}” was not saved.",
        )
    limit = max_dossier_bytes()
    if holding.bytes + checked.size > limit:
        raise DossierTooLarge(
            shown,
            f"Tổng dung lượng hồ sơ sẽ vượt giới hạn {_mb(limit)} MB; hãy nén hoặc giảm độ phân giải "
            f"tệp «{shown}».",
            f"The dossier would exceed its limit of {_mb(limit)} MB; compress “{shown}” or lower its "
            "resolution.",
        )


def check_each(
    files: Mapping[Hashable, Iterable], *, use: Use = COMPONENT, holding: Holding | None = None
) -> tuple[dict[Hashable, list[Checked]], list[FileRejected]]:
    """Every file on its own verdict, in order (groups sorted): `files` maps a group (component position,
    or any key for results) to its uploads. Accepted files count towards `holding` (what the dossier or
    draft already stores) as they pass, so a later file may be refused for room the earlier ones took.
    Returns ({group: [Checked]}, [FileRejected]); `holding` is updated in place."""
    holding = holding if holding is not None else Holding()
    accepted: dict[Hashable, list[Checked]] = {}
    rejected: list[FileRejected] = []
    try:
        groups = sorted(files)
    except TypeError:  # pragma: no cover - mixed keys: keep the caller's order
        groups = list(files)
    for group in groups:
        for upload in files[group] or ():
            try:
                checked = check_file(upload, use=use)
                _check_room(group, checked, sent_name(getattr(upload, "name", "")), holding, use)
            except FileRejected as exc:
                rejected.append(exc)
                continue
            holding.add(group, checked)
            accepted.setdefault(group, []).append(checked)
    return accepted, rejected


def check_all(
    files: Mapping[Hashable, Iterable], *, use: Use = COMPONENT, holding: Holding | None = None
) -> dict[Hashable, list[Checked]]:
    """All or nothing (what the lifecycle calls before it writes anything): like `check_each`, but the
    first refused file raises its FileRejected subclass."""
    accepted, rejected = check_each(files, use=use, holding=holding)
    if rejected:
        raise rejected[0]
    return accepted


# ----- storage ---------------------------------------------------------------------------------

TOKEN_HEX = 16
_FOLDER = re.compile(rf"^(?P<owner>.+)_[0-9a-f]{{{TOKEN_HEX}}}$")


def new_folder(area: str, owner: str) -> str:
    """`<area>/<owner>_<16 random hex>`: a folder no other action, dossier or draft ever gets (a code
    reused after a rollback gets a new folder). `owner`: the dossier code or the draft id."""
    return f"{area}/{owner}_{secrets.token_hex(TOKEN_HEX // 2)}"


def folder_owner(folder: str) -> str:
    """The dossier code or draft id a storage folder belongs to (`new_folder`'s or the older `<owner>`)."""
    found = _FOLDER.match(folder)
    return found.group("owner") if found else folder


def store(checked: Checked, key: str, storage: Storage | None = None) -> str:
    """Write a checked file at `key` (a folder from `new_folder` + name); returns the name stored (the
    storage may add a suffix if the key is taken)."""
    storage = storage or default_storage
    checked.file.seek(0)
    return storage.save(key, checked.file, max_length=500)


class NamedFile(File):
    """A stored file handed back to the intake (a draft's file at submission): name, size, type."""

    def __init__(self, file, name: str, content_type: str, size: int):
        super().__init__(file, name=name)
        self.content_type = content_type
        self._size = size

    @property
    def size(self):
        return self._size


__all__ = [
    "COMPONENT",
    "KINDS",
    "RESULT",
    "SERVED_TYPES",
    "Checked",
    "DossierTooLarge",
    "FileEmpty",
    "FileRejected",
    "FileTooLarge",
    "FileTypeNotAllowed",
    "Holding",
    "NamedFile",
    "TooManyFiles",
    "check_all",
    "check_each",
    "check_file",
    "display_name",
    "dossier_holding",
    "folder_owner",
    "new_folder",
    "sent_name",
    "sniff",
    "storage_name",
    "store",
]
