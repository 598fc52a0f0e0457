"""The dossier aggregate: the dossier, its components and files, fees, pauses, consultations, results,
its append-only event log, the outbox of side effects, and the per-agency daily code counter.

Nothing here changes a dossier by itself: every write goes through `lifecycle.perform`.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q

from .states import (
    Channel,
    NationalStatus,
    Outcome,
    ReturnChannel,
    State,
    StepOutcome,
    national_status_for,
    state_matches_national_status,
)


class DossierCodeCounter(models.Model):
    """One row per (receiving agency, local day): the last sequence number handed out that day."""

    agency = models.ForeignKey("organizations.Agency", on_delete=models.PROTECT, related_name="+")
    day = models.DateField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "bộ đếm mã hồ sơ"
        verbose_name_plural = "bộ đếm mã hồ sơ"
        constraints = [models.UniqueConstraint(fields=["agency", "day"], name="dossier_counter_agency_day")]

    def __str__(self) -> str:
        return f"{self.agency_id} {self.day}: {self.last}"


class Dossier(models.Model):
    code = models.CharField("mã hồ sơ", max_length=40, unique=True)
    # Foreign keys that lead a composite index (Meta.indexes) get no index of their own: every
    # receipt and every action writes this row, and each index is one more write (docs/performance.md).
    applicant = models.ForeignKey(
        "organizations.Applicant",
        verbose_name="chủ hồ sơ",
        on_delete=models.PROTECT,
        related_name="dossiers",
        db_index=False,  # dossier_applicant
    )
    representative_name = models.CharField("người được ủy quyền", max_length=255, blank=True)
    representative_id_number = models.CharField("số định danh người được ủy quyền", max_length=12, blank=True)
    representative_phone = models.CharField("điện thoại người được ủy quyền", max_length=20, blank=True)
    representative_relation = models.CharField("quan hệ với chủ hồ sơ", max_length=100, blank=True)
    channel = models.CharField("kênh nộp", max_length=20, choices=Channel.choices)
    receiving_agency = models.ForeignKey(
        "organizations.Agency",
        verbose_name="nơi tiếp nhận",
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,  # dossier_receiving_state
    )
    competent_agency = models.ForeignKey(
        "organizations.Agency",
        verbose_name="cơ quan giải quyết",
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,  # dossier_competent_state
    )
    procedure_version = models.ForeignKey(
        "catalog.ProcedureVersion",
        verbose_name="phiên bản thủ tục",
        on_delete=models.PROTECT,
        related_name="+",
    )
    process_definition_id = models.BigIntegerField("quy trình (phiên bản)", null=True, blank=True)
    summary = models.CharField("trích yếu", max_length=500, blank=True)
    eform_data = models.JSONField("dữ liệu biểu mẫu", default=dict, blank=True)

    state = models.CharField("trạng thái", max_length=24, choices=State.choices, default=State.SUBMITTED)
    national_status = models.PositiveSmallIntegerField(
        "trạng thái theo Cổng DVCQG",
        choices=NationalStatus.choices,
        default=national_status_for(State.SUBMITTED),
    )
    # The state to go back to when the applicant supplements or pays.
    resume_state = models.CharField(
        verbose_name="trạng thái trước khi tạm dừng", max_length=24, choices=State.choices, blank=True
    )
    outcome = models.CharField("kết quả giải quyết", max_length=16, choices=Outcome.choices, blank=True)

    # Where the dossier waits and who must act on it now (denormalised for the worklist).
    current_step = models.CharField("bước hiện tại", max_length=64, blank=True)
    current_step_name = models.CharField("tên bước", max_length=255, blank=True)
    current_role = models.CharField("vai trò xử lý", max_length=32, blank=True)
    current_agency = models.ForeignKey(
        "organizations.Agency",
        verbose_name="đơn vị đang xử lý",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,  # dossier_worklist
    )
    assigned_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="cán bộ được giao",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,  # dossier_assigned
    )
    step_started_at = models.DateTimeField("bắt đầu bước", null=True, blank=True)
    step_due_at = models.DateTimeField("hạn của bước", null=True, blank=True)
    step_allotment_hours = models.DecimalField(
        "thời gian của bước (giờ làm việc)", max_digits=8, decimal_places=2, null=True, blank=True
    )
    supplement_requests = models.PositiveSmallIntegerField("số lần yêu cầu bổ sung", default=0)

    submitted_at = models.DateTimeField("nộp lúc", null=True, blank=True)
    received_at = models.DateTimeField("tiếp nhận lúc", null=True, blank=True)
    processing_hours = models.DecimalField(
        "thời hạn giải quyết (giờ làm việc)", max_digits=8, decimal_places=2, null=True, blank=True
    )
    same_day = models.BooleanField("giải quyết trong ngày", default=False)
    # The legal term in the unit the procedure states (catalog TimeUnit), as at receipt.
    deadline_value = models.DecimalField(
        "thời hạn giải quyết (theo đơn vị của thủ tục)", max_digits=8, decimal_places=2, null=True, blank=True
    )
    deadline_unit = models.CharField("đơn vị thời hạn", max_length=16, blank=True)
    same_day_cutoff = models.TimeField("giờ chốt trả trong ngày", null=True, blank=True)
    due_at = models.DateTimeField("ngày hẹn trả", null=True, blank=True)
    original_due_at = models.DateTimeField("hạn theo quy định", null=True, blank=True)
    apologized_at = models.DateTimeField("xin lỗi, hẹn lại lúc", null=True, blank=True)
    finished_at = models.DateTimeField("xử lý xong lúc", null=True, blank=True)
    returned_at = models.DateTimeField("trả kết quả lúc", null=True, blank=True)
    requested_return_channel = models.CharField(
        "hình thức nhận kết quả đã đăng ký",
        max_length=16,
        choices=ReturnChannel.choices,
        blank=True,
        help_text="Người nộp chọn khi nộp; bộ phận một cửa trả theo hình thức này nếu không có thay đổi.",
    )
    return_address = models.CharField("địa chỉ nhận kết quả qua bưu chính", max_length=255, blank=True)
    return_channel = models.CharField(
        "hình thức trả kết quả", max_length=16, choices=ReturnChannel.choices, blank=True
    )
    end_reason = models.TextField("lý do từ chối / rút / dừng", blank=True)

    version = models.PositiveIntegerField("phiên bản (khóa lạc quan)", default=1)
    created_at = models.DateTimeField(verbose_name="tạo lúc", auto_now_add=True)
    updated_at = models.DateTimeField(verbose_name="cập nhật lúc", auto_now=True)

    class Meta:
        verbose_name = "hồ sơ"
        verbose_name_plural = "hồ sơ"
        constraints = [
            models.CheckConstraint(
                condition=state_matches_national_status(), name="dossier_state_matches_national_status"
            ),
        ]
        indexes = [
            models.Index(fields=["current_agency", "current_role", "-id"], name="dossier_worklist"),
            models.Index(fields=["assigned_officer", "-id"], name="dossier_assigned"),
            models.Index(fields=["applicant", "-id"], name="dossier_applicant"),
            models.Index(fields=["receiving_agency", "state", "-id"], name="dossier_receiving_state"),
            models.Index(fields=["competent_agency", "state", "-id"], name="dossier_competent_state"),
            models.Index(fields=["due_at"], name="dossier_due"),
        ]

    def __str__(self) -> str:
        return self.code

    @property
    def is_paused(self) -> bool:
        return self.state == State.SUPPLEMENT_REQUESTED


class DossierComponent(models.Model):
    dossier = models.ForeignKey(
        Dossier,
        on_delete=models.CASCADE,
        related_name="components",
        db_index=False,  # dossier_component_position
    )
    position = models.PositiveIntegerField("thứ tự trong danh mục")
    name = models.CharField("tên giấy tờ", max_length=500)
    digitised = models.BooleanField("đã số hóa", default=False)
    reused_from_store = models.BooleanField("lấy từ kho dữ liệu điện tử", default=False)
    note = models.CharField("ghi chú", max_length=500, blank=True)
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "thành phần hồ sơ"
        verbose_name_plural = "thành phần hồ sơ"
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["dossier", "position"], name="dossier_component_position")
        ]

    def __str__(self) -> str:
        return self.name


def _upload_to(instance, filename: str) -> str:
    """The lifecycle stores checked files itself (`intake.store`); this keeps the same layout for any
    other writer: `dossiers/<code>_<random>/<position>/<name>`."""
    from .intake import new_folder

    folder = new_folder("dossiers", instance.component.dossier.code)
    return f"{folder}/{instance.component.position}/{filename}"


class DossierFile(models.Model):
    component = models.ForeignKey(DossierComponent, on_delete=models.CASCADE, related_name="files")
    file = models.FileField("tệp", upload_to=_upload_to, max_length=500)
    original_name = models.CharField("tên tệp gốc", max_length=255)
    size = models.PositiveBigIntegerField("dung lượng (byte)", default=0)
    content_type = models.CharField(max_length=100, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "tệp đính kèm"
        verbose_name_plural = "tệp đính kèm"
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.original_name


class DossierFee(models.Model):
    """The fee as it was when the dossier was filed (the catalogue may change later)."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="fees")
    kind = models.CharField("loại", max_length=16)
    description = models.CharField("mô tả", max_length=500, blank=True)
    amount = models.PositiveBigIntegerField("số tiền (đồng)")
    # the computed line (catalog/fees.py): name printed on forms, unit price × quantity, or the
    # exemption that made it 0 đồng; `rule` the catalogue line it came from (None: set by an officer)
    name = models.CharField("tên khoản thu", max_length=255, blank=True)
    unit_amount = models.PositiveBigIntegerField("đơn giá (đồng)", default=0)
    quantity = models.PositiveIntegerField("số lượng", default=1)
    exemption = models.CharField("miễn do", max_length=255, blank=True)
    rule = models.ForeignKey(
        "catalog.Fee", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", db_constraint=False
    )
    requested_at = models.DateTimeField("yêu cầu nộp lúc", null=True, blank=True)
    paid_at = models.DateTimeField("đã nộp lúc", null=True, blank=True)
    payment_reference = models.CharField("mã giao dịch", max_length=100, blank=True)

    class Meta:
        verbose_name = "phí, lệ phí của hồ sơ"
        verbose_name_plural = "phí, lệ phí của hồ sơ"
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.amount} đ"


class DossierPause(models.Model):
    """A period the statutory clock stood still (an open supplement request has `ended_at` null)."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="pauses")
    started_at = models.DateTimeField("tạm dừng từ")
    ended_at = models.DateTimeField("đến", null=True, blank=True)
    reason = models.TextField("lý do", blank=True)

    class Meta:
        verbose_name = "khoảng tạm dừng"
        verbose_name_plural = "khoảng tạm dừng"
        ordering = ["started_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["dossier"], condition=Q(ended_at__isnull=True), name="dossier_one_open_pause"
            ),
            models.CheckConstraint(
                condition=Q(ended_at__isnull=True) | Q(ended_at__gte=models.F("started_at")),
                name="dossier_pause_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.started_at} – {self.ended_at or '…'}"


class DossierConsultation(models.Model):
    """One agency asked for its opinion during a step; every one must answer before the step closes."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="consultations")
    step = models.CharField("bước", max_length=64)
    agency = models.ForeignKey("organizations.Agency", on_delete=models.PROTECT, related_name="+")
    question = models.TextField("nội dung xin ý kiến", blank=True)
    requested_at = models.DateTimeField()
    due_at = models.DateTimeField(null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    answer = models.TextField("ý kiến", blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "xin ý kiến"
        verbose_name_plural = "xin ý kiến"
        ordering = ["pk"]
        indexes = [models.Index(fields=["agency", "answered_at"], name="dossier_consult_agency")]

    def __str__(self) -> str:
        return f"{self.dossier_id} → {self.agency_id}"


class DossierResult(models.Model):
    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="results")
    name = models.CharField("tên giấy tờ kết quả", max_length=500)
    number = models.CharField("số, ký hiệu", max_length=100, blank=True)
    file = models.FileField("tệp", upload_to="dossier-results/%Y/%m/", blank=True, max_length=500)
    is_electronic = models.BooleanField("kết quả điện tử", default=False)
    issued_at = models.DateTimeField("ban hành lúc")
    # A result that is a document carries its number, date, signer and file (motcua/results/issuing.py);
    # `sha256` of the stored file is the hash on record verification compares against.
    signer = models.CharField("người ký", max_length=255, blank=True)
    document_date = models.DateField("ngày ban hành văn bản", null=True, blank=True)
    sha256 = models.CharField(max_length=64, blank=True, db_index=True)

    class Meta:
        verbose_name = "giấy tờ kết quả"
        verbose_name_plural = "giấy tờ kết quả"
        ordering = ["pk"]
        # the orphan sweep asks which stored names still have a row (dossiers/housekeeping.py)
        indexes = [models.Index(fields=["file"], name="dossier_result_file")]

    def __str__(self) -> str:
        return self.name


class AppendOnlyError(Exception):
    pass


class DossierEvent(models.Model):
    """One row per action, never changed: the dossier's history, the control slip and the audit trail."""

    dossier = models.ForeignKey(
        Dossier,
        verbose_name="hồ sơ",
        on_delete=models.PROTECT,
        related_name="events",
        db_index=False,  # dossier_event_seq
    )
    seq = models.PositiveIntegerField("thứ tự")
    at = models.DateTimeField("lúc")
    action = models.CharField("thao tác", max_length=32)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người thực hiện",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    actor_name = models.CharField("người thực hiện", max_length=255, blank=True)
    role = models.CharField("vai trò", max_length=32, blank=True)
    agency = models.ForeignKey(
        "organizations.Agency",
        verbose_name="cơ quan",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    on_behalf_of = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="thay mặt",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    from_state = models.CharField(verbose_name="trạng thái trước", max_length=24, blank=True)
    to_state = models.CharField(verbose_name="trạng thái sau", max_length=24)
    national_status = models.PositiveSmallIntegerField(
        verbose_name="mã trạng thái quốc gia",
    )
    from_step = models.CharField(verbose_name="bước trước", max_length=64, blank=True)
    to_step = models.CharField(verbose_name="bước sau", max_length=64, blank=True)
    to_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="chuyển cho cán bộ",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    comment = models.TextField("ý kiến", blank=True)
    # The step just left: its deadline and whether it was left early, on time or late.
    step_due_at = models.DateTimeField(verbose_name="hạn của bước", null=True, blank=True)
    step_outcome = models.CharField(
        verbose_name="kết quả bước", max_length=8, choices=StepOutcome.choices, blank=True
    )
    # The deadline of the step entered, and the dossier's due date after the action.
    next_step_due_at = models.DateTimeField(verbose_name="hạn của bước tiếp theo", null=True, blank=True)
    due_at = models.DateTimeField(verbose_name="ngày hẹn trả", null=True, blank=True)
    is_public = models.BooleanField("hiển thị cho công dân", default=False)
    public_text = models.CharField("nội dung công khai", max_length=500, blank=True)
    data = models.JSONField(verbose_name="dữ liệu", default=dict, blank=True)
    dossier_version = models.PositiveIntegerField(
        verbose_name="phiên bản hồ sơ",
    )

    class Meta:
        verbose_name = "nhật ký hồ sơ"
        verbose_name_plural = "nhật ký hồ sơ"
        ordering = ["dossier", "seq"]
        constraints = [models.UniqueConstraint(fields=["dossier", "seq"], name="dossier_event_seq")]

    def __str__(self) -> str:
        return f"{self.dossier_id} #{self.seq} {self.action}"

    def save(self, *args, **kwargs):
        self.before_insert()
        super().save(*args, **kwargs)

    def before_insert(self) -> None:
        """What every write of an event checks first, by `save()` and by the precompiled insert
        (core/compiled_insert.py): only new rows; AppendOnlyError otherwise."""
        if self.pk is not None:
            raise AppendOnlyError("Nhật ký hồ sơ chỉ được ghi thêm. / The dossier log is append-only.")

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Nhật ký hồ sơ chỉ được ghi thêm. / The dossier log is append-only.")


class OutboxMessage(models.Model):
    """A side effect to run after commit (notification, national sync, PDF), written with the change."""

    topic = models.CharField(verbose_name="chủ đề", max_length=64)
    key = models.CharField("khóa (mã hồ sơ)", max_length=64, blank=True)
    payload = models.JSONField(verbose_name="nội dung", default=dict)
    created_at = models.DateTimeField(
        verbose_name="tạo lúc",
    )
    processed_at = models.DateTimeField(verbose_name="xử lý lúc", null=True, blank=True)
    attempts = models.PositiveIntegerField(verbose_name="số lần thử", default=0)
    last_error = models.TextField(verbose_name="lỗi gần nhất", blank=True)
    # The relay's bookkeeping (motcua/jobs/relay.py): when the next attempt is due (backoff), which
    # worker holds it until when (a lease: a killed worker's claim simply expires), the partner's error
    # code of the last failure, and when it was given up on (dead letter, retried only by an operator).
    next_attempt_at = models.DateTimeField(verbose_name="thử lại lúc", null=True, blank=True)
    claimed_by = models.CharField(verbose_name="đang được xử lý bởi", max_length=64, blank=True)
    claimed_until = models.DateTimeField(verbose_name="giữ đến", null=True, blank=True)
    last_error_code = models.CharField(verbose_name="mã lỗi gần nhất", max_length=64, blank=True)
    dead_at = models.DateTimeField(verbose_name="dừng thử lúc", null=True, blank=True)
    # The projector's bookkeeping (motcua/jobs/projector.py), independent of the relay's: when the
    # statistics and the notifications were derived from this record, and its own lease.
    projected_at = models.DateTimeField(verbose_name="đã tổng hợp lúc", null=True, blank=True)
    projection_claimed_by = models.CharField(verbose_name="đang tổng hợp bởi", max_length=64, blank=True)
    projection_claimed_until = models.DateTimeField(verbose_name="giữ để tổng hợp đến", null=True, blank=True)

    class Meta:
        verbose_name = "việc chờ xử lý (outbox)"
        verbose_name_plural = "việc chờ xử lý (outbox)"
        indexes = [
            models.Index(
                fields=["created_at"], condition=Q(processed_at__isnull=True), name="outbox_pending"
            ),
            # "is an earlier record of this dossier still pending?" (the relay's per-dossier order)
            models.Index(
                fields=["key", "id"], condition=Q(processed_at__isnull=True), name="outbox_pending_key"
            ),
            models.Index(
                fields=["dead_at"],
                condition=Q(processed_at__isnull=True, dead_at__isnull=False),
                name="outbox_dead",
            ),
            # what the projector claims (oldest first), and "is an earlier record of this dossier still
            # unprojected?" (one record per dossier at a time)
            models.Index(fields=["id"], condition=Q(projected_at__isnull=True), name="outbox_unprojected"),
            models.Index(
                fields=["key", "id"], condition=Q(projected_at__isnull=True), name="outbox_unprojected_key"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.topic} {self.key}"


class IdempotencyKey(models.Model):
    """A client's `Idempotency-Key` for a submission: the same user, key and request return the same
    dossier; the same key with a different request is refused (422)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=128)
    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="+")
    # SHA-256 of the request that created the dossier (dossiers.submission.fingerprint): the same key
    # with another request is refused; "" for keys stored before fingerprints (they match any request)
    fingerprint = models.CharField(max_length=64, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="idempotency_user_key")]

    def __str__(self) -> str:
        return self.key


class ApiToken(models.Model):
    """A bearer token for integrations and scripts; only its SHA-256 is stored.

    Lives here until the api app has models of its own (see docs/api.md)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người dùng",
        on_delete=models.CASCADE,
        related_name="api_tokens",
    )
    key_hash = models.CharField(verbose_name="mã băm của khóa", max_length=64, unique=True)
    prefix = models.CharField(verbose_name="tiền tố", max_length=12)
    name = models.CharField(verbose_name="tên", max_length=100, blank=True)
    created_at = models.DateTimeField(
        verbose_name="tạo lúc",
    )
    last_used_at = models.DateTimeField(verbose_name="dùng lần cuối lúc", null=True, blank=True)
    revoked_at = models.DateTimeField(verbose_name="thu hồi lúc", null=True, blank=True)

    class Meta:
        verbose_name = "mã truy cập API"
        verbose_name_plural = "mã truy cập API"

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user_id})"
