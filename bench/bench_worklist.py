"""An officer's worklist page: the selector, the API over real HTTP, and the raw SQL query, in one run.

Run after `bench/generate_dossiers.py N` (same `BENCH_DATABASE_URL`, PostgreSQL `motcua_bench` by
default): `.venv/bin/python bench/bench_worklist.py`. Prints p50/p95 in ms and the ratio to the raw
query for:
- `selectors.dossier_worklist(user, limit=51)`: the first page, and a deep keyset page (the last full
  page of the officer with the longest list);
- `GET /api/v1/dossiers` (bearer token) on a live server on loopback: gunicorn, one sync worker, DEBUG
  off (`BENCH_SERVER=runserver`: Django's development server, one thread);
- the raw query: the same rows, hand-written SQL (the officer's (agency, role) pairs, the dossiers
  assigned to them, open consultations of their agency), newest first, LIMIT 51, through the same
  psycopg connection. The script checks the selector and the raw query return the same ids.
Targets (issue 4 (b), issue 6): p95 ≤ 30 ms, growing ≤ 1.5× from 100k to 1M dossiers.
"""

from __future__ import annotations

import json
import os
import sys

from _common import LiveServer, bench_url, django_setup, load_note, summary, timed_ms

REPEATS = int(os.environ.get("BENCH_REPEATS", "200"))
OFFICERS = ("thuly.vinhbao", "lanhdao.sonnmt", "thuly.congan")  # commune, department, the busiest

RAW = """
SELECT d.*, a.*, pv.*, ag.*
FROM dossiers_dossier d
JOIN organizations_applicant a ON a.id = d.applicant_id
JOIN catalog_procedureversion pv ON pv.id = d.procedure_version_id
LEFT JOIN organizations_agency ag ON ag.id = d.current_agency_id
WHERE ({pairs}
       OR d.assigned_officer_id = %(user)s
       OR (d.state = 'processing' AND d.id = ANY(ARRAY(
           SELECT c.dossier_id FROM dossiers_dossierconsultation c
           WHERE c.agency_id = ANY(%(consulting)s::bigint[]) AND c.answered_at IS NULL))))
  AND d.id < %(after)s
ORDER BY d.id DESC
LIMIT %(limit)s
"""


def main() -> None:
    url = django_setup(bench_url())
    from django.db import connection

    from motcua.api.auth import token_issue
    from motcua.core import clock
    from motcua.dossiers.api import worklist_item
    from motcua.dossiers.models import Dossier
    from motcua.dossiers.selectors import dossier_worklist, worklist_filter
    from motcua.organizations.models import Role, User
    from motcua.organizations.selectors import user_role_grants

    total = Dossier.objects.count()
    print(f"{total:,} dossiers on {connection.vendor}; {load_note()}; {REPEATS} repeats each")

    def raw_ids(user, after=2**62, limit=51):
        grants = user_role_grants(user, clock.now())
        pairs = " OR ".join(
            f"(d.current_agency_id = %(agency{i})s AND d.current_role = %(role{i})s)"
            for i in range(len(grants))
        )
        params = {
            **{f"agency{i}": g.agency_id for i, g in enumerate(grants)},
            **{f"role{i}": g.role for i, g in enumerate(grants)},
            "user": user.pk,
            "consulting": [g.agency_id for g in grants if g.role in (Role.PROCESSING_OFFICER, Role.LEADER)],
            "after": after,
            "limit": limit,
        }
        with connection.cursor() as cur:
            cur.execute(RAW.format(pairs=pairs or "FALSE"), params)
            return [row[0] for row in cur.fetchall()]

    def raw_page(user, after=2**62):
        return lambda: raw_ids(user, after)

    sizes = {}
    for name in OFFICERS:
        user = User.objects.get(username=name)
        sizes[name] = Dossier.objects.filter(worklist_filter(user)).distinct().count()
    print("worklist sizes: " + ", ".join(f"{n} {s:,}" for n, s in sizes.items()))
    deepest = max(OFFICERS, key=lambda n: sizes[n])
    deep_user = User.objects.get(username=deepest)
    all_ids = raw_ids(deep_user, limit=10**9)
    deep_after = all_ids[max(0, len(all_ids) - 51)] if len(all_ids) > 102 else None

    cases = []
    for name in OFFICERS:
        user = User.objects.get(username=name)
        cases.append((f"{name} first page", user, None))
    if deep_after:
        cases.append((f"{deepest} deep page (#{(len(all_ids) - 51) // 50 + 1})", deep_user, deep_after))

    rows = []
    for label, user, after in cases:
        page = [d.pk for d in dossier_worklist(user, after_id=after, limit=51)]
        assert page == raw_ids(user, after or 2**62), label  # same rows, or the comparison means nothing
        sel = summary(timed_ms(lambda u=user, a=after: dossier_worklist(u, after_id=a, limit=51), REPEATS))
        raw = summary(timed_ms(raw_page(user, after or 2**62), REPEATS))
        rows.append((f"selector: {label}", sel, raw))
        ser = summary(
            timed_ms(
                lambda u=user, a=after: [worklist_item(r) for r in dossier_worklist(u, after_id=a)], REPEATS
            )
        )
        rows.append((f"  selector + summary rows (as the API): {label}", ser, raw))

    with LiveServer(url) as server:
        print(f"live server: {server.describe()}")
        conn = server.connection()
        for name in OFFICERS[:2] + ((deepest,) if deepest not in OFFICERS[:2] else ()):
            user = User.objects.get(username=name)
            _, token = token_issue(user, name="bench")
            headers = {"Authorization": f"Bearer {token}"}

            def get(path, headers=headers):
                conn.request("GET", path, headers=headers)
                response = conn.getresponse()
                body = response.read()
                assert response.status == 200, (response.status, body[:300])
                return body

            first = json.loads(get("/api/v1/dossiers?limit=50"))
            raw = summary(timed_ms(raw_page(user), REPEATS))
            api = summary(timed_ms(lambda g=get: g("/api/v1/dossiers?limit=50"), REPEATS))
            rows.append((f"API: {name} first page ({len(first['items'])} items)", api, raw))
            if name == deepest and deep_after:
                path = f"/api/v1/dossiers?limit=50&cursor={deep_after}"
                api = summary(timed_ms(lambda g=get, p=path: g(p), REPEATS))
                raw = summary(timed_ms(raw_page(user, deep_after), REPEATS))
                rows.append((f"API: {name} deep page", api, raw))
        conn.close()

    print(f"{'case':<66} {'p50 ms':>7} {'p95 ms':>7} {'raw p50':>8} {'raw p95':>8} {'p95/raw':>8}")
    for label, (p50, p95), (r50, r95) in rows:
        print(f"{label:<66} {p50:>7.2f} {p95:>7.2f} {r50:>8.2f} {r95:>8.2f} {p95 / r95:>7.1f}x")
    worst = max(p95 for _, (_, p95), _ in rows)
    print(f"worst p95 {worst:.2f} ms (target ≤ 30 ms)")


if __name__ == "__main__":
    sys.exit(main())
