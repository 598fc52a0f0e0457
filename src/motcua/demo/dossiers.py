"""Demo dossiers: about a thousand lives over the last 12 months, every one driven through the lifecycle.

Nothing here writes a dossier row by hand: each dossier is submitted or received and then acted on
with `lifecycle.perform`, by the demo staff who hold the step's role, while an injected clock
(`motcua.core.clock.set_now`) walks through working hours. Lateness, pauses, apologies and step
outcomes are therefore whatever the calendar engine says they are.

Every decider (a staffed agency that decides some procedure) first gets a covering set of lives
(`COVERAGE`): waiting at its desk, at each of its steps, late, paused, consulted, with a result; so
every demo account has dossiers in the buckets of its role. The rest are spread like `LIVES`.

Deterministic: one seeded `random.Random`, lives planned backwards from the anchor instant (the clock's
"now" when loading, so the demo always looks current). Idempotent: demo dossiers carry
`eform_data["_demo"] = True` (a reserved key, stored through the lifecycle's `reserved_eform_data`);
when any exists, nothing is added. The real clock is restored afterwards,
even on error.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.text import slugify

from motcua.catalog import eform_schema
from motcua.catalog.models import Procedure
from motcua.core import clock
from motcua.dossiers import deadlines, lifecycle
from motcua.dossiers.errors import DossierError
from motcua.dossiers.models import Dossier
from motcua.organizations.models import Agency, Applicant, Delegation, Role, StaffRole, User

from . import statistics_lives
from .agencies import CITY_CENTRE_ID, commune_by_slug

SEED = 20260301
MARK = "_demo"  # reserved eform_data key that marks a demo dossier
DAYS_BACK = 365  # closed lives spread over the last 12 months (statistics have a year to show)
OPEN_DAYS_BACK = 60  # open dossiers, when late, are at most this old
STAFFED_COMMUNES = ("vinhbao", "hongbang", "haiduong", "tienlang", "cathai")
RESIDENCE_SECTOR = "CTRU"

# How many dossiers end in each kind of life (1,000 in all, besides `COVERAGE`). `returned` lives
# differ in their detours; most of the year's dossiers are closed, as in a real office.
LIVES: dict[str, int] = {
    "submitted": 30,  # online / post / national portal, waiting at the desk
    "refused": 40,
    "received": 40,  # at the processing officer's step
    "supplement_requested": 30,  # paused: the clock stands still
    "supplement_then_processing": 15,
    "payment_requested": 10,
    "at_leader": 35,
    "sent_back": 10,
    "consulting": 10,
    "approved": 15,  # waiting for the clerk to number and stamp the result
    "apologized": 25,
    "result_ready": 30,
    "returned": 560,
    "returned_rejected": 40,
    "returned_after_supplement": 60,
    "withdrawn": 35,
    "stopped": 15,
}
# The lives every decider gets first (`late`: at the leader's step, past its due date). Lives that
# need a clerk are skipped where the decider has none.
COVERAGE: tuple[str, ...] = (
    "submitted",
    "received",
    "supplement_requested",
    "payment_requested",
    "at_leader",
    "late",
    "consulting",
    "approved",
    "result_ready",
    "returned",
)
CLERK_LIVES = frozenset({"approved", "result_ready", "returned", "returned_after_supplement", "apologized"})
ONLINE_SHARE = {"in_person": 0.42, "national_portal": 0.30, "online": 0.16, "post": 0.12}
REASONS = {
    "request_supplement": (
        "Thiếu bản sao giấy tờ tùy thân của người yêu cầu",
        "Tờ khai chưa ghi đủ thông tin, đề nghị bổ sung",
        "Cần bổ sung giấy tờ chứng minh nơi cư trú",
    ),
    "refuse": (
        "Thủ tục không thuộc thẩm quyền tiếp nhận của đơn vị",
        "Hồ sơ không đủ thành phần theo quy định",
    ),
    "stop": ("Có tranh chấp liên quan, tạm dừng theo đề nghị của cơ quan có thẩm quyền",),
    "withdraw": ("Công dân không còn nhu cầu giải quyết",),
    "send_back": ("Đề nghị làm rõ thêm nội dung thẩm định",),
    "reject": ("Không đủ điều kiện theo quy định",),
    "apologize": ("Hồ sơ cần xác minh thêm, xin lỗi công dân và hẹn lại ngày trả kết quả",),
}


@dataclass(frozen=True)
class Route:
    """Where a dossier of a procedure goes: received at one desk, decided by one staffed agency."""

    procedure: Procedure
    receiving: Agency
    competent: Agency
    has_clerk: bool
    hours: float  # legal processing time in working hours (0 when not in working time)
    channels: tuple[str, ...]


class _People:
    def __init__(self) -> None:
        self.by_role: dict[tuple[int, str], list[User]] = {}
        for row in StaffRole.objects.select_related("user").order_by("user__username"):
            self.by_role.setdefault((row.agency_id, row.role), []).append(row.user)
        self.deputy = Delegation.objects.select_related("delegate", "delegator").order_by("pk").first()

    def one(self, rng: random.Random, agency: Agency, role: str) -> User | None:
        users = self.by_role.get((agency.pk, role))
        return rng.choice(users) if users else None

    def has(self, agency: Agency, role: str) -> bool:
        return (agency.pk, role) in self.by_role


def _routes(people: _People) -> list[Route]:
    communes = [commune_by_slug(slug) for slug in STAFFED_COMMUNES]
    committees = {
        a.identifier: a for a in Agency.objects.filter(identifier__in=[c.identifier for c in communes])
    }
    centres = {
        a.identifier: a for a in Agency.objects.filter(identifier__in=[c.centre_identifier for c in communes])
    }
    routes = []
    procedures = (
        Procedure.objects.filter(is_active=True, current_version__isnull=False)
        .select_related("current_version__sector")
        .prefetch_related(
            "current_version__competent_agencies",
            "current_version__receiving_agencies",
            "current_version__processing_times",
        )
        .order_by("code")
    )
    city_centre = Agency.objects.get(identifier=CITY_CENTRE_ID)
    for procedure in procedures:
        version = procedure.current_version
        competent = {a.pk: a for a in version.competent_agencies.all()}
        receiving = {a.pk for a in version.receiving_agencies.all()}
        times = {t.channel: t for t in version.processing_times.all()}
        channels = tuple(times)
        first = next(iter(times.values()), None)
        hours = float(first.working_hours) if first is not None and first.working_hours is not None else 0.0
        pairs = []
        if city_centre.pk in receiving:
            pairs = [(city_centre, a) for a in competent.values()]
        else:
            for commune in communes:
                centre = centres[commune.centre_identifier]
                if centre.pk not in receiving:
                    continue
                committee = committees[commune.identifier]
                if committee.pk in competent:
                    pairs.append((centre, committee))
                elif len(competent) == 1:  # residence: the city police, received at the commune centre
                    pairs.append((centre, next(iter(competent.values()))))
        for desk_agency, decider in pairs:
            if not (
                people.has(desk_agency, Role.DESK_OFFICER)
                and people.has(decider, Role.PROCESSING_OFFICER)
                and people.has(decider, Role.LEADER)
            ):
                continue
            routes.append(
                Route(procedure, desk_agency, decider, people.has(decider, Role.CLERK), hours, channels)
            )
    return routes


class _Clock:
    """The injected clock: `at` moves forward only, through working hours of the receiving agency."""

    def __init__(self, anchor: datetime):
        self.anchor = anchor
        self.at = anchor

    def __call__(self) -> datetime:
        return self.at


def _working(cal, at: datetime, rng: random.Random) -> datetime:
    """`at`, or the next opening of the desk (07:30–11:30, 13:30–16:45 on working days)."""
    local = at.astimezone(deadlines.VN_TZ)
    for _ in range(30):
        day = local.date()
        if cal.is_working_day(day):
            minutes = local.hour * 60 + local.minute
            if 450 <= minutes < 690 or 810 <= minutes < 1005:
                return local
            if minutes < 450:
                return datetime.combine(day, time(7, 30 + rng.randint(0, 25)), deadlines.VN_TZ)
            if 690 <= minutes < 810:
                return datetime.combine(day, time(13, 30 + rng.randint(0, 25)), deadlines.VN_TZ)
        local = datetime.combine(day + timedelta(days=1), time(7, 30 + rng.randint(0, 25)), deadlines.VN_TZ)
    return local


def _working_before(cal, at: datetime) -> datetime:
    """The last moment in office hours at least an hour before `at` (for lives that would otherwise
    begin after the anchor)."""
    local = (at - timedelta(hours=1)).astimezone(deadlines.VN_TZ)
    for _ in range(24 * 14 * 2):
        minutes = local.hour * 60 + local.minute
        if cal.is_working_day(local.date()) and (450 <= minutes < 690 or 810 <= minutes < 1005):
            return local
        local -= timedelta(minutes=30)
    return at - timedelta(hours=1)


# one tiny valid PDF (a blank A4 page) shared by every online demo component: fast to store
SAMPLE_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def sample_pdf(name: str) -> SimpleUploadedFile:
    """A fresh upload of SAMPLE_PDF named `name` (an upload is read once by the intake)."""
    return SimpleUploadedFile(name, SAMPLE_PDF, content_type="application/pdf")


class _Life:
    """One dossier's life: every action at the clock's time, then the clock moves on."""

    def __init__(self, loader: DemoLoader, route: Route, channel: str, applicant: Applicant):
        self.l, self.route, self.channel, self.applicant = loader, route, channel, applicant
        self.rng = loader.rng
        self.dossier: Dossier | None = None
        self.cal = deadlines.calendar_for(route.receiving)

    # -- time
    def wait(self, low_hours: float, high_hours: float) -> bool:
        """Move the clock on; False (and no move) if that would pass the anchor."""
        scale = min(max(self.route.hours / 24, 0.3), 2.0)  # short procedures move faster
        hours = self.rng.uniform(low_hours, high_hours) * scale
        nxt = _working(self.cal, self.l.clock.at + timedelta(hours=hours), self.rng)
        if nxt >= self.l.clock.anchor - timedelta(minutes=5):
            return False
        self.l.clock.at = nxt
        return True

    # -- people
    def desk(self) -> User:
        return self.l.people.one(self.rng, self.route.receiving, Role.DESK_OFFICER)

    def staff(self, role: str) -> User:
        d = self.dossier
        if d.assigned_officer_id and role == d.current_role:
            return User.objects.get(pk=d.assigned_officer_id)
        agency = self.route.competent
        if d.current_agency_id and role == d.current_role and d.current_agency_id != agency.pk:
            agency = d.current_agency  # a step at another agency (an inter-agency process)
        user = self.l.people.one(self.rng, agency, role)
        deputy = self.l.people.deputy
        if (
            role == Role.LEADER
            and deputy is not None
            and user.pk == deputy.delegator_id
            and deputy.starts_at <= self.l.clock.at < deputy.ends_at
            and self.rng.random() < 0.5
        ):
            return deputy.delegate  # the deputy approves "on behalf of" the chairman
        return user

    def owner_or_desk(self) -> User:
        if self.applicant.user_id and self.rng.random() < 0.7:
            return self.applicant.user
        return self.desk()

    # -- actions
    def do(self, action: str, actor: User, **params) -> None:
        self.dossier = lifecycle.perform(self.dossier.code, action, actor, self.dossier.version, **params)
        self.l.actions += 1

    def reason(self, action: str) -> str:
        return self.rng.choice(REASONS[action])

    def components(self) -> list[dict]:
        """Every component: online ones carry a small sample PDF (an applicant's claim to take it from
        a data store would be refused, `submission.verify_reuse`); national-portal ones came from the
        national databases, declared so by the desk that registers them; paper ones are declared
        received by the desk, most of them digitised."""
        out = []
        for c in self.route.procedure.current_version.components.all():
            item = {"position": c.position, "digitised": self.rng.random() < 0.8}
            if self.channel == "online":
                item["files"] = [sample_pdf(f"{slugify(c.name)[:60] or 'giay-to'}.pdf")]
            elif self.channel == "national_portal":
                item["reused_from_store"] = True
            out.append(item)
        return out

    def eform(self) -> dict:
        """A filled e-form of the version that passes its schema (paper dossiers: none typed)."""
        if self.channel in ("in_person", "post"):
            return {}
        return sample_eform(self.route.procedure.current_version.eform, self.applicant, self.rng)

    def start(self, *, receive: bool) -> None:
        version = self.route.procedure.current_version
        params = {
            "procedure": version,
            "channel": self.channel,
            "competent_agency": self.route.competent,
            "receiving_agency": self.route.receiving,
            "eform_data": self.eform(),
            "reserved_eform_data": {MARK: True},
            "components": self.components(),
            "return_channel": {"online": "electronic", "national_portal": "electronic", "post": "post"}.get(
                self.channel, "desk"
            ),
            "return_address": self.applicant.address or "Hải Phòng",
        }
        if self.channel == "in_person":
            self.dossier = lifecycle.perform(None, "receive", self.desk(), applicant=self.applicant, **params)
            self.l.actions += 1
            return
        actor = self.applicant.user if self.channel == "online" else self.desk()
        self.dossier = lifecycle.perform(None, "submit", actor, applicant=self.applicant, **params)
        self.l.actions += 1
        if receive and self.wait(0.5, 20):
            self.do("receive", self.desk())

    def forward(self) -> None:
        """Forward from the processing step to the leader's, through any step at another agency (an
        inter-agency process: each there forwards on, after a short wait)."""
        self.do("forward", self.staff(Role.PROCESSING_OFFICER), comment="Đủ điều kiện, trình lãnh đạo.")
        for _ in range(3):
            if self.dossier.current_role != Role.PROCESSING_OFFICER or not self.wait(2, 16):
                return
            self.do("forward", self.staff(Role.PROCESSING_OFFICER), comment="Đã xác minh, chuyển tiếp.")

    def approve(self) -> None:
        self.do("approve", self.staff(Role.LEADER), comment="Đồng ý.")

    def issue(self) -> None:
        number = f"{self.rng.randint(1, 999)}/{self.l.clock.at:%Y}/GXN"
        leader = self.l.people.one(self.rng, self.route.competent, Role.LEADER)
        result = {  # a result is a document: number, date, signer, file (motcua/results/issuing.py)
            "number": number,
            "signer": str(leader or "Lãnh đạo"),
            "document_date": self.l.clock.at.date().isoformat(),
            "file": sample_pdf(f"ket-qua-{number.replace('/', '-')}.pdf"),
        }
        self.do("issue_result", self.staff(Role.CLERK), results=[result])

    def supplement_round(self) -> None:
        self.do(
            "request_supplement",
            self.staff(Role.PROCESSING_OFFICER),
            reason=self.reason("request_supplement"),
        )
        if self.wait(8, 80):
            self.do("supplement", self.owner_or_desk(), comment="Đã bổ sung giấy tờ theo yêu cầu.")


OPEN_LIVES = frozenset(
    {
        "received",
        "supplement_then_processing",
        "payment_requested",
        "at_leader",
        "sent_back",
        "consulting",
        "approved",
        "late",
    }
)


def _plan_start(rng: random.Random, anchor: datetime, life: str, route: Route) -> datetime:
    """How long ago the life began: open dossiers mostly within their legal time (a quarter of them
    older, hence late), the others long enough ago for their life to unfold."""
    legal_days = max(route.hours, 8.0) / 8 * 1.4  # working days → calendar days, roughly
    if life == "submitted":
        days = rng.uniform(0.05, 3)
    elif life == "late":
        days = rng.uniform(legal_days + 4, legal_days + 25)
    elif life in OPEN_LIVES:
        days = (
            rng.uniform(0.1, legal_days + 1)
            if rng.random() < 0.75
            else rng.uniform(legal_days + 2, max(legal_days + 3, OPEN_DAYS_BACK))
        )
    elif life == "apologized":
        days = rng.uniform(legal_days + 3, legal_days + 12)
    elif life in statistics_lives.LIVES:
        return statistics_lives.start(rng, anchor, life, legal_days, DAYS_BACK)
    elif life in ("refused", "withdrawn", "stopped", "supplement_requested"):
        days = rng.uniform(0.5, DAYS_BACK)
    else:  # a result: issued or returned
        days = rng.uniform(min(legal_days + 2, DAYS_BACK - 5), DAYS_BACK)
    return anchor - timedelta(days=min(days, DAYS_BACK))


class DemoLoader:
    def __init__(self, anchor: datetime, seed: int = SEED):
        self.rng = random.Random(seed)
        self.clock = _Clock(anchor)
        self.people = _People()
        self.routes = _routes(self.people)
        self.applicants = list(Applicant.objects.select_related("user").order_by("pk"))
        self.actions = 0
        self.skipped = 0
        deciders: dict[int, Agency] = {}
        for r in self.routes:
            deciders.setdefault(r.competent.pk, r.competent)
        self.deciders = list(deciders.values())
        self._consulted = 0

    def consult_target(self, asking: Agency) -> Agency:
        """The next decider in turn (not the one asking), so every decider is consulted at least once
        when there are as many consultations as deciders."""
        for _ in range(len(self.deciders)):
            target = self.deciders[self._consulted % len(self.deciders)]
            self._consulted += 1
            if target.pk != asking.pk:
                return target
        return asking

    def coverage(self) -> list[tuple[str, Route]]:
        """(life, route) for `COVERAGE` at every decider, the route drawn among the decider's own,
        then the decider's finished lives of this year (`statistics_lives`: varied on-time rates)."""
        out = []
        for index, decider in enumerate(self.deciders):
            own = [r for r in self.routes if r.competent.pk == decider.pk]
            for life, n in statistics_lives.counts(index).items():
                out += [(life, self.rng.choice(own)) for _ in range(n)]
            for life in COVERAGE:
                pool = [r for r in own if r.has_clerk] if life in CLERK_LIVES else own
                if life == "payment_requested":
                    pool = [r for r in pool if r.procedure.current_version.fees.exists()] or pool
                if pool:
                    out.append((life, self.rng.choice(pool)))
        return out

    def _route_for(self, life: str, channel: str) -> Route:
        pool = self.routes
        if channel == "post":  # only procedures that take dossiers by post
            pool = [r for r in pool if "post" in r.channels] or pool
        if life in ("approved", "result_ready") or life.startswith("returned"):
            pool = [r for r in pool if r.has_clerk]
        if life == "apologized":
            pool = [r for r in pool if 0 < r.hours <= 40 and r.has_clerk]
        if life == "payment_requested":
            pool = [r for r in pool if r.procedure.current_version.fees.exists()] or pool
        return self.rng.choice(pool)

    def _channel(self, life: str) -> str:
        names = list(ONLINE_SHARE)
        channel = self.rng.choices(names, weights=[ONLINE_SHARE[n] for n in names])[0]
        if life == "submitted" and channel == "in_person":
            channel = self.rng.choice(["online", "national_portal", "national_portal"])
        return channel

    def _applicant(self, channel: str) -> Applicant:
        if channel == "online":  # online dossiers are filed by the applicant's own account
            with_account = [a for a in self.applicants if a.user_id]
            if with_account:
                return self.rng.choice(with_account)
            return self.rng.choice(self.applicants)
        return self.rng.choice(self.applicants)

    def load(self, lives: dict[str, int], *, coverage: bool = True) -> Counter:
        plan: list[tuple[str, Route | None]] = [
            (life, None) for life, count in lives.items() for _ in range(count)
        ]
        self.rng.shuffle(plan)
        if coverage:
            plan = self.coverage() + plan
        starts = []
        for life, fixed in plan:
            channel = self._channel(life)
            route = fixed or self._route_for(life, channel)
            if channel == "post" and "post" not in route.channels:
                channel = "national_portal"
            if channel == "online" and not any(a.user_id for a in self.applicants):
                channel = "national_portal"
            applicant = self._applicant(channel)
            starts.append(
                (_plan_start(self.rng, self.clock.anchor, life, route), life, route, channel, applicant)
            )
        # Oldest first, so codes of a desk's day are numbered in the order the dossiers arrived.
        starts.sort(key=lambda item: item[0])
        made: Counter = Counter()
        for at, life, route, channel, applicant in starts:
            cal = deadlines.calendar_for(route.receiving)
            self.clock.at = _working(cal, at, self.rng)
            if self.clock.at >= self.clock.anchor:
                self.clock.at = _working_before(cal, self.clock.anchor)
            one = _Life(self, route, channel, applicant)
            try:
                self._live(one, life)
            except DossierError:
                self.skipped += 1  # the life stops where the rules said no; the dossier stays as it is
            if one.dossier is not None:
                made[life] += 1
        return made

    def _live(self, x: _Life, life: str) -> None:
        rng = self.rng
        if life in statistics_lives.LIVES:
            statistics_lives.live(x, life)
            return
        if life == "submitted":
            x.start(receive=False)
            return
        if life == "refused":
            x.start(receive=False)
            if x.wait(0.5, 8):
                x.do("refuse", x.desk(), reason=x.reason("refuse"))
            return
        x.start(receive=True)
        if x.dossier.state != "received":
            return
        if life == "received":
            return
        if life == "withdrawn":
            if x.wait(2, 40):
                x.do("withdraw", x.owner_or_desk(), reason=x.reason("withdraw"))
            return
        if life == "supplement_requested":
            if x.wait(1, 30):
                who = x.staff(Role.PROCESSING_OFFICER) if rng.random() < 0.7 else x.desk()
                x.do(
                    "request_supplement", who, reason=x.reason("request_supplement"), missing=["Bản sao CCCD"]
                )
            return
        if life == "stopped":
            if x.wait(4, 60):
                x.do("stop", x.staff(Role.LEADER), reason=x.reason("stop"))
            return
        if life == "payment_requested":
            if x.wait(2, 30):
                x.do(
                    "request_payment", x.staff(Role.PROCESSING_OFFICER), amount=rng.choice([50_000, 100_000])
                )
            return
        if life == "consulting":
            if x.wait(2, 24):
                target = self.consult_target(x.route.competent)
                x.do(
                    "consult",
                    x.staff(Role.PROCESSING_OFFICER),
                    agencies=[target.identifier],
                    question="Đề nghị cho ý kiến về nội dung liên quan.",
                    due_hours=16,
                )
            return
        if life in ("supplement_then_processing", "returned_after_supplement"):
            if x.wait(1, 24):
                x.supplement_round()
            if x.dossier.state == "supplement_requested" or not x.wait(2, 30):
                return
            x.forward()
            if life == "supplement_then_processing":
                return
        elif not x.wait(2, 30):
            return
        else:
            x.forward()
        if life in ("at_leader", "late"):
            return
        if life == "sent_back":
            if x.wait(2, 20):
                x.do("send_back", x.staff(Role.LEADER), reason=x.reason("send_back"))
            return
        if life == "apologized":
            due = x.dossier.due_at
            if due is None:
                return
            previous = x.l.clock.at
            at = max(previous, _working(x.cal, due + timedelta(hours=rng.uniform(1, 30)), rng))
            if at >= x.l.clock.anchor:
                at = _working_before(x.cal, x.l.clock.anchor)
            if at <= previous:
                return
            x.l.clock.at = at
            new_due = _working(x.cal, x.l.clock.at + timedelta(days=rng.randint(3, 10)), rng).replace(
                hour=16, minute=0, second=0, microsecond=0
            )
            x.do("apologize", x.staff(Role.LEADER), reason=x.reason("apologize"), new_due_at=new_due)
            return
        if not x.wait(1, 24):
            return
        if life == "returned_rejected":
            x.do("reject", x.staff(Role.LEADER), reason=x.reason("reject"))
        else:
            x.approve()
            if life == "approved" or not x.wait(1, 16):
                return
            x.issue()
        if life == "result_ready" or not x.wait(1, 40):
            return
        channel = (
            "electronic" if x.channel in ("online", "national_portal") and rng.random() < 0.6 else "desk"
        )
        if x.channel == "post":
            channel = "post"
        x.do("return_result", x.desk(), return_channel=channel)


def sample_eform(eform, applicant: Applicant, rng: random.Random) -> dict:
    """Values for every field of an e-form (catalog.eform_schema) that pass it: the applicant's own
    data where the field is pre-filled from the profile, plausible invented values otherwise."""
    profile = eform_schema.prefill_values(applicant)
    out: dict = {}
    for f in eform_schema.parse(eform):
        value = profile.get(f.prefill) or ""
        if f.type == "checkbox":
            value = f.required or rng.random() < 0.5
        elif f.type in ("select", "radio") and f.choices:
            value = rng.choice(f.choices)[0]
        elif f.type in ("number", "integer"):
            low = int(f.min) if f.min is not None else 1
            value = max(low, min(1, int(f.max) if f.max is not None else 1))
        elif f.type == "date" and not value:
            value = f"{rng.randint(1960, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        elif f.type == "id_number" and len(value) != 12:
            value = "0" + "".join(str(rng.randint(0, 9)) for _ in range(11))
        elif f.type == "tax_code" and not value:
            value = "02" + "".join(str(rng.randint(0, 9)) for _ in range(8))
        elif f.type == "phone" and not value:
            value = "09" + "".join(str(rng.randint(0, 9)) for _ in range(8))
        elif f.type == "email" and not value:
            value = "congdan@example.vn"
        elif not value:
            value = applicant.full_name if "ho_ten" in f.name else "Dữ liệu mẫu"
        out[f.name] = value[: f.max_length] if isinstance(value, str) else value
    return eform_schema.clean(eform, out)


def demo_dossiers_exist() -> bool:
    return Dossier.objects.filter(**{f"eform_data__{MARK}": True}).exists()


def scaled_lives(total: int) -> dict[str, int]:
    """`LIVES` scaled to about `total` dossiers, every kind of life kept (at least one each)."""
    full = sum(LIVES.values())
    if total <= 0:
        return {}
    return {life: max(1, round(count * total / full)) for life, count in LIVES.items()}


def load_demo_dossiers(lives: dict[str, int] | None = None, *, seed: int = SEED) -> dict[str, int]:
    """Create the demo dossiers unless some exist. Returns {"dossiers": created, "actions": performed}.

    How many: `lives`, else `settings.MOTCUA_DEMO_DOSSIERS` (default 1000, 0 for none) spread like
    `LIVES`; `COVERAGE` comes on top.

    Runs inside the caller's transaction (load_demo's). The clock is injected for the duration and the
    previous one restored afterwards, even on error."""
    if lives is None:
        lives = scaled_lives(int(getattr(settings, "MOTCUA_DEMO_DOSSIERS", sum(LIVES.values()))))
    if not lives or demo_dossiers_exist():
        return {"dossiers": 0, "actions": 0}
    previous = clock._now
    anchor = clock.now()
    loader = DemoLoader(anchor, seed)
    if not loader.routes:
        return {"dossiers": 0, "actions": 0}
    clock.set_now(loader.clock)
    try:
        made = loader.load(lives)
    finally:
        clock.set_now(previous)
    return {"dossiers": sum(made.values()), "actions": loader.actions, "stopped_early": loader.skipped}


__all__ = ["LIVES", "MARK", "demo_dossiers_exist", "load_demo_dossiers", "scaled_lives"]
