# ruff: noqa: B023 - the helpers inside the loop are called within the same iteration
"""Fill the bench database with N realistic dossiers and their events, fast.

Run: `.venv/bin/python bench/generate_dossiers.py 100000` (database: `BENCH_DATABASE_URL`, default
PostgreSQL `motcua_bench` on 127.0.0.1, created when missing; `sqlite:////tmp/x.sqlite3` also works).

What it writes, consistent with the models and the lifecycle's rules (not through the lifecycle: that
is the point, 1M dossiers in minutes):
- the schema and the demo province (agencies, staff, procedures, processes; no demo dossiers);
- N/5 applicants (invented 099… citizen IDs) besides the demo's;
- N dossiers at a constant daily flow (a history of N / 1400 days), created in time order (ids
  grow with time), spread over every demo route: commune procedures at all 36 commune centres →
  their committee, residence procedures → the city police, provincial ones at the city centre →
  their department. Older dossiers are mostly returned; recent ones are open at a step (processing
  officer, leader, clerk, desk), paused, waiting for payment, or waiting at the desk, so a
  worklist's selectivity is realistic and about the same at 100k and 1M;
- codes `<receiving agency>-<yyMMdd>-<NNNN>` numbered per (agency, local day) in arrival order, and the
  `DossierCodeCounter` rows that the next receipt would increment;
- national status derived from the state (`states.NATIONAL_STATUS`), version = number of events;
- events along the default process (submit/receive → forward → approve → issue_result →
  return_result, or the refusals, pauses and endings), each with its step deadline and outcome;
  an open pause for every paused dossier. Outbox rows are not written (processed ones are pruned).

PostgreSQL: `COPY … FROM STDIN` (psycopg 3 `cursor.copy`), with foreign-key triggers off for the load
(`session_replication_role = replica`; the rows are consistent by construction), then VACUUM ANALYZE.
SQLite: `executemany` in one transaction. Existing dossier rows are removed first (`--keep` to add).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from operator import itemgetter

from _common import bench_url, django_setup, ensure_database, is_postgres, migrate_and_load_province

SEED = 1_000_003
# The province's daily flow (all agencies): ~500,000 dossiers a year, a large province. The history
# spans N / FLOW_PER_DAY days, so 100k and 1M differ in how much history lies behind the same daily
# work (worklists hold about as many open dossiers at both sizes), which is what a growing table is.
FLOW_PER_DAY = 1400
CHANNELS = (("in_person", 0.45), ("national_portal", 0.25), ("online", 0.20), ("post", 0.10))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("n", type=int, help="how many dossiers")
    parser.add_argument("--keep", action="store_true", help="add to the dossiers already there")
    parser.add_argument(
        "--older",
        type=float,
        default=0.0,
        help="place the history this many days further back (with --keep: add older years behind the "
        "dossiers already there)",
    )
    parser.add_argument(
        "--chunk",
        type=int,
        default=1_000_000,
        help="build and write this many dossiers at a time (memory), oldest first; indexes dropped once",
    )
    args = parser.parse_args()
    url = bench_url()
    ensure_database(url)
    django_setup(url)
    t0 = time.perf_counter()
    migrate_and_load_province()
    print(f"schema + demo province: {time.perf_counter() - t0:.1f} s")
    Generator(args.n, keep=args.keep, postgres=is_postgres(url), older=args.older, chunk=args.chunk).run()


# ----- value encoding -------------------------------------------------------------------------------


def _utc_text(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def sqlite_value(value):
    if isinstance(value, datetime):
        return _utc_text(value)
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, Decimal):
        return str(value)
    return value


class Table:
    """Rows for one model, kept as tuples in column order; fields a row does not name get the model's
    default (so a column added later to the model still loads). JSON values are given as JSON text."""

    def __init__(self, model, *, with_id: bool):
        from django.db.models import NOT_PROVIDED

        self.model = model
        self.fields = [f for f in model._meta.concrete_fields if with_id or not f.primary_key]
        self.columns = [f.column for f in self.fields]
        self.defaults = {}
        for f in self.fields:
            if f.has_default():
                value = f.get_default()
                self.defaults[f.attname] = json.dumps(value) if isinstance(value, dict | list) else value
            elif getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
                self.defaults[f.attname] = NOW
            elif f.null:
                self.defaults[f.attname] = None
            elif f.get_internal_type() in ("CharField", "TextField", "SlugField", "EmailField"):
                self.defaults[f.attname] = ""
            else:
                self.defaults[f.attname] = NOT_PROVIDED
        self.getter = itemgetter(*[f.attname for f in self.fields])
        self.rows: list[tuple] = []

    def add(self, row: dict) -> None:
        self.rows.append(self.getter({**self.defaults, **row}))


NOW = datetime.now(UTC)
EFORM = json.dumps({"bench": True})


# ----- the generator --------------------------------------------------------------------------------


class _BeyondRange:
    """The working calendar, with a wall-clock approximation outside its years (it covers 2020–2037;
    ten million dossiers at the province's flow reach back to 2007): a working hour ≈ 4.2 wall hours
    (8 working hours a day, 5 days a week), a same-day term ends at 17:00."""

    def __init__(self, cal):
        self.cal = cal

    def __getattr__(self, name):
        return getattr(self.cal, name)

    def due(self, start, term, pauses=()):
        from motcua.calendar.worktime import OutOfRangeError

        try:
            return self.cal.due(start, term, pauses)
        except OutOfRangeError:
            if term.same_day:
                return start.replace(hour=17, minute=0, second=0)
            return start + timedelta(hours=float(term.value) * 4.2)

    def add(self, start, seconds, pauses=()):
        from motcua.calendar.worktime import OutOfRangeError

        try:
            return self.cal.add(start, seconds, pauses)
        except OutOfRangeError:
            return start + timedelta(seconds=seconds * 4.2)


class Generator:
    def __init__(self, n: int, *, keep: bool, postgres: bool, older: float = 0.0, chunk: int = 1_000_000):
        from motcua.dossiers.models import Dossier, DossierCodeCounter, DossierEvent, DossierPause
        from motcua.organizations.models import Applicant

        self.n, self.keep, self.postgres = n, keep, postgres
        self.older, self.chunk = older, max(1, chunk)
        self.rng = random.Random(SEED + n)
        self.models = {
            "applicant": Applicant,
            "dossier": Dossier,
            "event": DossierEvent,
            "pause": DossierPause,
            "counter": DossierCodeCounter,
        }

    # -- the world the dossiers live in
    def _world(self) -> None:
        from motcua.catalog.models import Procedure
        from motcua.dossiers import deadlines
        from motcua.organizations.models import Agency, AgencyKind, Applicant, Role, StaffRole
        from motcua.workflow.models import DefinitionStatus, ProcessDefinition

        self.cal = _BeyondRange(deadlines.calendar_for(None))
        self.deadlines = deadlines
        agencies = {a.pk: a for a in Agency.objects.all()}
        committees = [a for a in agencies.values() if a.kind == AgencyKind.COMMUNE_COMMITTEE]
        centre_of = {a.parent_id: a for a in agencies.values() if a.kind == AgencyKind.COMMUNE_SERVICE_CENTRE}
        self.staff: dict[tuple[int, str], list[tuple[int, str]]] = {}
        for row in StaffRole.objects.select_related("user"):
            self.staff.setdefault((row.agency_id, row.role), []).append((row.user_id, str(row.user)[:255]))
        definitions = {
            d.procedure_id: d
            for d in ProcessDefinition.objects.filter(status=DefinitionStatus.PUBLISHED, agency__isnull=True)
        }
        steps_of = {}
        for d in definitions.values():
            steps_of[d.procedure_id] = {s.key: s for s in d.steps.all()}
        self.routes = []  # (weight, version, receiving, competent, definition_id, steps, hours by channel)
        procedures = Procedure.objects.filter(is_active=True, current_version__isnull=False).select_related(
            "current_version"
        )
        for procedure in procedures:
            version = procedure.current_version
            competent = list(version.competent_agencies.all())
            receiving = {a.pk for a in version.receiving_agencies.all()}
            times = {}
            for t in version.processing_times.all():
                times[t.channel] = t.working_hours
            centre_ids = {c.pk for c in centre_of.values()}
            if receiving & centre_ids:
                if len(competent) == 1 and competent[0].kind != AgencyKind.COMMUNE_COMMITTEE:
                    # residence: the city police decide, every commune centre receives
                    pairs = [
                        (centre_of[c.pk], competent[0]) for c in committees if centre_of[c.pk].pk in receiving
                    ]
                else:
                    pairs = [
                        (centre_of[c.pk], c)
                        for c in competent
                        if c.pk in centre_of and centre_of[c.pk].pk in receiving
                    ]
            else:
                pairs = [(agencies[r], c) for r in receiving for c in competent]
            for receiving_agency, competent_agency in pairs:
                self.routes.append(
                    (
                        version,
                        receiving_agency,
                        competent_agency,
                        definitions[procedure.pk].pk,
                        steps_of[procedure.pk],
                        times,
                    )
                )
        weights = []
        for version, receiving_agency, *_ in self.routes:
            w = 1.0
            if receiving_agency.kind == AgencyKind.PROVINCE_SERVICE_CENTRE:
                w = 8.0  # the city centre is busy
            if version.sector.code in ("HT", "CT"):
                w *= 3  # civil status and certification are most of a commune's work
            weights.append(w)
        self.route_weights = weights
        self.Role = Role
        self.applicant_ids = list(
            Applicant.objects.exclude(id_number__startswith="099").values_list("pk", flat=True)
        )

    # -- helpers
    def actor(self, agency, role):
        people = self.staff.get((agency.pk, role))
        if not people:
            return None, ""
        return people[self.rng.randrange(len(people))]

    def working_instant(self, day_offset: float) -> datetime:
        """A moment in office hours, `day_offset` days before now (weekends moved to Friday)."""
        from motcua.dossiers.deadlines import VN_TZ

        at = (NOW - timedelta(days=day_offset)).astimezone(VN_TZ)
        if at.weekday() >= 5:
            at -= timedelta(days=at.weekday() - 4)
        minute = 450 + self.rng.randrange(0, 555)  # 07:30 … 16:45
        return at.replace(hour=minute // 60, minute=minute % 60, second=self.rng.randrange(60), microsecond=0)

    def term(self, hours):
        """The legal term of `hours` working hours (0: same day), as stored on received dossiers."""
        from motcua.calendar import worktime

        if hours == 0:
            return worktime.Term(Decimal(0), worktime.SAME_DAY, worktime.DEFAULT_CUTOFF)
        return worktime.Term(Decimal(hours), worktime.WORKING_HOUR)

    def after(self, at: datetime, hours: float) -> datetime:
        return at + timedelta(hours=hours)

    def life_for(self, age_days: float) -> str:
        r = self.rng.random()
        if age_days < 1:
            table = (
                ("submitted", 0.25),
                ("received", 0.35),
                ("supplement_requested", 0.05),
                ("at_leader", 0.15),
                ("approved", 0.05),
                ("result_ready", 0.05),
                ("refused", 0.03),
                ("returned", 0.07),
            )
        elif age_days < 10:
            table = (
                ("submitted", 0.02),
                ("received", 0.10),
                ("supplement_requested", 0.08),
                ("payment_requested", 0.02),
                ("at_leader", 0.10),
                ("approved", 0.05),
                ("result_ready", 0.10),
                ("refused", 0.02),
                ("withdrawn", 0.02),
                ("stopped", 0.01),
                ("returned", 0.48),
            )
        elif age_days < 60:  # a late tail: still open weeks later
            table = (
                ("received", 0.005),
                ("at_leader", 0.005),
                ("supplement_requested", 0.01),
                ("result_ready", 0.01),
                ("refused", 0.03),
                ("withdrawn", 0.03),
                ("stopped", 0.01),
                ("returned", 0.90),
            )
        else:  # history: closed, but for the odd forgotten one
            table = (
                ("received", 0.0005),
                ("supplement_requested", 0.0005),
                ("result_ready", 0.001),
                ("refused", 0.03),
                ("withdrawn", 0.02),
                ("stopped", 0.005),
                ("returned", 0.943),
            )
        for life, p in table:
            r -= p
            if r <= 0:
                return life
        return "returned"

    # -- main
    def run(self) -> None:
        from django.db import connection, transaction

        t0 = time.perf_counter()
        self._world()
        with transaction.atomic():
            if not self.keep:
                self._clear(connection)
            with connection.cursor() as cur:
                cur.execute(f"SELECT COALESCE(MAX(id), 0) FROM {self.models['dossier']._meta.db_table}")
                self.next_id = cur.fetchone()[0] + 1
                cur.execute(f"SELECT COALESCE(MAX(id), 0) FROM {self.models['applicant']._meta.db_table}")
                self.next_applicant = cur.fetchone()[0] + 1
            tables = {
                name: Table(model, with_id=name in ("applicant", "dossier"))
                for name, model in self.models.items()
            }
            self._applicants(tables["applicant"])
            self.counters = self._existing_counters() if self.keep else {}
            self.existing_counters = set(self.counters)
            dropped = self._drop_indexes(connection) if self.postgres else []
            span = max(30.0, self.n / FLOW_PER_DAY)
            chunks = -(-self.n // self.chunk)
            for c in range(chunks):  # oldest first: ids grow with time within a run
                size = min(self.chunk, self.n - c * self.chunk)
                low = self.older + span * (chunks - 1 - c) / chunks
                t1 = time.perf_counter()
                ages = sorted((low + self.rng.random() * span / chunks for _ in range(size)), reverse=True)
                self._dossiers(tables, ages)
                print(
                    f"built {size:,} dossiers ({c + 1}/{chunks}), {len(tables['event'].rows):,} events in "
                    f"{time.perf_counter() - t1:.1f} s (python)"
                )
                for name in ("applicant", "dossier", "event", "pause"):
                    ts = time.perf_counter()
                    self._write(connection, tables[name])
                    took = time.perf_counter() - ts
                    print(f"  wrote {len(tables[name].rows):>10,} {name} rows in {took:.1f} s")
                    tables[name].rows.clear()
            self._write_counters(connection, tables["counter"])
            ts = time.perf_counter()
            self._restore_indexes(connection, dropped)
            if dropped:
                print(f"  rebuilt {len(dropped)} indexes and constraints in {time.perf_counter() - ts:.1f} s")
            self._fix_sequences(connection)
        ts = time.perf_counter()
        if self.postgres:
            # VACUUM as well: the applicants replaced by a new run leave dead rows (220,000 after a 1M
            # run), and fresh COPYed pages have no hint bits or visibility map yet; a production table
            # has been vacuumed, and lookups on an unvacuumed bench table ran ~1.5× slower.
            with connection.cursor() as cur:
                for model in self.models.values():
                    cur.execute(f"VACUUM (ANALYZE) {model._meta.db_table}")
        else:
            with connection.cursor() as cur:
                cur.execute("ANALYZE")
        print(f"vacuum/analyze: {time.perf_counter() - ts:.1f} s; total {time.perf_counter() - t0:.1f} s")

    def _clear(self, connection) -> None:
        from motcua.dossiers import models as m

        doomed = [
            m.IdempotencyKey,
            m.DossierResult,
            m.DossierConsultation,
            m.DossierPause,
            m.DossierFee,
            m.DossierFile,
            m.DossierComponent,
            m.DossierEvent,
            m.OutboxMessage,
            m.DossierCodeCounter,
            m.Dossier,
        ]
        with connection.cursor() as cur:
            if self.postgres:
                names = ", ".join(x._meta.db_table for x in doomed)
                cur.execute(f"TRUNCATE {names} CASCADE")  # the bench database only
            else:
                for x in doomed:
                    cur.execute(f"DELETE FROM {x._meta.db_table}")
            applicants = self.models["applicant"]._meta.db_table
            cur.execute(f"DELETE FROM {applicants} WHERE id_number LIKE '099%%'")

    def _existing_counters(self) -> dict:
        """{(agency id, day): last number} of the code counters already there (--keep: the codes of a
        day shared with an earlier run continue its numbering)."""
        return {
            (agency_id, day): last
            for agency_id, day, last in self.models["counter"].objects.values_list("agency_id", "day", "last")
        }

    def _write_counters(self, connection, table: Table) -> None:
        """The counters: new (agency, day) rows written in bulk, the ones already there updated."""
        model = self.models["counter"]
        for (agency_id, day), last in self.counters.items():
            if (agency_id, day) in self.existing_counters:
                model.objects.filter(agency_id=agency_id, day=day).update(last=last)
            else:
                table.add({"agency_id": agency_id, "day": day, "last": last})
        self._write(connection, table)
        print(f"  wrote {len(table.rows):>10,} counter rows")
        table.rows.clear()

    def _applicants(self, table: Table) -> None:
        if self.keep:  # the bench applicants of the earlier run (their ID numbers are unique)
            model = self.models["applicant"]
            self.bench_applicants = list(
                model.objects.filter(id_number__startswith="099").values_list("pk", flat=True)
            )
            if self.bench_applicants:
                return
        count = max(100, self.n // 5)
        first = self.next_applicant
        for i in range(count):
            table.add(
                {
                    "id": first + i,
                    "kind": "citizen",
                    "full_name": f"Công dân thử nghiệm {i:07d}",
                    "id_number": f"099{i:09d}",  # unique up to a billion (the old form repeated past 1M)
                    "search_text": f"cong dan thu nghiem {i:07d}",
                    "created_at": NOW,
                }
            )
        self.bench_applicants = list(range(first, first + count))

    def _dossiers(self, tables: dict[str, Table], offsets: list[float]) -> None:
        """Dossiers received `offsets` days ago (oldest first), with their events and pauses."""
        from motcua.dossiers.states import national_status_for

        rng, cal, Role = self.rng, self.cal, self.Role
        dossiers, events, pauses = tables["dossier"], tables["event"], tables["pause"]
        counters = self.counters
        channel_names = [c for c, _ in CHANNELS]
        channel_weights = [w for _, w in CHANNELS]
        route_choices = rng.choices(range(len(self.routes)), weights=self.route_weights, k=len(offsets))
        channels = rng.choices(channel_names, weights=channel_weights, k=len(offsets))
        step_due = self.deadlines.step_due
        due_at_receipt = self.deadlines.due_at_receipt
        pid = self.next_id
        for k, age in enumerate(offsets):
            version, receiving, competent, definition_id, steps, times = self.routes[route_choices[k]]
            channel = channels[k]
            if channel == "post" and "post" not in times:
                channel = "national_portal"
            life = self.life_for(age)
            if channel == "in_person" and life in ("submitted", "refused"):
                channel = "national_portal"
            start = self.working_instant(age)
            local_day = start.astimezone(self.deadlines.VN_TZ).date()
            key = (receiving.pk, local_day)
            counters[key] = number = counters.get(key, 0) + 1
            code = f"{receiving.identifier}-{local_day:%y%m%d}-{number:04d}"
            applicant_id = (
                self.applicant_ids[rng.randrange(len(self.applicant_ids))]
                if rng.random() < 0.02
                else self.bench_applicants[rng.randrange(len(self.bench_applicants))]
            )
            hours = times.get("online" if channel == "national_portal" else channel)
            d = {
                "id": pid,
                "code": code,
                "applicant_id": applicant_id,
                "channel": channel,
                "receiving_agency_id": receiving.pk,
                "competent_agency_id": competent.pk,
                "procedure_version_id": version.pk,
                "process_definition_id": definition_id,
                "summary": version.name[:500],
                "eform_data": EFORM,
                "submitted_at": start,
                "created_at": start,
                "updated_at": start,
                "supplement_requests": 0,
                "same_day": False,
            }
            seq = 0
            state = ""
            step_key = ""
            now = start

            def event(action, to_state, *, actor_agency, role, to_step=None, outcome="", public=True):
                nonlocal seq, state, step_key
                seq += 1
                actor_id, actor_name = self.actor(actor_agency, role) if role != "applicant" else (None, "")
                events.add(
                    {
                        "dossier_id": pid,
                        "seq": seq,
                        "at": now,
                        "action": action,
                        "actor_id": actor_id,
                        "actor_name": actor_name,
                        "role": role,
                        "agency_id": actor_agency.pk if role != "applicant" else None,
                        "on_behalf_of_id": None,
                        "from_state": state,
                        "to_state": to_state,
                        "national_status": national_status_for(to_state),
                        "from_step": step_key,
                        "to_step": step_key if to_step is None else to_step,
                        "to_officer_id": None,
                        "comment": "",
                        "step_due_at": d.get("step_due_at") if outcome else None,
                        "step_outcome": outcome,
                        "next_step_due_at": d.get("step_due_at"),
                        "due_at": d.get("due_at"),
                        "is_public": public,
                        "public_text": "",
                        "data": "{}",
                        "dossier_version": seq,
                    }
                )
                state = to_state
                if to_step is not None:
                    step_key = to_step

            def enter(key_, at):
                step = steps[key_]
                agency = receiving if step.role == Role.DESK_OFFICER else competent
                d.update(
                    current_step=step.key,
                    current_step_name=step.name,
                    current_role=step.role,
                    current_agency_id=agency.pk,
                    step_started_at=at,
                    step_allotment_hours=step.allotment_hours,
                    step_due_at=step_due(cal, at, step.allotment_hours) if step.allotment_hours else at,
                )
                return step

            def leave_outcome(at):
                due = d.get("step_due_at")
                if due is None:
                    return "on_time"
                if at > due:
                    return "late"
                return "early" if at.date() < due.date() else "on_time"

            def pace(step):
                """How long an officer takes at a step: mostly within the allotment, one in ten late."""
                allot = float(step.allotment_hours or 4)
                factor = rng.uniform(0.1, 0.9) if rng.random() < 0.9 else rng.uniform(1.1, 3)
                return max(0.2, allot * factor * 3)  # working hours → wall hours, roughly

            # creation
            if channel == "in_person":
                d["current_role"], d["current_agency_id"] = Role.DESK_OFFICER, receiving.pk
            else:
                event("submit", "submitted", actor_agency=receiving, role="applicant", to_step="")
                d["current_role"], d["current_agency_id"] = Role.DESK_OFFICER, receiving.pk
                if life == "submitted":
                    d["state"] = "submitted"
                    self._finish(d, seq, state, dossiers, national_status_for)
                    pid += 1
                    continue
                now = self.after(now, rng.uniform(0.5, 20))
                if life == "refused":
                    d.update(state="refused", end_reason="Hồ sơ không đủ thành phần", finished_at=now)
                    d["current_role"], d["current_agency_id"] = "", None
                    event("refuse", "refused", actor_agency=receiving, role=Role.DESK_OFFICER)
                    self._finish(d, seq, state, dossiers, national_status_for)
                    pid += 1
                    continue
            # receipt
            d["received_at"] = now
            d["processing_hours"] = hours
            d["same_day"] = hours == 0 if hours is not None else False
            d["due_at"] = d["original_due_at"] = (
                due_at_receipt(cal, now, self.term(hours)) if hours is not None else None
            )
            step = enter("thu-ly", now)
            event("receive", "received", actor_agency=receiving, role=Role.DESK_OFFICER, to_step="thu-ly")
            if life == "received":
                self._finish(d, seq, state, dossiers, national_status_for)
                pid += 1
                continue
            now = self.after(now, pace(step))
            if life == "supplement_requested":
                d["state"], d["resume_state"], d["supplement_requests"] = (
                    "supplement_requested",
                    "received",
                    1,
                )
                event("request_supplement", "supplement_requested", actor_agency=competent, role=step.role)
                pauses.add(
                    {"dossier_id": pid, "started_at": now, "ended_at": None, "reason": "Thiếu giấy tờ"}
                )
                self._finish(d, seq, state, dossiers, national_status_for)
                pid += 1
                continue
            if life == "payment_requested":
                d["state"], d["resume_state"] = "payment_requested", "received"
                event("request_payment", "payment_requested", actor_agency=competent, role=step.role)
                self._finish(d, seq, state, dossiers, national_status_for)
                pid += 1
                continue
            if life in ("withdrawn", "stopped"):
                reason = "Công dân rút hồ sơ" if life == "withdrawn" else "Dừng xử lý do tranh chấp"
                d.update(state=life, end_reason=reason, finished_at=now)
                self._leave(d)
                role = "applicant" if life == "withdrawn" else Role.LEADER
                event(
                    "withdraw" if life == "withdrawn" else "stop",
                    life,
                    actor_agency=competent,
                    role=role,
                    to_step="",
                )
                self._finish(d, seq, state, dossiers, national_status_for)
                pid += 1
                continue
            outcome = leave_outcome(now)
            step = enter("trinh-lanh-dao", now)
            event(
                "forward",
                "processing",
                actor_agency=competent,
                role=Role.PROCESSING_OFFICER,
                to_step="trinh-lanh-dao",
                outcome=outcome,
            )
            if life == "at_leader":
                self._finish(d, seq, state, dossiers, national_status_for)
                pid += 1
                continue
            now = self.after(now, pace(step))
            outcome = leave_outcome(now)
            rejected = rng.random() < 0.03
            if rejected:
                d.update(
                    state="result_ready", outcome="rejected", finished_at=now, end_reason="Không đủ điều kiện"
                )
                self._leave(d)
                d["current_role"], d["current_agency_id"] = Role.DESK_OFFICER, receiving.pk
                event(
                    "reject",
                    "result_ready",
                    actor_agency=competent,
                    role=Role.LEADER,
                    to_step="",
                    outcome=outcome,
                )
            else:
                step = enter("vao-so", now)
                d.update(state="approved", outcome="approved")
                event(
                    "approve",
                    "approved",
                    actor_agency=competent,
                    role=Role.LEADER,
                    to_step="vao-so",
                    outcome=outcome,
                )
                if life == "approved":
                    self._finish(d, seq, state, dossiers, national_status_for)
                    pid += 1
                    continue
                now = self.after(now, pace(step))
                outcome = leave_outcome(now)
                enter("ket-qua", now)
                d.update(state="result_ready", finished_at=now)
                event(
                    "issue_result",
                    "result_ready",
                    actor_agency=competent,
                    role=Role.CLERK,
                    to_step="ket-qua",
                    outcome=outcome,
                )
            if life == "result_ready":
                self._finish(d, seq, state, dossiers, national_status_for)
                pid += 1
                continue
            now = self.after(now, rng.uniform(1, 60))
            d.update(
                state="returned",
                returned_at=now,
                return_channel="electronic" if channel in ("online", "national_portal") else "desk",
            )
            self._leave(d)
            event("return_result", "returned", actor_agency=receiving, role=Role.DESK_OFFICER, to_step="")
            self._finish(d, seq, state, dossiers, national_status_for)
            pid += 1
        self.next_id = pid

    @staticmethod
    def _leave(d: dict) -> None:
        d.update(
            current_step="",
            current_step_name="",
            current_role="",
            current_agency_id=None,
            assigned_officer_id=None,
            step_started_at=None,
            step_due_at=None,
            step_allotment_hours=None,
        )

    @staticmethod
    def _finish(d: dict, seq: int, state: str, rows: list, national_status_for) -> None:
        d["state"] = state or d.get("state", "submitted")
        d["national_status"] = national_status_for(d["state"])
        d["version"] = max(seq, 1)
        rows.add(d)

    # -- writing
    def _write(self, connection, table: Table) -> None:
        if not table.rows:
            return
        name = table.model._meta.db_table
        cols = ", ".join(f'"{c}"' for c in table.columns)
        if self.postgres:
            with connection.cursor() as cur:
                raw = cur.cursor
                raw.execute("SET LOCAL session_replication_role = replica")
                with raw.copy(f"COPY {name} ({cols}) FROM STDIN") as copy:
                    write = copy.write_row
                    for row in table.rows:
                        write(row)
                raw.execute("SET LOCAL session_replication_role = origin")
        else:
            marks = ", ".join("?" for _ in table.columns)
            sql = f"INSERT INTO {name} ({cols}) VALUES ({marks})"
            raw = connection.connection.cursor()
            for start in range(0, len(table.rows), 20000):
                raw.executemany(sql, [tuple(map(sqlite_value, r)) for r in table.rows[start : start + 20000]])

    def _drop_indexes(self, connection) -> list[tuple[str, str, str]]:
        """Secondary indexes and unique constraints of the two big tables, dropped for the load (one
        bulk build afterwards is far cheaper than maintaining a dozen indexes row by row)."""
        tables = [self.models[n]._meta.db_table for n in ("dossier", "event")]
        dropped = []
        with connection.cursor() as cur:
            cur.execute("SET LOCAL maintenance_work_mem = '512MB'")
            for table in tables:
                cur.execute(
                    "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
                    "WHERE conrelid = %s::regclass AND contype = 'u'",
                    [table],
                )
                for conname, definition in cur.fetchall():
                    dropped.append(("constraint", table, f'"{conname}" {definition}'))
                    cur.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{conname}"')
                cur.execute(
                    "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i "
                    "WHERE i.indrelid = %s::regclass AND NOT i.indisprimary "
                    "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)",
                    [table],
                )
                for index, definition in cur.fetchall():
                    dropped.append(("index", table, definition))
                    cur.execute(f"DROP INDEX {index}")
        return dropped

    def _restore_indexes(self, connection, dropped) -> None:
        with connection.cursor() as cur:
            for kind, table, definition in dropped:
                if kind == "index":
                    cur.execute(definition)
                else:
                    cur.execute(f"ALTER TABLE {table} ADD CONSTRAINT {definition}")

    def _fix_sequences(self, connection) -> None:
        if not self.postgres:
            return
        with connection.cursor() as cur:
            for model in self.models.values():
                table = model._meta.db_table
                cur.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                    f"(SELECT COALESCE(MAX(id), 1) FROM {table}))"
                )


if __name__ == "__main__":
    sys.exit(main())
