"""The procedure catalogue. A procedure's content lives in versions: editing publishes a new version and
older ones stay readable, because a dossier is pinned to the version it was filed under."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q

from motcua.core.choices import Channel
from motcua.core.text import fold

PROCEDURE_CODE_RE = r"^\d\.\d{6}$"
validate_procedure_code = RegexValidator(
    PROCEDURE_CODE_RE,
    "Mã thủ tục phải có dạng 1.001612 (một chữ số, dấu chấm, sáu chữ số). "
    "/ A procedure code looks like 1.001612 (one digit, a dot, six digits).",
    code="procedure_code",
)


class Level(models.TextChoices):
    PROVINCE = "province", "Cấp tỉnh"
    COMMUNE = "commune", "Cấp xã"


class OnlineKind(models.TextChoices):
    """Decree 42/2022: full ("toàn trình", formerly level 4) or partial ("một phần", formerly level 3)."""

    NONE = "none", "Không cung cấp trực tuyến"
    PARTIAL = "partial", "Dịch vụ công trực tuyến một phần"
    FULL = "full", "Dịch vụ công trực tuyến toàn trình"


class Sector(models.Model):
    code = models.CharField("mã lĩnh vực", max_length=32, unique=True)
    name = models.CharField("tên lĩnh vực", max_length=255)
    search_text = models.TextField(editable=False, default="")

    class Meta:
        verbose_name = "lĩnh vực"
        verbose_name_plural = "lĩnh vực"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.search_text = fold(f"{self.code} {self.name}")
        super().save(*args, **kwargs)


class Procedure(models.Model):
    """The identity of a procedure (its national code). The fields copied from the current version
    keep list and search queries on one table."""

    code = models.CharField("mã thủ tục", max_length=16, unique=True, validators=[validate_procedure_code])
    current_version = models.OneToOneField(
        "ProcedureVersion",
        verbose_name="phiên bản hiện hành",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    is_active = models.BooleanField("đang áp dụng", default=True)
    name = models.CharField("tên thủ tục", max_length=500, editable=False, default="")
    sector = models.ForeignKey(
        Sector, verbose_name="lĩnh vực", null=True, editable=False, on_delete=models.PROTECT
    )
    level = models.CharField(
        "cấp thực hiện", max_length=16, choices=Level.choices, editable=False, default=""
    )
    online_kind = models.CharField(
        "mức độ trực tuyến",
        max_length=16,
        choices=OnlineKind.choices,
        editable=False,
        default=OnlineKind.NONE,
    )
    search_text = models.TextField(editable=False, default="")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "thủ tục hành chính"
        verbose_name_plural = "thủ tục hành chính"
        ordering = ["name"]
        indexes = [models.Index(fields=["is_active", "level", "online_kind"])]

    def __str__(self) -> str:
        return f"{self.code} · {self.name}"


class VersionStatus(models.TextChoices):
    DRAFT = "draft", "Bản nháp"
    PUBLISHED = "published", "Đang hiệu lực"
    SUPERSEDED = "superseded", "Đã thay thế"


class ProcedureVersion(models.Model):
    procedure = models.ForeignKey(
        Procedure, verbose_name="thủ tục", on_delete=models.PROTECT, related_name="versions"
    )
    number = models.PositiveIntegerField("phiên bản")
    status = models.CharField(
        "trạng thái", max_length=16, choices=VersionStatus.choices, default=VersionStatus.DRAFT
    )
    name = models.CharField("tên thủ tục", max_length=500)
    sector = models.ForeignKey(Sector, verbose_name="lĩnh vực", on_delete=models.PROTECT)
    level = models.CharField("cấp thực hiện", max_length=16, choices=Level.choices)
    online_kind = models.CharField(
        "mức độ trực tuyến", max_length=16, choices=OnlineKind.choices, default=OnlineKind.NONE
    )
    description = models.TextField("mô tả", blank=True)
    steps = models.TextField("trình tự thực hiện", blank=True)
    requirements = models.TextField("yêu cầu, điều kiện", blank=True)
    applicant_types = models.JSONField("đối tượng thực hiện", default=list, blank=True)
    eform = models.JSONField("biểu mẫu điện tử", default=list, blank=True)
    competent_agencies = models.ManyToManyField(
        "organizations.Agency", verbose_name="cơ quan thực hiện", related_name="competent_for", blank=True
    )
    receiving_agencies = models.ManyToManyField(
        "organizations.Agency", verbose_name="nơi tiếp nhận", related_name="receiving_for", blank=True
    )
    source_note = models.CharField("nguồn thông tin", max_length=500, blank=True)
    change_note = models.CharField("nội dung thay đổi", max_length=500, blank=True)
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)
    published_at = models.DateTimeField("công bố lúc", null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người công bố",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
    )

    class Meta:
        verbose_name = "phiên bản thủ tục"
        verbose_name_plural = "phiên bản thủ tục"
        ordering = ["procedure__code", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["procedure", "number"], name="unique_procedure_version"),
            models.UniqueConstraint(
                fields=["procedure"],
                condition=Q(status="published"),
                name="one_published_version_per_procedure",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.procedure.code} v{self.number}"

    @property
    def is_editable(self) -> bool:
        return self.status == VersionStatus.DRAFT

    def time_for(self, channel: str) -> "ProcessingTime | None":
        for item in self.processing_times.all():
            if item.channel == channel:
                return item
        return None


class TimeUnit(models.TextChoices):
    WORKING_DAY = "working_day", "Ngày làm việc"
    WORKING_HOUR = "working_hour", "Giờ làm việc"
    DAY = "day", "Ngày"


class ProcessingTime(models.Model):
    version = models.ForeignKey(ProcedureVersion, on_delete=models.CASCADE, related_name="processing_times")
    channel = models.CharField("kênh", max_length=16, choices=Channel.choices)
    value = models.DecimalField(
        "thời hạn giải quyết", max_digits=6, decimal_places=1, validators=[MinValueValidator(Decimal(0))]
    )
    unit = models.CharField(
        "đơn vị tính", max_length=16, choices=TimeUnit.choices, default=TimeUnit.WORKING_DAY
    )
    description = models.CharField("mô tả", max_length=500, blank=True)

    class Meta:
        verbose_name = "thời hạn giải quyết"
        verbose_name_plural = "thời hạn giải quyết"
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["version", "channel"], name="unique_time_per_channel")]

    def __str__(self) -> str:
        value = format(self.value.normalize(), "f").replace(".", ",")  # 8 not 8.0; 0,5 the Vietnamese way
        return f"{value} {self.get_unit_display().lower()}"

    @property
    def working_hours(self) -> Decimal | None:
        """Production systems store deadlines in working hours (1 day = 8 h); calendar days have none."""
        if self.unit == TimeUnit.WORKING_DAY:
            return self.value * 8
        if self.unit == TimeUnit.WORKING_HOUR:
            return self.value
        return None


class FeeKind(models.TextChoices):
    FEE = "fee", "Phí"
    CHARGE = "charge", "Lệ phí"


class Fee(models.Model):
    version = models.ForeignKey(ProcedureVersion, on_delete=models.CASCADE, related_name="fees")
    channel = models.CharField(
        "kênh", max_length=16, choices=Channel.choices, blank=True, help_text="Trống = mọi kênh"
    )
    kind = models.CharField("loại", max_length=16, choices=FeeKind.choices, default=FeeKind.CHARGE)
    amount = models.PositiveBigIntegerField("số tiền (đồng)")
    description = models.CharField("mô tả", max_length=500, blank=True)

    class Meta:
        verbose_name = "phí, lệ phí"
        verbose_name_plural = "phí, lệ phí"
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.amount:,} đ".replace(",", ".")


class Component(models.Model):
    version = models.ForeignKey(ProcedureVersion, on_delete=models.CASCADE, related_name="components")
    position = models.PositiveIntegerField("thứ tự", default=0)
    case = models.CharField("trường hợp", max_length=255, blank=True)
    name = models.CharField("tên giấy tờ", max_length=500)
    originals = models.PositiveSmallIntegerField("số bản chính", default=0)
    copies = models.PositiveSmallIntegerField("số bản sao", default=0)
    mandatory = models.BooleanField("bắt buộc", default=True)
    template_name = models.CharField("tên mẫu đơn, tờ khai", max_length=255, blank=True)
    template = models.FileField("tệp mẫu", upload_to="catalog/templates/", blank=True)
    note = models.CharField("ghi chú", max_length=500, blank=True)

    class Meta:
        verbose_name = "thành phần hồ sơ"
        verbose_name_plural = "thành phần hồ sơ"
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.name


class Result(models.Model):
    version = models.ForeignKey(ProcedureVersion, on_delete=models.CASCADE, related_name="results")
    code = models.CharField("mã kết quả", max_length=64, blank=True)
    name = models.CharField("tên kết quả", max_length=500)
    # The result is a document (a certificate, a licence…): issuing it needs number, date, signer, file.
    is_document = models.BooleanField("kết quả là giấy tờ", default=True)

    class Meta:
        verbose_name = "kết quả thực hiện"
        verbose_name_plural = "kết quả thực hiện"
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name


class LegalBasis(models.Model):
    version = models.ForeignKey(ProcedureVersion, on_delete=models.CASCADE, related_name="legal_bases")
    number = models.CharField("số, ký hiệu", max_length=100)
    title = models.CharField("trích yếu", max_length=500, blank=True)
    issued_on = models.DateField("ngày ban hành", null=True, blank=True)

    class Meta:
        verbose_name = "căn cứ pháp lý"
        verbose_name_plural = "căn cứ pháp lý"
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.number} {self.title}".strip()
