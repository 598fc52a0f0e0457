"""What the portal keeps of its own: online drafts (with their uploaded files), satisfaction ratings and
the public-lookup attempts used for rate limiting. Dossiers themselves live in `motcua.dossiers` and
change only through its lifecycle service."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class ResultChannel(models.TextChoices):
    """How the applicant wants the result (the dossier's `ReturnChannel` values)."""

    ELECTRONIC = "electronic", _("Nhận kết quả điện tử (tải về trên cổng)")
    DESK = "desk", _("Nhận tại nơi tiếp nhận hồ sơ")
    POST = "post", _("Nhận qua dịch vụ bưu chính công ích")


class Draft(models.Model):
    """An online submission in progress: e-form values, files, choices. One open draft per user and
    procedure version; it ends when submitted (`dossier` set)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="portal_drafts")
    procedure_version = models.ForeignKey(
        "catalog.ProcedureVersion",
        verbose_name="phiên bản thủ tục",
        on_delete=models.PROTECT,
        related_name="+",
    )
    eform_data = models.JSONField("dữ liệu biểu mẫu", default=dict, blank=True)
    receiving_agency = models.ForeignKey(
        "organizations.Agency",
        verbose_name="nơi tiếp nhận",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    competent_agency = models.ForeignKey(
        "organizations.Agency",
        verbose_name="cơ quan giải quyết",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    result_channel = models.CharField(
        "hình thức nhận kết quả", max_length=16, choices=ResultChannel.choices, blank=True
    )
    post_address = models.CharField("địa chỉ nhận kết quả qua bưu chính", max_length=255, blank=True)
    dossier = models.OneToOneField(
        "dossiers.Dossier", null=True, blank=True, on_delete=models.SET_NULL, related_name="portal_draft"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "hồ sơ nháp"
        verbose_name_plural = "hồ sơ nháp"
        constraints = [
            models.UniqueConstraint(
                fields=["user", "procedure_version"],
                condition=Q(submitted_at__isnull=True),
                name="portal_one_open_draft",
            )
        ]

    def __str__(self) -> str:
        return f"draft {self.pk} ({self.user_id})"

    @property
    def is_open(self) -> bool:
        return self.submitted_at is None


def _draft_upload_to(instance, filename: str) -> str:
    """The portal stores checked files itself (`dossiers.intake.store`); the same layout for any other
    writer: `portal-drafts/<draft id>_<random>/<position>/<name>`."""
    from motcua.dossiers.intake import new_folder

    return f"{new_folder('portal-drafts', str(instance.draft_id))}/{instance.position}/{filename}"


class DraftFile(models.Model):
    """A file accepted for one component of a draft (checked by content, name sanitised)."""

    draft = models.ForeignKey(Draft, on_delete=models.CASCADE, related_name="files")
    position = models.PositiveIntegerField("thành phần hồ sơ (thứ tự)")
    file = models.FileField("tệp", upload_to=_draft_upload_to, max_length=500)
    original_name = models.CharField("tên tệp", max_length=255)
    size = models.PositiveBigIntegerField("dung lượng (byte)")
    content_type = models.CharField(max_length=100)
    sha256 = models.CharField(max_length=64)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "tệp của hồ sơ nháp"
        verbose_name_plural = "tệp của hồ sơ nháp"
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.original_name


class Rating(models.Model):
    """The applicant's satisfaction with a returned dossier: one per dossier."""

    dossier = models.OneToOneField("dossiers.Dossier", on_delete=models.CASCADE, related_name="rating")
    score = models.PositiveSmallIntegerField(
        "mức độ hài lòng", validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    comment = models.TextField("góp ý", blank=True, max_length=2000)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField()

    class Meta:
        verbose_name = "đánh giá mức độ hài lòng"
        verbose_name_plural = "đánh giá mức độ hài lòng"
        constraints = [
            models.CheckConstraint(condition=Q(score__gte=1, score__lte=5), name="portal_rating_score_1_5")
        ]

    def __str__(self) -> str:
        return f"{self.dossier_id}: {self.score}"


class LookupAttempt(models.Model):
    """One public lookup (code + ID number) from an IP; misses count against the IP (anti-enumeration).
    Kept in the database so every web process sees the same counts."""

    ip_address = models.GenericIPAddressField(null=True, blank=True)
    # A digest of the normalised dossier code tried (not the code itself): misses count per code and
    # address, so one person's typos do not lock out everyone behind a shared address.
    code_key = models.CharField(max_length=32, blank=True, default="")
    found = models.BooleanField(default=False)
    at = models.DateTimeField()

    class Meta:
        verbose_name = "lần tra cứu công khai"
        verbose_name_plural = "lần tra cứu công khai"
        indexes = [
            models.Index(fields=["ip_address", "at"], name="portal_lookup_ip_at"),
            models.Index(fields=["ip_address", "code_key", "at"], name="portal_lookup_ip_code_at"),
        ]

    def __str__(self) -> str:
        return f"{self.ip_address} {self.at} {'ok' if self.found else 'miss'}"
