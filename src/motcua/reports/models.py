"""Statistics kept as dossiers move (issue 12): one fact row per dossier and daily rollups.

- `DossierStat`: what statistics need of one dossier (agency, procedure, channel, receipt, end, the
  on-time judgement, flags of the Decision 766 index), derived from its row and events by
  `facts.fact_for`, rewritten in the lifecycle's transaction after every action (`rollups`).
- `DailyRollup`: counters per competent agency × receiving agency × procedure × local day × channel.
  Each dossier contributes to a few rows (the day of receipt, the day it ended, the day its result
  was returned); when its fact changes the difference is added, so the sums always equal a rebuild
  from the facts (`manage.py rebuild_rollups`).
- `IndicatorSetting`: the Decision 766 indicators as configuration (points, thresholds, source),
  editable by a province admin.
"""

from decimal import Decimal

from django.db import models
from django.db.models import Q


class DossierStat(models.Model):
    dossier = models.OneToOneField(
        "dossiers.Dossier", primary_key=True, on_delete=models.CASCADE, related_name="stat"
    )
    agency = models.ForeignKey(
        "organizations.Agency", on_delete=models.PROTECT, related_name="+", db_index=False
    )  # the competent agency (stat_agency_received)
    # where it was received (a service centre, a commune's one-stop desk): leaders of the receiving
    # unit read it too (selectors.Scope)
    receiving_agency = models.ForeignKey(
        "organizations.Agency", on_delete=models.PROTECT, related_name="+", db_index=False
    )  # stat_receiving_received
    procedure = models.ForeignKey("catalog.Procedure", on_delete=models.PROTECT, related_name="+")
    channel = models.CharField(max_length=20)
    received_at = models.DateTimeField(null=True, blank=True)
    received_day = models.DateField(null=True, blank=True)
    # the due instant the national index judges by: the statutory one pushed by supplement pauses
    # (an apology's new appointment does not make a late dossier on time); computed from the legal
    # time when the dossier has none
    due_at = models.DateTimeField(null=True, blank=True)
    supplement_count = models.PositiveSmallIntegerField(default=0)
    waiting_since = models.DateTimeField(null=True, blank=True)  # an open supplement request
    end_kind = models.CharField(max_length=12, blank=True)  # processed, refused, withdrawn, stopped
    ended_at = models.DateTimeField(null=True, blank=True)
    ended_day = models.DateField(null=True, blank=True)
    judgement = models.CharField(max_length=8, blank=True)  # early, on_time, late ("" while open)
    returned_day = models.DateField(null=True, blank=True)
    processed_seconds = models.BigIntegerField(null=True, blank=True)  # working time, pauses excluded
    fee_bearing = models.BooleanField(default=False)
    paid_online = models.BooleanField(default=False)
    digitised = models.BooleanField(default=False)
    reused = models.BooleanField(default=False)
    has_result = models.BooleanField(default=False)
    e_result = models.BooleanField(default=False)
    rating = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        verbose_name = "số liệu hồ sơ"
        verbose_name_plural = "số liệu hồ sơ"
        indexes = [
            models.Index(fields=["agency", "received_day"], name="stat_agency_received"),
            models.Index(fields=["receiving_agency", "received_day"], name="stat_receiving_received"),
            # open dossiers (in progress, early warning): a small part of the table, but one that grows
            # with the history (the odd forgotten dossier stays open for years, one per heap page). On
            # PostgreSQL migration 0009 rebuilds it carrying every column the open-dossier counts read
            # (`OPEN_INDEX_INCLUDES`), so they are read from the index alone (at 10M dossiers: 22 →
            # 2.5 ms per read, docs/performance.md); SQLite has no such indexes and keeps this one.
            models.Index(
                fields=["due_at"],
                condition=Q(end_kind="", received_at__isnull=False),
                name="stat_open_due",
            ),
            # dossiers ended since an instant and received before it (in progress then): the second
            # column is checked in the index, so only those rows are read
            models.Index(fields=["ended_at", "received_at"], name="stat_ended_received"),
            # received in a period (province-wide), and among them those still open at its end
            models.Index(fields=["received_day", "ended_at"], name="stat_received_day_ended"),
        ]

    def __str__(self) -> str:
        return f"{self.dossier_id}"


COUNTERS = (
    # by the day of receipt (the dossiers received that day)
    "received",
    "supplement_requests",
    "multi_supplement",
    "cohort_on_time",
    "cohort_late",
    "fee_bearing",
    "paid_online",
    "digitised",
    "reused",
    "online_counted",
    "has_result",
    "e_result",
    "rated",
    "rating_sum",
    "rating_satisfied",
    "rating_dissatisfied",
    # by the day it ended
    "refused",
    "withdrawn",
    "stopped",
    "finished_early",
    "finished_on_time",
    "finished_late",
    "processed_seconds",
    # ended without having been received (an online submission refused or withdrawn at the desk):
    # the ended counters above minus this are the received dossiers that ended (`selectors.open_at`)
    "ended_unreceived",
    # by the day the result was returned
    "returned",
)


# Sums of seconds can pass 2^31 over a year of a province; every other counter is a count of dossiers.
_BIG_COUNTERS = {"processed_seconds"}


class RollupCounters(models.Model):
    """The `COUNTERS` columns of a rollup row (daily and monthly rows carry the same ones)."""

    class Meta:
        abstract = True


for _name in COUNTERS:
    RollupCounters.add_to_class(
        _name, (models.BigIntegerField if _name in _BIG_COUNTERS else models.IntegerField)(default=0)
    )


class DailyRollup(RollupCounters):
    agency = models.ForeignKey(
        "organizations.Agency", on_delete=models.PROTECT, related_name="+", db_index=False
    )  # rollup_key
    receiving_agency = models.ForeignKey(
        "organizations.Agency", on_delete=models.PROTECT, related_name="+", db_index=False
    )  # rollup_receiving
    procedure = models.ForeignKey("catalog.Procedure", on_delete=models.PROTECT, related_name="+")
    day = models.DateField()
    channel = models.CharField(max_length=20)

    class Meta:
        verbose_name = "số liệu tổng hợp theo ngày"
        verbose_name_plural = "số liệu tổng hợp theo ngày"
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "day", "procedure", "channel", "receiving_agency"], name="rollup_key"
            )
        ]
        indexes = [
            models.Index(fields=["day"], name="rollup_day"),
            models.Index(fields=["receiving_agency", "day"], name="rollup_receiving"),
        ]

    def __str__(self) -> str:
        return f"{self.agency_id} {self.procedure_id} {self.day} {self.channel}"


class MonthlyRollup(RollupCounters):
    """The same counters per agency × receiving agency × procedure × month (first day) × channel: a
    year is read from twelve months of these, not from 365 days of `DailyRollup` (which at this grain
    hold about one row per dossier). Kept by the same upsert as the daily rows."""

    agency = models.ForeignKey(
        "organizations.Agency", on_delete=models.PROTECT, related_name="+", db_index=False
    )  # monthly_rollup_key
    receiving_agency = models.ForeignKey(
        "organizations.Agency", on_delete=models.PROTECT, related_name="+", db_index=False
    )  # monthly_rollup_receiving
    procedure = models.ForeignKey("catalog.Procedure", on_delete=models.PROTECT, related_name="+")
    month = models.DateField()
    channel = models.CharField(max_length=20)

    class Meta:
        verbose_name = "số liệu tổng hợp theo tháng"
        verbose_name_plural = "số liệu tổng hợp theo tháng"
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "month", "procedure", "channel", "receiving_agency"],
                name="monthly_rollup_key",
            )
        ]
        indexes = [
            models.Index(fields=["month"], name="monthly_rollup_month"),
            models.Index(fields=["receiving_agency", "month"], name="monthly_rollup_receiving"),
        ]

    def __str__(self) -> str:
        return f"{self.agency_id} {self.procedure_id} {self.month:%Y-%m} {self.channel}"


class Formula(models.TextChoices):
    RATE = "rate", "điểm × tỷ lệ"
    RATE_THRESHOLD = "rate_threshold", "min(điểm, điểm × tỷ lệ ÷ ngưỡng)"
    RATE_OR_FULL = "rate_or_full", "điểm × tỷ lệ; đủ điểm khi không phát sinh"
    NO_DATA = "no_data", "hệ thống không có dữ liệu"


class IndicatorSetting(models.Model):
    """One indicator of the Decision 766 index (DOMAIN.md §8), as the province configures it."""

    code = models.CharField("mã chỉ tiêu", max_length=64, unique=True)
    group = models.CharField("nhóm", max_length=64)
    name = models.CharField("tên chỉ tiêu", max_length=255)
    max_points = models.DecimalField("điểm tối đa", max_digits=5, decimal_places=2)
    threshold = models.DecimalField(
        "ngưỡng đạt đủ điểm (tỷ lệ)", max_digits=5, decimal_places=4, default=Decimal(1)
    )
    formula = models.CharField("công thức", max_length=20, choices=Formula.choices)
    source = models.TextField("nguồn", blank=True)
    position = models.PositiveSmallIntegerField("thứ tự", default=0)

    class Meta:
        verbose_name = "chỉ tiêu Bộ chỉ số 766"
        verbose_name_plural = "chỉ tiêu Bộ chỉ số 766"
        ordering = ["position", "code"]
        constraints = [
            models.CheckConstraint(condition=Q(max_points__gte=0), name="indicator_points_positive"),
            models.CheckConstraint(
                condition=Q(threshold__gt=0, threshold__lte=1), name="indicator_threshold_0_1"
            ),
        ]

    def __str__(self) -> str:
        return self.code


class StepRollup(models.Model):
    """Per agency × process step × local day: how often the step was left, how often late, by how
    much in total (seconds past the step's deadline), the working time spent in it and the working
    time allotted to it (seconds, the calendar of the agency that worked it): where work really
    waits. Maintained from each event that leaves a step (`DossierEvent.step_outcome`), rebuilt from
    the event log (`rollups.step_counts`)."""

    agency = models.ForeignKey(
        "organizations.Agency", on_delete=models.PROTECT, related_name="+", db_index=False
    )  # step_rollup_key
    step = models.CharField(max_length=64)
    day = models.DateField()
    left = models.IntegerField(default=0)
    late = models.IntegerField(default=0)
    overrun_seconds = models.BigIntegerField(default=0)
    spent_seconds = models.BigIntegerField(default=0)  # working time in the step, pauses excluded
    allotted_seconds = models.BigIntegerField(default=0)  # the step's allotment (working time)

    class Meta:
        verbose_name = "số liệu bước xử lý theo ngày"
        verbose_name_plural = "số liệu bước xử lý theo ngày"
        constraints = [models.UniqueConstraint(fields=["agency", "day", "step"], name="step_rollup_key")]
        # the province's days (the dashboard's slowest steps of today, without a scope of agencies):
        # without it, a scan of every day's rows, growing with the history
        indexes = [models.Index(fields=["day", "step"], name="step_rollup_day")]

    def __str__(self) -> str:
        return f"{self.agency_id} {self.step} {self.day}"
