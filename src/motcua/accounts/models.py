"""Login attempts (for throttling, kept in the database so every web process sees them) and the
links between a local account and an identity at a single-sign-on provider."""

from django.conf import settings
from django.db import models


class LoginAttempt(models.Model):
    """One password login attempt. Identifier is normalised (e-mail lower-cased, phone as 0xxxxxxxxx);
    `user` is the account it named, if any: failures count per account whichever identifier is typed."""

    identifier = models.CharField("tên đăng nhập đã nhập", max_length=254, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="tài khoản",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    ip_address = models.GenericIPAddressField("địa chỉ IP", null=True, blank=True, db_index=True)
    succeeded = models.BooleanField("thành công", default=False)
    at = models.DateTimeField("thời điểm", db_index=True)

    class Meta:
        verbose_name = "lần đăng nhập"
        verbose_name_plural = "lần đăng nhập"
        ordering = ["-at"]
        indexes = [
            models.Index(fields=["identifier", "at"], name="login_attempt_ident_at"),
            models.Index(fields=["ip_address", "at"], name="login_attempt_ip_at"),
            models.Index(fields=["user", "at"], name="login_attempt_user_at"),
        ]

    def __str__(self) -> str:
        return f"{self.identifier} · {self.ip_address} · {'ok' if self.succeeded else 'fail'}"


class SsoIdentity(models.Model):
    """A user known to an OpenID Connect provider by its stable subject (`sub`)."""

    provider = models.CharField("nhà cung cấp", max_length=40)
    subject = models.CharField("mã định danh tại nhà cung cấp (sub)", max_length=255)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="tài khoản",
        on_delete=models.CASCADE,
        related_name="sso_identities",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    last_login_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "liên kết đăng nhập một lần"
        verbose_name_plural = "liên kết đăng nhập một lần"
        constraints = [
            models.UniqueConstraint(fields=["provider", "subject"], name="unique_sso_subject"),
            models.UniqueConstraint(fields=["provider", "user"], name="unique_sso_user_per_provider"),
        ]

    def __str__(self) -> str:
        return f"{self.provider}:{self.subject} → {self.user}"


class RegistrationAttempt(models.Model):
    """One registration that passed the format checks, by client IP: the registration throttle counts
    these (kept in the database so every web process sees them; rows older than a day are dropped)."""

    ip_address = models.GenericIPAddressField("địa chỉ IP", null=True, blank=True)
    at = models.DateTimeField("thời điểm")

    class Meta:
        verbose_name = "lần đăng ký"
        verbose_name_plural = "lần đăng ký"
        indexes = [models.Index(fields=["ip_address", "at"], name="registration_attempt_ip_at")]

    def __str__(self) -> str:
        return f"{self.ip_address} · {self.at:%Y-%m-%d %H:%M}"
