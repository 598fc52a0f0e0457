"""The procedure catalogue. A procedure's content lives in versions: editing publishes a new version and
older ones stay readable, because a dossier is pinned to the version it was filed under."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import pgettext_lazy

from motcua.core.choices import Channel
from motcua.core.collation import vi
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
    search_text = models.TextField(verbose_name="chuỗi tìm kiếm", editable=False, default="")

    class Meta:
        verbose_name = "lĩnh vực"
        verbose_name_plural = "lĩnh vực"
        ordering = [vi("name")]

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
    search_text = models.TextField(verbose_name="chuỗi tìm kiếm", editable=False, default="")
    updated_at = models.DateTimeField(verbose_name="cập nhật lúc", auto_now=True)

    class Meta:
        verbose_name = "thủ tục hành chính"
        verbose_name_plural = "thủ tục hành chính"
        ordering = [vi("name"), "code"]
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
    same_day_cutoff = models.TimeField(
        "giờ chốt nhận hồ sơ trả trong ngày",
        null=True,
        blank=True,
        help_text=(
            "Chỉ dùng khi thời hạn là «Trong ngày»: hồ sơ nhận sau giờ này được trả vào ngày làm việc"
            " tiếp theo (ví dụ 15:00 theo văn bản quy định thủ tục). Để trống: trả trong ngày nhận."
        ),
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
    """The national catalogue's DONVITINH; each gives a due date through the calendar engine
    (motcua.calendar.worktime, where the rule and source of each unit are written)."""

    WORKING_DAY = "working_day", pgettext_lazy("time unit", "Ngày làm việc")
    HALF_DAY = "half_day", pgettext_lazy("time unit", "Buổi làm việc")
    WORKING_HOUR = "working_hour", pgettext_lazy("time unit", "Giờ làm việc")
    DAY = "calendar_day", pgettext_lazy("time unit", "Ngày")
    SAME_DAY = "same_day", pgettext_lazy("time unit", "Trong ngày")
    MONTH = "month", pgettext_lazy("time unit", "Tháng")


HOURS_PER_DAY = Decimal(8)


class ProcessingTime(models.Model):
    version = models.ForeignKey(
        ProcedureVersion,
        verbose_name="phiên bản thủ tục",
        on_delete=models.CASCADE,
        related_name="processing_times",
    )
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
        if self.unit == TimeUnit.SAME_DAY:  # no number: "trong ngày" / "same day", in the active language
            return str(self.get_unit_display()).lower()
        value = format(self.value.normalize(), "f").replace(".", ",")  # 8 not 8.0; 0,5 the Vietnamese way
        return f"{value} {self.get_unit_display().lower()}"

    @property
    def working_hours(self) -> Decimal | None:
        """Production systems store deadlines in working hours (1 day = 8 h); calendar units have
        none (see `plannable_hours`). A same-day term is one working day at most."""
        return unit_working_hours(self.value, self.unit)

    @property
    def plannable_hours(self) -> Decimal | None:
        """The working hours an internal process may plan within this term (see
        `unit_plannable_hours`)."""
        return unit_plannable_hours(self.value, self.unit)


def unit_working_hours(value: Decimal, unit: str) -> Decimal | None:
    """Working hours of a term in a working unit (1 day = 8 h, half day = 4 h, same day = 8 h at
    most); None for calendar units."""
    if unit == TimeUnit.WORKING_DAY:
        return value * HOURS_PER_DAY
    if unit == TimeUnit.HALF_DAY:
        return value * HOURS_PER_DAY / 2
    if unit == TimeUnit.WORKING_HOUR:
        return value
    if unit == TimeUnit.SAME_DAY:
        return HOURS_PER_DAY
    return None


def unit_plannable_hours(value: Decimal, unit: str) -> Decimal | None:
    """Working hours a process may plan in a term: the working hours of working units; for
    calendar days the working days an ordinary week leaves in them (⌊N × 5/7⌋ days, Tết aside),
    for months 20 working days each (a conservative month), × 8 h."""
    hours = unit_working_hours(value, unit)
    if hours is not None:
        return hours
    if unit == TimeUnit.DAY:
        return (value * 5 // 7) * HOURS_PER_DAY
    if unit == TimeUnit.MONTH:
        return value * 20 * HOURS_PER_DAY
    return None


class FeeKind(models.TextChoices):
    FEE = "fee", "Phí"
    CHARGE = "charge", "Lệ phí"


class FeeBasis(models.TextChoices):
    FIXED = "fixed", "Mỗi hồ sơ"
    PER_UNIT = "per_unit", "Theo số bản, số lượng"


class Fee(models.Model):
    """One fee line of a procedure version (catalog/fees.py computes it for a dossier): `amount` đồng
    once per dossier (FIXED) or per copy/quantity (PER_UNIT, the quantity read from the e-form field
    `quantity_field`); 0 đồng for a dossier meeting one of `exemptions`
    ([{"code", "label", "field"}]: the e-form's yes/no `field` the applicant ticks, or the officer's
    confirmation). `description` is the catalogue's note: shown to people, never printed as an amount."""

    version = models.ForeignKey(
        ProcedureVersion, verbose_name="phiên bản thủ tục", on_delete=models.CASCADE, related_name="fees"
    )
    channel = models.CharField(
        "kênh", max_length=16, choices=Channel.choices, blank=True, help_text="Trống = mọi kênh"
    )
    kind = models.CharField("loại", max_length=16, choices=FeeKind.choices, default=FeeKind.CHARGE)
    amount = models.PositiveBigIntegerField("số tiền (đồng)")
    description = models.CharField("mô tả", max_length=500, blank=True)
    name = models.CharField("tên khoản thu", max_length=255, blank=True, help_text="In trên giấy biên nhận")
    basis = models.CharField("cách tính", max_length=16, choices=FeeBasis.choices, default=FeeBasis.FIXED)
    quantity_field = models.CharField(
        "trường số lượng (biểu mẫu)", max_length=64, blank=True, help_text="Ví dụ: so_ban_sao"
    )
    exemptions = models.JSONField("trường hợp miễn", default=list, blank=True)

    class Meta:
        verbose_name = "phí, lệ phí"
        verbose_name_plural = "phí, lệ phí"
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.amount:,} đ".replace(",", ".")


class ComponentKind(models.TextChoices):
    """How a component reaches the one-stop shop (the catalogue's "nộp" vs "xuất trình")."""

    SUBMIT = "submit", "Nộp (tải lên trực tuyến hoặc nộp bản giấy)"
    PRESENT = "present", "Xuất trình để đối chiếu (không nộp, không tải lên)"
    IN_PERSON = "in_person", "Chỉ nộp, xuất trình trực tiếp tại bộ phận một cửa"


#: Kinds the applicant does not upload online: the desk sees them (at receipt or result return).
NOT_UPLOADED_ONLINE = (ComponentKind.PRESENT, ComponentKind.IN_PERSON)


class Component(models.Model):
    version = models.ForeignKey(
        ProcedureVersion,
        verbose_name="phiên bản thủ tục",
        on_delete=models.CASCADE,
        related_name="components",
    )
    position = models.PositiveIntegerField("thứ tự", default=0)
    case = models.CharField("trường hợp", max_length=255, blank=True)
    name = models.CharField("tên giấy tờ", max_length=500)
    originals = models.PositiveSmallIntegerField("số bản chính", default=0)
    copies = models.PositiveSmallIntegerField("số bản sao", default=0)
    mandatory = models.BooleanField("bắt buộc", default=True)
    kind = models.CharField(
        "cách nộp", max_length=16, choices=ComponentKind.choices, default=ComponentKind.SUBMIT
    )
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
    version = models.ForeignKey(
        ProcedureVersion, verbose_name="phiên bản thủ tục", on_delete=models.CASCADE, related_name="results"
    )
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
    version = models.ForeignKey(
        ProcedureVersion,
        verbose_name="phiên bản thủ tục",
        on_delete=models.CASCADE,
        related_name="legal_bases",
    )
    number = models.CharField("số, ký hiệu", max_length=100)
    title = models.CharField("trích yếu", max_length=500, blank=True)
    issued_on = models.DateField("ngày ban hành", null=True, blank=True)

    class Meta:
        verbose_name = "căn cứ pháp lý"
        verbose_name_plural = "căn cứ pháp lý"
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.number} {self.title}".strip()
