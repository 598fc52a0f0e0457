"""Notifications: the editable templates, every message with its delivery status, the per-user
opt-outs, the "due soon" warnings already given, and the audit of operators' "retry now"."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from .kinds import Channel, Kind, RecipientRole, Status


class NotificationTemplate(models.Model):
    """The texts of one kind, edited in the admin (Django template syntax, placeholders in
    `kinds.PLACEHOLDERS`). E-mail carries the Vietnamese subject/body then the English ones; SMS and
    Zalo carry `short_vi` (one message, Vietnamese)."""

    kind = models.CharField("loại thông báo", max_length=32, choices=Kind.choices, unique=True)
    subject_vi = models.CharField("tiêu đề (tiếng Việt)", max_length=255)
    body_vi = models.TextField("nội dung thư điện tử (tiếng Việt)")
    short_vi = models.TextField(
        "nội dung SMS / Zalo (tiếng Việt)", max_length=640, help_text="Ngắn gọn: một tin nhắn."
    )
    subject_en = models.CharField("tiêu đề (tiếng Anh)", max_length=255, blank=True)
    body_en = models.TextField("nội dung thư điện tử (tiếng Anh)", blank=True)
    active = models.BooleanField("đang dùng", default=True, help_text="Tắt: không gửi thông báo loại này.")
    updated_at = models.DateTimeField("sửa lúc", auto_now=True)

    class Meta:
        verbose_name = "mẫu thông báo"
        verbose_name_plural = "mẫu thông báo"
        ordering = ["kind"]

    def __str__(self) -> str:
        return self.get_kind_display()


class Notification(models.Model):
    """One message to one person on one channel, written with the action that caused it (or by the
    "due soon" job) and delivered by the worker: pending → sent, or failed (retried with backoff) →
    dead after MOTCUA_NOTIFY_MAX_ATTEMPTS. `subject`/`text` are rendered from the template when the
    message is first claimed and then kept (retries send the same words). Nothing here is decided by
    a partner's message text: `error_code` is the channel's code, `error_detail` is for people."""

    kind = models.CharField("loại", max_length=32, choices=Kind.choices)
    channel = models.CharField("kênh", max_length=16, choices=Channel.choices)
    dossier = models.ForeignKey(
        "dossiers.Dossier",
        verbose_name="hồ sơ",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    event_seq = models.PositiveIntegerField("sự kiện số", null=True, blank=True)
    recipient_role = models.CharField("người nhận là", max_length=16, choices=RecipientRole.choices)
    recipient_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="tài khoản người nhận",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recipient_name = models.CharField("người nhận", max_length=255, blank=True)
    address = models.CharField("địa chỉ nhận (thư / số điện thoại)", max_length=254)
    context = models.JSONField("dữ liệu điền mẫu", default=dict, blank=True)
    template = models.ForeignKey(
        NotificationTemplate,
        verbose_name="mẫu",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    subject = models.CharField("tiêu đề", max_length=255, blank=True)
    text = models.TextField("nội dung đã điền", blank=True)
    status = models.CharField("trạng thái", max_length=16, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveIntegerField("số lần thử", default=0)
    next_attempt_at = models.DateTimeField("thử lại lúc", null=True, blank=True)
    claimed_by = models.CharField("tiến trình đang gửi", max_length=64, blank=True)
    claimed_until = models.DateTimeField("giữ để gửi đến", null=True, blank=True)
    partner_message_id = models.CharField("mã tin của đối tác", max_length=128, blank=True)
    error_code = models.CharField("mã lỗi", max_length=64, blank=True)
    error_detail = models.TextField("chi tiết lỗi", blank=True)
    created_at = models.DateTimeField("tạo lúc")
    sent_at = models.DateTimeField("gửi lúc", null=True, blank=True)
    dead_at = models.DateTimeField("dừng thử lúc", null=True, blank=True)

    class Meta:
        verbose_name = "thông báo"
        verbose_name_plural = "thông báo"
        ordering = ["-id"]
        indexes = [
            # what the dispatcher claims: due messages not yet sent nor dead
            models.Index(
                fields=["next_attempt_at", "id"],
                condition=Q(status__in=["pending", "failed"]),
                name="notification_due",
            ),
            models.Index(fields=["dossier", "id"], name="notification_dossier"),
            models.Index(fields=["status", "-id"], name="notification_status"),
        ]
        constraints = [
            # one message per event, kind and address on a channel: the projector may run a record twice
            models.UniqueConstraint(
                fields=["dossier", "event_seq", "kind", "channel", "address"],
                condition=Q(event_seq__isnull=False),
                name="notification_once_per_event",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} → {self.recipient_name or self.address} ({self.channel})"


class NotificationOptOut(models.Model):
    """A person does not want `kind` (blank: any kind) on `channel` (blank: any channel)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="tài khoản", on_delete=models.CASCADE, related_name="+"
    )
    channel = models.CharField("kênh", max_length=16, choices=Channel.choices, blank=True)
    kind = models.CharField("loại", max_length=32, choices=Kind.choices, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "từ chối nhận thông báo"
        verbose_name_plural = "từ chối nhận thông báo"
        constraints = [
            models.UniqueConstraint(fields=["user", "channel", "kind"], name="unique_notification_opt_out"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} −{self.channel or '*'}/{self.kind or '*'}"


class DueWarning(models.Model):
    """A "due soon" warning given for a dossier at a threshold (working hours) and due date: the job
    warns once per (dossier, threshold, due date); an apology's new date may earn a new one."""

    dossier = models.ForeignKey("dossiers.Dossier", on_delete=models.CASCADE, related_name="+")
    threshold_hours = models.PositiveIntegerField("ngưỡng (giờ làm việc)")
    due_at = models.DateTimeField("hạn đã cảnh báo")
    at = models.DateTimeField("cảnh báo lúc")

    class Meta:
        verbose_name = "cảnh báo sắp đến hạn"
        verbose_name_plural = "cảnh báo sắp đến hạn"
        constraints = [
            models.UniqueConstraint(
                fields=["dossier", "threshold_hours", "due_at"], name="unique_due_warning"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.dossier_id} ≤{self.threshold_hours} h"


class NotificationRetry(models.Model):
    """One operator decision to send a dead message again: who, when, from where, what it failed with."""

    notification = models.ForeignKey(Notification, on_delete=models.CASCADE, related_name="retries")
    at = models.DateTimeField()
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    by_name = models.CharField("người thực hiện", max_length=255)
    via = models.CharField("qua", max_length=16)  # "page" or "command"
    attempts_before = models.PositiveIntegerField()
    error_code = models.CharField(max_length=64, blank=True)

    class Meta:
        verbose_name = "gửi lại thông báo"
        verbose_name_plural = "gửi lại thông báo"
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.notification_id} {self.at:%Y-%m-%d %H:%M} {self.by_name}"
