"""The orphan-file sweep (`manage.py housekeeping`): what the database lookups add to walking the
storage, and whether that stays flat per file as the file tables grow.

Run: `.venv/bin/python bench/bench_housekeeping.py` (PostgreSQL only: `BENCH_DATABASE_URL`, by default
`motcua_bench_hk` on 127.0.0.1, created when missing; its dossiers are replaced). For each table size in
`BENCH_HK_SIZES` (DossierFile rows, default `100000,1000000`):
- `generate_dossiers.py`'s generator writes size / 4 dossiers (it writes no components or files), then
  SQL adds 4 components per dossier with one file each (`dossiers/<code>/<position>/scan.pdf`) and one
  result document per dossier (`dossier-results/<yyyy>/<mm>/<code>.pdf`, indexed `dossier_result_file`);
- a temporary MEDIA_ROOT holds `BENCH_HK_FILES` (default 20,000) of those files — all 4 of randomly
  chosen dossiers — 300 of their result documents, and 1% orphans (no row): an old scan beside a
  row's file, a position with no component, a folder with no dossier, results in a month folder with
  rows and in one without. A few bytes each, all last modified 3 days ago (older than the grace period).

Measured over the areas `manage.py housekeeping` sweeps, 3 interleaved rounds, median round:
- walk only: `storage_sweep.walk` over every area (listdir, no stat, no database);
- baseline: the same walk plus `get_modified_time` and `size` for every file (no database);
- sweep: `sweep(storage, areas, older_than=now - grace, dry_run=True)`: the walk, one lookup per 1,000
  names, and stat of the orphans only. The run asserts it lists exactly the planted orphans.
Statements and the time spent inside the database driver are counted with `execute_wrapper`. At each
size the lookups of the first real batch of each area are EXPLAINed (the statements the code sends).
"""

from __future__ import annotations

import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from _common import Meter, django_setup, ensure_database, is_postgres, load_note, migrate_and_load_province
from generate_dossiers import Generator

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/motcua_bench_hk"
SIZES = [int(x) for x in os.environ.get("BENCH_HK_SIZES", "100000,1000000").split(",")]
FILES = int(os.environ.get("BENCH_HK_FILES", "20000"))
ROUNDS = int(os.environ.get("BENCH_HK_ROUNDS", "3"))
PER_DOSSIER = 4  # components per dossier, one scanned file each
RESULTS_ON_DISK = 300
AGE = 3 * 86400  # seconds: every planted file is older than the grace period (24 h by default)


def fill(rows: int) -> None:
    """size / 4 generated dossiers, 4 components and files each, one result document each."""
    from django.db import connection

    from motcua.dossiers.models import Dossier, DossierComponent, DossierFile, DossierResult

    Generator(rows // PER_DOSSIER, keep=False, postgres=True).run()
    t0 = time.perf_counter()
    dossier, component = Dossier._meta.db_table, DossierComponent._meta.db_table
    file, result = DossierFile._meta.db_table, DossierResult._meta.db_table
    with connection.cursor() as cur:
        cur.execute(
            f"INSERT INTO {component} (dossier_id, position, name, digitised, reused_from_store, note, "
            f"added_at) SELECT d.id, p, 'Thành phần ' || p, true, false, '', d.created_at "
            f"FROM {dossier} d CROSS JOIN generate_series(1, %s) p ORDER BY d.id, p",
            [PER_DOSSIER],
        )
        cur.execute(
            f"INSERT INTO {file} (component_id, file, original_name, size, content_type, sha256, "
            f"uploaded_at) SELECT c.id, 'dossiers/' || d.code || '/' || c.position || '/scan.pdf', "
            f"'scan.pdf', 5, 'application/pdf', '', c.added_at "
            f"FROM {component} c JOIN {dossier} d ON d.id = c.dossier_id ORDER BY c.id"
        )
        cur.execute(
            f"INSERT INTO {result} (dossier_id, name, number, file, is_electronic, issued_at) "
            f"SELECT id, 'Kết quả', '', 'dossier-results/' || to_char(created_at, 'YYYY/MM') || '/' "
            f"|| code || '.pdf', true, created_at FROM {dossier} ORDER BY id"
        )
        for table in (component, file, result):
            cur.execute(f"VACUUM (ANALYZE) {table}")
    print(
        f"  {DossierFile.objects.count():,} DossierFile rows, {DossierResult.objects.count():,} "
        f"DossierResult rows in {time.perf_counter() - t0:.1f} s"
    )


def plant(root: Path, rng: random.Random) -> tuple[int, set[str]]:
    """Write the sample of files with rows and the orphans; return the file count and the orphans."""
    from motcua.dossiers.models import Dossier, DossierResult

    codes = rng.sample(list(Dossier.objects.values_list("code", flat=True)), FILES // PER_DOSSIER)
    kept = [f"dossiers/{c}/{p}/scan.pdf" for c in codes for p in range(1, PER_DOSSIER + 1)]
    results = list(
        DossierResult.objects.filter(dossier__code__in=codes[:RESULTS_ON_DISK]).values_list("file", flat=True)
    )
    third = FILES // 300
    month = results[0].rsplit("/", 1)[0]
    orphans = {
        *(f"dossiers/{c}/1/old-scan.pdf" for c in codes[:third]),  # beside a row's file
        *(f"dossiers/{c}/9/scan.pdf" for c in codes[third : 2 * third]),  # position with no component
        *(f"dossiers/{c}X/1/scan.pdf" for c in codes[2 * third : 3 * third]),  # no such dossier
        *(f"{month}/bo-sot-{i}.pdf" for i in range(8)),
        *(f"dossier-results/2020/01/bo-sot-{i}.pdf" for i in range(2)),
    }
    old = time.time() - AGE
    for name in [*kept, *results, *orphans]:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"%PDF-")
        os.utime(path, (old, old))
    return len(kept) + len(results) + len(orphans), orphans


def explain(areas, storage) -> None:
    """EXPLAIN the lookups of the first real batch of each area (the statement the code sends)."""
    from django.db import connection

    from motcua.core.storage_sweep import BATCH, walk

    for area in areas:
        names = [n for _, n in zip(range(BATCH), walk(storage, area.prefix), strict=False)]
        if not names:
            continue
        meter = Meter(keep=True)
        with connection.execute_wrapper(meter):
            area.referenced(names)
        for sql, params in meter.kept:
            with connection.cursor() as cur:
                cur.execute("EXPLAIN " + sql, params)
                plan = [row[0] for row in cur.fetchall()]
            print(f"EXPLAIN, area {area.prefix!r} ({len(names)} names):")
            for line in plan:
                print("   ", line if len(line) <= 130 else line[:127] + "...")


def measure(count: int, orphans: set[str]) -> dict[str, tuple[float, float, float]]:
    """Median round (seconds, statements, seconds in the driver) of each variant."""
    from django.conf import settings
    from django.core.files.storage import default_storage as storage
    from django.db import connection
    from django.utils import timezone

    from motcua.core.storage_sweep import sweep, walk
    from motcua.dossiers import housekeeping as dossier_housekeeping
    from motcua.portal import housekeeping as portal_housekeeping

    areas = [*portal_housekeeping.FILE_AREAS, *dossier_housekeeping.FILE_AREAS]
    older_than = timezone.now() - timedelta(hours=settings.MOTCUA_ORPHAN_FILE_GRACE_HOURS)

    def walk_only():
        assert sum(1 for a in areas for _ in walk(storage, a.prefix)) == count

    def baseline():
        seen = 0
        for area in areas:
            for name in walk(storage, area.prefix):
                storage.get_modified_time(name)
                storage.size(name)
                seen += 1
        assert seen == count

    def dry_run():
        report = sweep(storage, areas, older_than=older_than, dry_run=True)
        assert set(report.names) == orphans and report.files == len(orphans), report.files

    variants = {"walk only": walk_only, "baseline: walk + stat": baseline, "sweep, dry run": dry_run}
    for func in variants.values():  # warm-up: file system cache, connection, index pages
        func()
    stats: dict[str, list[tuple[float, float, float]]] = {label: [] for label in variants}
    for _ in range(ROUNDS):
        for label, func in variants.items():
            meter = Meter()
            with connection.execute_wrapper(meter):
                t0 = time.perf_counter()
                func()
                stats[label].append((time.perf_counter() - t0, meter.statements, meter.seconds))
    base = statistics.median(s for s, _, _ in stats["baseline: walk + stat"])
    print(
        f"{'variant':<24} {'files/s':>8} {'µs/file':>8} {'vs baseline':>11} {'stmts/1000':>10} "
        f"{'in DB µs/file':>13} {'rounds (s)':>20}"
    )
    medians = {}
    for label, runs in stats.items():
        seconds, statements, db = sorted(runs)[len(runs) // 2]
        medians[label] = (seconds, statements, db)
        print(
            f"{label:<24} {count / seconds:>8,.0f} {1e6 * seconds / count:>8.1f} {seconds / base:>11.2f} "
            f"{1000 * statements / count:>10.2f} {1e6 * db / count:>13.1f} "
            f"{'/'.join(f'{s:.2f}' for s, _, _ in runs):>20}"
        )
    print(f"dry run listed exactly the {len(orphans)} planted orphans")
    explain(areas, storage)
    return medians


def main() -> None:
    url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)
    if not is_postgres(url):
        raise SystemExit("bench_housekeeping needs PostgreSQL (BENCH_DATABASE_URL)")
    root = Path(tempfile.mkdtemp(prefix="motcua-bench-hk-"))
    os.environ["MOTCUA_MEDIA_ROOT"] = str(root)  # read when the settings load
    t_start = time.perf_counter()
    ensure_database(url)
    django_setup(url)
    migrate_and_load_province()
    rng = random.Random(2026)
    summary = {}
    try:
        for rows in SIZES:
            print(f"== DossierFile table of {rows:,} rows; {load_note()}")
            fill(rows)
            shutil.rmtree(root)
            root.mkdir()
            count, orphans = plant(root, rng)
            print(f"  {count:,} files in storage, {len(orphans)} of them orphans; {ROUNDS} rounds")
            summary[rows] = (count, measure(count, orphans))
    finally:
        shutil.rmtree(root, ignore_errors=True)
    print("== summary (median rounds)")
    print(
        f"{'DossierFile rows':>16} {'walk µs/f':>9} {'baseline µs/f':>13} {'sweep µs/f':>10} "
        f"{'sweep/baseline':>14} {'sweep − walk µs/f':>17} {'in DB µs/f':>10}"
    )
    for rows, (count, m) in summary.items():
        walk_s, base_s, (sweep_s, _, db_s) = (
            m["walk only"][0],
            m["baseline: walk + stat"][0],
            m["sweep, dry run"],
        )
        print(
            f"{rows:>16,} {1e6 * walk_s / count:>9.1f} {1e6 * base_s / count:>13.1f} "
            f"{1e6 * sweep_s / count:>10.1f} {sweep_s / base_s:>14.2f} "
            f"{1e6 * (sweep_s - walk_s) / count:>17.1f} {1e6 * db_s / count:>10.1f}"
        )
    print(f"total {time.perf_counter() - t_start:.0f} s; {load_note()}")


if __name__ == "__main__":
    sys.exit(main())
