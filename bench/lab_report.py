"""The lab's load-test table from locust's CSV (`scripts/lab.sh load` calls it): per page the requests,
errors, p50/p95/p99 in ms and requests/s, then the aggregate, then the first failures."""

from __future__ import annotations

import csv
import os
import sys


def main(prefix: str, users: str, seconds: str) -> None:
    with open(f"{prefix}_stats.csv", newline="") as fh:
        rows = list(csv.DictReader(fh))
    one, five, _ = os.getloadavg()
    print(
        f"{users} users for {seconds} s; load average at the end {one:.1f} / {five:.1f} "
        f"on {os.cpu_count()} cores"
    )
    print()
    print("| page | requests | errors | p50 ms | p95 ms | p99 ms | req/s |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for row in sorted(rows, key=lambda r: (r["Name"] == "Aggregated", r["Name"])):
        name = "**all**" if row["Name"] == "Aggregated" else f"{row['Type']} {row['Name']}"
        print(
            f"| {name} | {row['Request Count']} | {row['Failure Count']} | {row['50%']} | {row['95%']} "
            f"| {row['99%']} | {float(row['Requests/s']):.1f} |"
        )
    failures = f"{prefix}_failures.csv"
    if os.path.exists(failures):
        with open(failures, newline="") as fh:
            shown = list(csv.DictReader(fh))[:5]
        if shown:
            print()
            for row in shown:
                print(f"- {row['Method']} {row['Name']}: {row['Occurrences']} × {row['Error'][:200]}")


if __name__ == "__main__":
    main(*sys.argv[1:4])
