"""The public lookup (dossier code + the applicant's ID number): the selector, the API over real HTTP,
and the raw SQL query, in one run.

Run after `bench/generate_dossiers.py N` (same `BENCH_DATABASE_URL`): `.venv/bin/python
bench/bench_public_lookup.py`. Each repeat looks up a different dossier (codes drawn at random over the
whole table), so caches help no more than they would in production. Prints p50/p95 in ms and the ratio
to the raw query for:
- `selectors.dossier_public_lookup(code, id_number)` (the portal's, whole rows) and
  `selectors.dossier_public_status` (the API's, only the columns the public view shows);
- `POST /api/v1/dossiers/{code}/lookup` (anonymous; the public view with its timeline) on a live
  server on loopback (gunicorn, one sync worker; `BENCH_SERVER=runserver` for the development server);
- the raw query: the same row by code joined to the applicant (ID number or tax code), and, for the
  API, the same plus the public events of the dossier.
Target (issue 4 (c)): p95 ≤ 10 ms, growing ≤ 1.5× from 100k to 1M dossiers.
"""

from __future__ import annotations

import json
import os
import random
import sys

from _common import LiveServer, bench_url, django_setup, load_note, summary, timed_ms

REPEATS = int(os.environ.get("BENCH_REPEATS", "300"))

RAW = """
SELECT d.*, pv.*, ra.*, ca.*
FROM dossiers_dossier d
JOIN organizations_applicant a ON a.id = d.applicant_id
JOIN catalog_procedureversion pv ON pv.id = d.procedure_version_id
JOIN organizations_agency ra ON ra.id = d.receiving_agency_id
JOIN organizations_agency ca ON ca.id = d.competent_agency_id
WHERE d.code = %s AND (a.id_number = %s OR a.tax_code = %s)
LIMIT 1
"""
RAW_EVENTS = """
SELECT at, action, national_status, public_text FROM dossiers_dossierevent
WHERE dossier_id = %s AND is_public ORDER BY seq
"""


def main() -> None:
    url = django_setup(bench_url())
    from django.db import connection

    from motcua.dossiers.models import Dossier
    from motcua.dossiers.selectors import dossier_public_lookup, dossier_public_status

    total = Dossier.objects.count()
    print(f"{total:,} dossiers on {connection.vendor}; {load_note()}; {REPEATS} lookups each")
    rng = random.Random(7)
    top = Dossier.objects.order_by("-pk").values_list("pk", flat=True).first()
    wanted = sorted({rng.randint(1, top) for _ in range(REPEATS * 2)})
    sample = list(
        Dossier.objects.filter(pk__in=wanted).values_list(
            "code", "applicant__id_number", "applicant__tax_code"
        )
    )
    rng.shuffle(sample)
    keys = [(code, id_number or tax_code) for code, id_number, tax_code in sample][:REPEATS]

    def cycling(func):
        it = iter(keys * 3)
        return lambda: func(*next(it))

    def raw(code, id_number, with_events=False):
        with connection.cursor() as cur:
            cur.execute(RAW, [code, id_number, id_number])
            row = cur.fetchone()
            if with_events:
                cur.execute(RAW_EVENTS, [row[0]])
                cur.fetchall()
            return row

    for code, id_number in keys[:20]:  # same answers, or the comparison means nothing
        assert dossier_public_lookup(code, id_number).code == raw(code, id_number)[1] == code
        assert dossier_public_status(code, id_number).code == code
    assert dossier_public_lookup(keys[0][0], "000000000000") is None

    rows = []
    raw_plain = summary(timed_ms(cycling(raw), REPEATS, warmup=0))
    sel = summary(timed_ms(cycling(dossier_public_lookup), REPEATS, warmup=0))
    rows.append(("selector dossier_public_lookup (the portal's)", sel, raw_plain))
    sel = summary(timed_ms(cycling(dossier_public_status), REPEATS, warmup=0))
    rows.append(("selector dossier_public_status (the API's)", sel, raw_plain))
    raw_timeline = summary(timed_ms(cycling(lambda c, i: raw(c, i, True)), REPEATS, warmup=0))

    with LiveServer(url) as server:
        print(f"live server: {server.describe()}")
        conn = server.connection()

        def get(code, id_number):
            conn.request(
                "POST",
                f"/api/v1/dossiers/{code}/lookup",
                body=json.dumps({"id_number": id_number}),
                headers={"Content-Type": "application/json"},
            )
            response = conn.getresponse()
            body = response.read()
            assert response.status == 200, (response.status, body[:300])

        get(*keys[0])
        api = summary(timed_ms(cycling(get), REPEATS, warmup=0))
        rows.append(("API POST /api/v1/dossiers/{code}/lookup (with timeline)", api, raw_timeline))
        conn.close()

    print(f"{'case':<62} {'p50 ms':>7} {'p95 ms':>7} {'raw p50':>8} {'raw p95':>8} {'p95/raw':>8}")
    for label, (p50, p95), (r50, r95) in rows:
        print(f"{label:<62} {p50:>7.2f} {p95:>7.2f} {r50:>8.2f} {r95:>8.2f} {p95 / r95:>7.1f}x")
    print(f"worst p95 {max(p95 for _, (_, p95), _ in rows):.2f} ms (target ≤ 10 ms)")


if __name__ == "__main__":
    sys.exit(main())
