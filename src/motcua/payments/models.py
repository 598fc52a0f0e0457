"""Online payment of a dossier's fees: every attempt, every callback received (the audit trail), the
e-receipt numbers and refunds. Money is integer đồng."""

from django.conf import settings
from django.db import models


class AttemptStatus(models.TextChoices):
    PENDING = "pending", "Đang chờ thanh toán"
    PAID = "paid", "Đã thanh toán"
    FAILED = "failed", "Không thành công"
    REFUNDED = "refunded", "Đã hoàn tiền"


class PaymentAttempt(models.Model):
    """One trip to a gateway for one dossier's open payment request; `txn_ref` (the gateway's order
    reference, vnp_TxnRef / MaThamChieu) is unique per attempt. `applied`: the payment marked the
    dossier paid (False for money that arrived when the dossier no longer owed it: to refund)."""

    dossier = models.ForeignKey(
        "dossiers.Dossier", verbose_name="hồ sơ", on_delete=models.PROTECT, related_name="payment_attempts"
    )
    gateway = models.CharField("cổng thanh toán", max_length=32)
    txn_ref = models.CharField("mã tham chiếu", max_length=64, unique=True)
    amount = models.PositiveBigIntegerField("số tiền (đồng)")
    lines = models.JSONField("các khoản", default=list)  # [{name, kind, quantity, unit_amount, amount}]
    status = models.CharField(
        "trạng thái", max_length=16, choices=AttemptStatus.choices, default=AttemptStatus.PENDING
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="tạo bởi", on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("tạo lúc")
    expires_at = models.DateTimeField("hết hạn lúc")
    client_ip = models.CharField("địa chỉ IP người nộp", max_length=45, blank=True)
    paid_at = models.DateTimeField("thanh toán lúc", null=True, blank=True)
    applied = models.BooleanField("đã ghi nhận vào hồ sơ", default=False)
    gateway_transaction_no = models.CharField("mã giao dịch của cổng", max_length=64, blank=True)
    bank_code = models.CharField("mã ngân hàng", max_length=32, blank=True)
    response_code = models.CharField("mã phản hồi", max_length=8, blank=True)
    receipt_number = models.CharField("số biên lai", max_length=32, unique=True, null=True, blank=True)

    class Meta:
        verbose_name = "lần thanh toán"
        verbose_name_plural = "lần thanh toán"
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self) -> str:
        return self.txn_ref


class CallbackKind(models.TextChoices):
    IPN = "ipn", "IPN (máy chủ – máy chủ)"
    RETURN = "return", "Trả về trình duyệt"
    QUERY = "query", "Đối soát"


class PaymentCallback(models.Model):
    """Every message a gateway sent us (or answered), kept as received with our answer."""

    attempt = models.ForeignKey(
        PaymentAttempt,
        verbose_name="lượt thanh toán",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="callbacks",
    )
    gateway = models.CharField("cổng thanh toán", max_length=32)
    kind = models.CharField("loại", max_length=16, choices=CallbackKind.choices)
    received_at = models.DateTimeField("nhận lúc")
    params = models.JSONField("tham số", default=dict)
    remote_addr = models.CharField("địa chỉ IP gửi", max_length=45, blank=True)
    answer = models.CharField("trả lời", max_length=8, blank=True)  # RspCode for an IPN
    note = models.CharField("ghi chú", max_length=255, blank=True)

    class Meta:
        verbose_name = "thông điệp từ cổng thanh toán"
        verbose_name_plural = "thông điệp từ cổng thanh toán"
        ordering = ["-received_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.gateway} {self.kind} {self.answer}"


class ReceiptCounter(models.Model):
    """The e-receipt numbers of one year: BL-<year>-<number>, allocated under a row lock."""

    year = models.PositiveIntegerField(primary_key=True)
    last = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.year}: {self.last}"


class Refund(models.Model):
    attempt = models.OneToOneField(
        PaymentAttempt, verbose_name="lượt thanh toán", on_delete=models.PROTECT, related_name="refund"
    )
    amount = models.PositiveBigIntegerField("số tiền hoàn (đồng)")
    reason = models.TextField("lý do")
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="người hoàn", on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField("hoàn lúc")

    class Meta:
        verbose_name = "hoàn tiền"
        verbose_name_plural = "hoàn tiền"

    def __str__(self) -> str:
        return f"{self.attempt_id}: {self.amount}"
