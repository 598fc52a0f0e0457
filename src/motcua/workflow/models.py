"""Process definitions: a procedure's internal process (the seed's "internal ISO process") as data.

A definition belongs to a procedure, optionally to one competent agency (an agency-specific variant).
It is versioned like catalogue versions: a draft is edited, publishing freezes it and supersedes the
previous published one of the same (procedure, agency) series. A dossier keeps the id of the definition
it started under and runs on it to the end, so published and superseded definitions never change.
"""

import uuid
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.signals import m2m_changed
from django.dispatch import receiver

from motcua.organizations.models import Role


class DefinitionStatus(models.TextChoices):
    DRAFT = "draft", "Bản nháp"
    PUBLISHED = "published", "Đang áp dụng"
    SUPERSEDED = "superseded", "Đã thay thế"


class StepKind(models.TextChoices):
    NORMAL = "normal", "Bước xử lý"
    CONSULTATION = "consultation", "Xin ý kiến (nhiều cơ quan song song)"


class Action(models.TextChoices):
    """Process actions; the names are those of the lifecycle service and the API."""

    FORWARD = "forward", "Chuyển bước tiếp theo"
    SEND_BACK = "send_back", "Trả lại bước trước"
    APPROVE = "approve", "Phê duyệt"
    REJECT = "reject", "Từ chối giải quyết"
    ISSUE_RESULT = "issue_result", "Ban hành kết quả"
    REQUEST_PAYMENT = "request_payment", "Yêu cầu thực hiện nghĩa vụ tài chính"
    CONSULT = "consult", "Xin ý kiến"
    ANSWER_CONSULTATION = "answer_consultation", "Trả lời xin ý kiến"


#: Actions that keep the dossier at its step (their transition points back to the same step).
IN_STEP_ACTIONS = frozenset({Action.CONSULT, Action.ANSWER_CONSULTATION, Action.REQUEST_PAYMENT})
#: Actions that move the dossier on (to a later step, or end the process when `to_step` is empty).
ONWARD_ACTIONS = frozenset({Action.FORWARD, Action.APPROVE, Action.REJECT, Action.ISSUE_RESULT})


class FrozenDefinition(ValidationError):
    """Raised on any attempt to change a published or superseded definition."""

    def __init__(self):
        super().__init__(
            "Quy trình đã công bố không được sửa; hãy tạo bản nháp mới. "
            "/ A published process cannot be changed; create a new draft.",
            code="frozen",
        )


class ProcessDefinition(models.Model):
    procedure = models.ForeignKey(
        "catalog.Procedure",
        verbose_name="thủ tục",
        on_delete=models.PROTECT,
        related_name="process_definitions",
    )
    agency = models.ForeignKey(
        "organizations.Agency",
        verbose_name="cơ quan áp dụng riêng",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="process_definitions",
        help_text="Để trống: quy trình chung cho mọi cơ quan giải quyết thủ tục.",
    )
    number = models.PositiveIntegerField("phiên bản")
    status = models.CharField(
        "trạng thái", max_length=16, choices=DefinitionStatus.choices, default=DefinitionStatus.DRAFT
    )
    name = models.CharField("tên quy trình", max_length=255)
    description = models.TextField("ghi chú", blank=True)
    uid = models.UUIDField(
        verbose_name="mã định danh duy nhất", default=uuid.uuid4, editable=False, unique=True
    )
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)
    published_at = models.DateTimeField("công bố lúc", null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người công bố",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = "quy trình nội bộ"
        verbose_name_plural = "quy trình nội bộ"
        ordering = ["procedure__code", "agency__identifier", "-number"]
        # NULL agency means "generic"; SQL treats NULLs as distinct, so each rule is written twice.
        constraints = [
            models.UniqueConstraint(
                fields=["procedure", "number"],
                condition=Q(agency__isnull=True),
                name="unique_generic_process_number",
            ),
            models.UniqueConstraint(
                fields=["procedure", "agency", "number"],
                condition=Q(agency__isnull=False),
                name="unique_agency_process_number",
            ),
            models.UniqueConstraint(
                fields=["procedure"],
                condition=Q(agency__isnull=True, status="published"),
                name="one_published_generic_process",
            ),
            models.UniqueConstraint(
                fields=["procedure", "agency"],
                condition=Q(agency__isnull=False, status="published"),
                name="one_published_agency_process",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} (v{self.number}, {self.get_status_display().lower()})"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            stored = type(self).objects.filter(pk=self.pk).values_list("status", flat=True).first()
            allowed = {"status", "published_at", "published_by"}
            update_fields = kwargs.get("update_fields")
            if stored not in (None, DefinitionStatus.DRAFT) and (
                update_fields is None or not set(update_fields) <= allowed
            ):
                raise FrozenDefinition()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if not self.is_editable:
            raise FrozenDefinition()
        return super().delete(*args, **kwargs)

    @property
    def is_editable(self) -> bool:
        return self.status == DefinitionStatus.DRAFT


class _DraftChild(models.Model):
    """Steps and transitions change only while their definition is a draft."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self._check_editable()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        self._check_editable()
        return super().delete(*args, **kwargs)

    def _check_editable(self):
        status = (
            ProcessDefinition.objects.filter(pk=self.definition_id).values_list("status", flat=True).first()
        )
        if status not in (None, DefinitionStatus.DRAFT):
            raise FrozenDefinition()


class Step(_DraftChild):
    definition = models.ForeignKey(
        ProcessDefinition, verbose_name="quy trình", on_delete=models.CASCADE, related_name="steps"
    )
    key = models.SlugField("mã bước", max_length=64, help_text="Chữ thường không dấu, số, gạch ngang.")
    name = models.CharField("tên bước", max_length=255)
    position = models.PositiveIntegerField("thứ tự", default=0)
    kind = models.CharField("loại bước", max_length=16, choices=StepKind.choices, default=StepKind.NORMAL)
    role = models.CharField("vai trò thực hiện", max_length=32, choices=Role.choices)
    agency = models.ForeignKey(
        "organizations.Agency",
        verbose_name="cơ quan thực hiện",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Để trống: cơ quan giải quyết hồ sơ.",
    )
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="cán bộ được chỉ định",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    allotment_hours = models.DecimalField(
        "thời gian (giờ làm việc)",
        max_digits=6,
        decimal_places=1,
        default=Decimal(0),
        validators=[MinValueValidator(Decimal(0))],
    )
    notify_applicant = models.BooleanField("thông báo cho người nộp", default=False)
    public_status = models.CharField("trạng thái hiển thị cho người dân", max_length=255, blank=True)
    required_component_positions = models.JSONField(
        "thành phần hồ sơ bắt buộc (thứ tự)",
        default=list,
        blank=True,
        help_text="Danh sách số thứ tự thành phần hồ sơ phải có trước khi rời bước, ví dụ [1, 3].",
    )
    required_fields = models.JSONField(
        "trường biểu mẫu bắt buộc",
        default=list,
        blank=True,
        help_text="Danh sách tên trường trên biểu mẫu điện tử phải có trước khi rời bước.",
    )
    is_terminal = models.BooleanField("bước kết thúc (kết quả)", default=False)
    consulted_agencies = models.ManyToManyField(
        "organizations.Agency",
        verbose_name="cơ quan được xin ý kiến",
        blank=True,
        related_name="+",
        help_text="Các cơ quan luôn được xin ý kiến ở bước này; cán bộ có thể chọn thêm khi xin ý kiến.",
    )

    class Meta:
        verbose_name = "bước xử lý"
        verbose_name_plural = "các bước xử lý"
        ordering = ["definition", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["definition", "key"], name="unique_step_key"),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.name}"


class Transition(_DraftChild):
    definition = models.ForeignKey(
        ProcessDefinition, verbose_name="quy trình", on_delete=models.CASCADE, related_name="transitions"
    )
    from_step = models.ForeignKey(
        Step, verbose_name="từ bước", on_delete=models.CASCADE, related_name="outgoing"
    )
    action = models.CharField("thao tác", max_length=32, choices=Action.choices)
    to_step = models.ForeignKey(
        Step,
        verbose_name="đến bước",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="incoming",
        help_text="Để trống: thao tác kết thúc quy trình.",
    )

    class Meta:
        verbose_name = "chuyển bước"
        verbose_name_plural = "các chuyển bước"
        ordering = ["definition", "from_step__position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["from_step", "action", "to_step"],
                condition=Q(to_step__isnull=False),
                name="unique_transition",
            ),
            models.UniqueConstraint(
                fields=["from_step", "action"],
                condition=Q(to_step__isnull=True),
                name="unique_ending_transition",
            ),
        ]

    def __str__(self) -> str:
        target = self.to_step.key if self.to_step_id else "∎"
        return f"{self.from_step.key} —{self.action}→ {target}"


@receiver(m2m_changed, sender=Step.consulted_agencies.through)
def _consulted_agencies_frozen(sender, instance, action, reverse, **kwargs):
    if action in ("pre_add", "pre_remove", "pre_clear") and not reverse:
        instance._check_editable()
