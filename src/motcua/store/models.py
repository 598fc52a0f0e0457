"""The applicant's e-document store (kho dữ liệu điện tử của tổ chức, cá nhân; Decree 45/2020/NĐ-CP,
Article 16): every e-result and digitised component of theirs, and who used which one when."""

from django.conf import settings
from django.db import models


class Source(models.TextChoices):
    E_RESULT = "e_result", "Kết quả điện tử"
    DIGITISED = "digitised", "Thành phần hồ sơ đã số hóa"


class StoredDocument(models.Model):
    applicant = models.ForeignKey(
        "organizations.Applicant",
        verbose_name="chủ sở hữu",
        on_delete=models.CASCADE,
        related_name="stored_documents",
        db_index=False,  # store_applicant
    )
    name = models.CharField("loại giấy tờ", max_length=500)
    number = models.CharField("số, ký hiệu", max_length=100, blank=True)
    issuer = models.CharField("cơ quan cấp", max_length=255, blank=True)
    valid_from = models.DateField("hiệu lực từ", null=True, blank=True)
    valid_until = models.DateField("hiệu lực đến", null=True, blank=True)
    source = models.CharField("nguồn", max_length=16, choices=Source.choices)
    source_dossier = models.ForeignKey(
        "dossiers.Dossier",
        verbose_name="hồ sơ nguồn",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    file = models.FileField("tệp", upload_to="store/%Y/%m/", max_length=500)
    original_name = models.CharField("tên tệp", max_length=255)
    size = models.PositiveBigIntegerField(default=0)
    content_type = models.CharField(max_length=100, blank=True)
    sha256 = models.CharField(max_length=64)
    signed = models.BooleanField("có chữ ký số", default=False)
    created_at = models.DateTimeField("đưa vào kho lúc")
    removed_at = models.DateTimeField("chủ sở hữu xóa lúc", null=True, blank=True)

    class Meta:
        verbose_name = "giấy tờ trong kho"
        verbose_name_plural = "giấy tờ trong kho"
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["applicant", "-created_at"], name="store_applicant")]
        constraints = [
            models.UniqueConstraint(fields=["applicant", "sha256", "source"], name="store_one_copy")
        ]

    def __str__(self) -> str:
        return f"{self.name} {self.number}".strip()


class DocumentUse(models.Model):
    """One use of a stored document in a dossier: which component, by whom, when (append-only)."""

    document = models.ForeignKey(StoredDocument, on_delete=models.CASCADE, related_name="uses")
    dossier = models.ForeignKey("dossiers.Dossier", on_delete=models.CASCADE, related_name="+")
    position = models.PositiveIntegerField("thành phần số")
    component_name = models.CharField("thành phần", max_length=500)
    used_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    used_at = models.DateTimeField("dùng lúc")

    class Meta:
        verbose_name = "lượt dùng lại giấy tờ"
        verbose_name_plural = "lượt dùng lại giấy tờ"
        ordering = ["-used_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.document_id} → {self.dossier_id}"
