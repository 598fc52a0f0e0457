"""Files in storage that no database row refers to any more (an upload whose row was rolled back, an
action committed inside a caller's transaction that later rolled back). Works through the storage API
only (listdir, get_modified_time, delete), so it is the same on disk and on S3-compatible storage.

Rows are committed before their files are needed by anyone, and no transaction lasts hours, so a file
older than the grace period without a row will never get one."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime

from django.core.files.storage import Storage

BATCH = 1000


@dataclass(frozen=True)
class FileArea:
    """A folder of the storage whose files belong to rows: `referenced(names)` returns the subset of
    `names` some row still points to."""

    prefix: str
    referenced: Callable[[list[str]], set[str]]


@dataclass
class SweepReport:
    files: int = 0
    bytes: int = 0
    names: list[str] = field(default_factory=list)


def walk(storage: Storage, folder: str) -> Iterator[str]:
    """Every file name under `folder` (storage names, '/'-separated), depth first."""
    try:
        dirs, files = storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in sorted(files):
        yield f"{folder.rstrip('/')}/{name}"
    for sub in sorted(dirs):
        yield from walk(storage, f"{folder.rstrip('/')}/{sub}")


def _batches(names: Iterable[str]) -> Iterator[list[str]]:
    batch: list[str] = []
    for name in names:
        batch.append(name)
        if len(batch) == BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def sweep(
    storage: Storage, areas: Iterable[FileArea], *, older_than: datetime, dry_run: bool = False
) -> SweepReport:
    """Delete (or, with `dry_run`, only list) the files of `areas` that no row refers to and that were last
    modified before `older_than`."""
    report = SweepReport()
    for area in areas:
        for batch in _batches(walk(storage, area.prefix)):
            kept = area.referenced(batch)
            for name in batch:
                if name in kept:
                    continue
                try:
                    if storage.get_modified_time(name) >= older_than:
                        continue
                    size = storage.size(name)
                except FileNotFoundError:  # deleted meanwhile
                    continue
                if not dry_run:
                    storage.delete(name)
                report.files += 1
                report.bytes += size
                report.names.append(name)
    return report
