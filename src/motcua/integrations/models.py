"""What the national portal link remembers beyond the outbox: dossiers that came from outside (forwarded
by the portal, or imported history) with the record they came as, and per dossier what the portal last
confirmed (the reconciliation and the sync rate read it)."""

from django.conf import settings
from django.db import models


class ExternalSource(models.TextChoices):
    PORTAL = "dvcqg", "Nhận từ Cổng Dịch vụ công quốc gia"
    IMPORT = "import", "Nhập dữ liệu lịch sử"


class ExternalDossier(models.Model):
    """A dossier that arrived as a national-portal `DongBoHoSoMC` record: its code (kept as ours), the
    record's fingerprint (the same record again is the same dossier; a changed one is refused) and the
    record as received (file contents replaced by their SHA-256)."""

    dossier = models.OneToOneField(
        "dossiers.Dossier", verbose_name="hồ sơ", on_delete=models.PROTECT, related_name="external"
    )
    national_code = models.CharField("mã hồ sơ trên Cổng DVCQG", max_length=40, unique=True)
    source = models.CharField("nguồn", max_length=16, choices=ExternalSource.choices)
    fingerprint = models.CharField(max_length=64)
    record = models.JSONField("bản ghi nhận được", default=dict)
    received_at = models.DateTimeField("nhận lúc")
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = "hồ sơ từ bên ngoài"
        verbose_name_plural = "hồ sơ từ bên ngoài"
        permissions = [
            (
                "receive_national_dossiers",
                "Gửi hồ sơ từ Cổng DVCQG vào hệ thống (tài khoản kết nối)",
            )
        ]

    def __str__(self) -> str:
        return f"{self.national_code} ({self.source})"


class PortalSync(models.Model):
    """Per dossier, the latest record the national portal confirmed (`error_code` 0): the event it
    described, the national status it carried, and when (written by the connector after each success,
    and by the history import for dossiers the portal already holds)."""

    dossier = models.OneToOneField(
        "dossiers.Dossier", verbose_name="hồ sơ", on_delete=models.CASCADE, related_name="portal_sync"
    )
    confirmed_seq = models.PositiveIntegerField("sự kiện đã xác nhận")
    confirmed_status = models.PositiveSmallIntegerField("trạng thái đã xác nhận")
    confirmed_at = models.DateTimeField("xác nhận lúc")
    first_confirmed_at = models.DateTimeField("xác nhận lần đầu lúc")

    class Meta:
        verbose_name = "đồng bộ Cổng DVCQG"
        verbose_name_plural = "đồng bộ Cổng DVCQG"
        indexes = [models.Index(fields=["confirmed_at"], name="portal_sync_confirmed")]

    def __str__(self) -> str:
        return f"{self.dossier_id} #{self.confirmed_seq} → {self.confirmed_status}"
