"""Calendar data that changes by decision, not by code: yearly notices and office hours.

The law's own days (Labour Code 2019) are computed in `statutory.py`; what a notice or an agency
decides lives here, editable in the admin. Every write bumps `CalendarRevision`, which the
selector compares to decide when its cached WorkCalendar is stale (in every process).
"""

import uuid
from datetime import time

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from . import worktime


class Notice(models.Model):
    """A government notice fixing the year's Tết and National Day days off for civil servants."""

    number = models.CharField("số hiệu", max_length=64, unique=True, help_text="Ví dụ: 9441/TB-BNV")
    title = models.CharField("trích yếu", max_length=500)
    year = models.PositiveSmallIntegerField("năm áp dụng", db_index=True)
    issued_on = models.DateField("ngày ban hành", null=True, blank=True)
    issuer = models.CharField("cơ quan ban hành", max_length=255, blank=True)
    source_url = models.URLField("đường dẫn văn bản", blank=True)
    fixes_lunar_new_year = models.BooleanField(
        "ấn định ngày nghỉ Tết Âm lịch",
        default=True,
        help_text="Khi bật, các ngày nghỉ Tết của năm lấy theo thông báo này thay cho cách tính tạm.",
    )
    fixes_national_day = models.BooleanField(
        "ấn định ngày nghỉ Quốc khánh",
        default=True,
        help_text="Khi bật, ngày nghỉ liền kề ngày 2/9 lấy theo thông báo này thay cho cách tính tạm.",
    )
    note = models.TextField("ghi chú", blank=True)
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)

    class Meta:
        verbose_name = "thông báo nghỉ lễ, Tết"
        verbose_name_plural = "thông báo nghỉ lễ, Tết"
        ordering = ["-year", "number"]

    def __str__(self) -> str:
        return f"{self.number} ({self.year})"


class DayKind(models.TextChoices):
    OFF = worktime.OFF, "Ngày nghỉ"
    WORKING = worktime.WORKING, "Ngày làm việc bù"


class NoticeDay(models.Model):
    notice = models.ForeignKey(
        Notice, verbose_name="thông báo", on_delete=models.CASCADE, related_name="days"
    )
    date = models.DateField("ngày")
    kind = models.CharField("loại ngày", max_length=16, choices=DayKind.choices)
    note = models.CharField("nội dung", max_length=255, blank=True)

    class Meta:
        verbose_name = "ngày theo thông báo"
        verbose_name_plural = "ngày theo thông báo"
        ordering = ["date"]
        constraints = [models.UniqueConstraint(fields=["notice", "date"], name="calendar_notice_day_unique")]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} – {self.get_kind_display()}"

    def clean(self):
        errors = {}
        if self.notice_id and self.date and abs(self.date.year - self.notice.year) > 1:
            errors["date"] = (
                "Ngày phải thuộc năm của thông báo (hoặc năm liền kề)."
                " / The date must be in the notice's year."
            )
        if self.kind == DayKind.WORKING and self.date and self.date.weekday() < 5:
            errors["kind"] = (
                "Ngày làm việc bù phải là thứ Bảy hoặc Chủ nhật."
                " / A make-up working day must be a Saturday or Sunday."
            )
        if errors:
            raise ValidationError(errors)


class OfficeHours(models.Model):
    """When an agency's office works; the row without agency is the province default."""

    agency = models.OneToOneField(
        "organizations.Agency",
        verbose_name="cơ quan, đơn vị",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="office_hours",
        help_text="Để trống: giờ làm việc mặc định của tỉnh.",
    )
    hours_per_day = models.DecimalField(
        "số giờ của một ngày làm việc",
        max_digits=4,
        decimal_places=2,
        default=8,
        help_text="Dùng để đổi thời hạn tính bằng ngày ra giờ làm việc.",
    )
    same_day_cutoff = models.TimeField(
        "giờ chốt nhận hồ sơ giải quyết trong ngày",
        default=time(15),
        help_text="Hồ sơ trả trong ngày nhận sau giờ này được hẹn ngày làm việc tiếp theo.",
    )
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)

    class Meta:
        verbose_name = "giờ làm việc"
        verbose_name_plural = "giờ làm việc"
        constraints = [
            models.UniqueConstraint(
                fields=["agency"], condition=Q(agency__isnull=True), name="calendar_one_province_default"
            ),
        ]

    def __str__(self) -> str:
        return f"Giờ làm việc – {self.agency}" if self.agency_id else "Giờ làm việc mặc định của tỉnh"


class Weekday(models.IntegerChoices):
    MONDAY = 0, "Thứ Hai"
    TUESDAY = 1, "Thứ Ba"
    WEDNESDAY = 2, "Thứ Tư"
    THURSDAY = 3, "Thứ Năm"
    FRIDAY = 4, "Thứ Sáu"
    SATURDAY = 5, "Thứ Bảy"
    SUNDAY = 6, "Chủ nhật"


class OfficePeriod(models.Model):
    office_hours = models.ForeignKey(
        OfficeHours, verbose_name="giờ làm việc", on_delete=models.CASCADE, related_name="periods"
    )
    weekday = models.PositiveSmallIntegerField("thứ", choices=Weekday.choices)
    start = models.TimeField("từ")
    end = models.TimeField("đến")

    class Meta:
        verbose_name = "buổi làm việc"
        verbose_name_plural = "buổi làm việc"
        ordering = ["weekday", "start"]
        constraints = [
            models.CheckConstraint(condition=Q(start__lt=models.F("end")), name="calendar_period_ordered")
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.start:%H:%M}–{self.end:%H:%M}"

    def clean(self):
        if self.start and self.end and self.start >= self.end:
            raise ValidationError("Giờ bắt đầu phải trước giờ kết thúc. / The start must be before the end.")


class CalendarRevision(models.Model):
    """One row whose token changes on every calendar edit; caches compare it to know they're stale.

    A random token rather than a counter: a rolled-back transaction restores the old token, and
    a cache built under the old token was built from exactly the data that is back.
    """

    token = models.UUIDField(default=uuid.uuid4)

    class Meta:
        verbose_name = "phiên bản lịch"
        verbose_name_plural = "phiên bản lịch"

    def __str__(self) -> str:
        return str(self.token)
