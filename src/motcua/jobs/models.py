"""The audit of operators' "retry now" on dead letters (the outbox itself lives in dossiers.models)."""

from django.conf import settings
from django.db import models


class RelayRetry(models.Model):
    """One operator decision to retry a dead outbox record: who, when, from where, what it had failed with."""

    message = models.ForeignKey("dossiers.OutboxMessage", on_delete=models.CASCADE, related_name="retries")
    at = models.DateTimeField()
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    by_name = models.CharField("người thực hiện", max_length=255)
    via = models.CharField("qua", max_length=16)  # "page" or "command"
    attempts_before = models.PositiveIntegerField()
    last_error_code = models.CharField(max_length=64, blank=True)
    last_error = models.TextField(blank=True)

    class Meta:
        verbose_name = "thử gửi lại"
        verbose_name_plural = "thử gửi lại"
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.message_id} {self.at:%Y-%m-%d %H:%M} {self.by_name}"
