"""The province's agencies after the 2025 two-tier reform, its staff and their roles, and applicants."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower

from motcua.core.text import fold

from .validators import (
    ascii_digits,
    validate_agency_identifier,
    validate_citizen_id,
    validate_phone,
    validate_tax_code,
)


class AgencyKind(models.TextChoices):
    PROVINCE_COMMITTEE = "province_committee", "UBND tỉnh/thành phố"
    DEPARTMENT = "department", "Sở, ban, ngành"
    DIVISION = "division", "Phòng, đơn vị thuộc sở"
    COMMUNE_COMMITTEE = "commune_committee", "UBND xã/phường/đặc khu"
    PROVINCE_SERVICE_CENTRE = "province_service_centre", "Trung tâm Phục vụ hành chính công tỉnh"
    COMMUNE_SERVICE_CENTRE = "commune_service_centre", "Trung tâm Phục vụ hành chính công xã"
    OTHER = "other", "Khác"


SERVICE_CENTRE_KINDS = (AgencyKind.PROVINCE_SERVICE_CENTRE, AgencyKind.COMMUNE_SERVICE_CENTRE)


class AgencyQuerySet(models.QuerySet):
    def active_on(self, day):
        return self.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=day)).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=day)
        )


class Agency(models.Model):
    name = models.CharField("tên cơ quan", max_length=255)
    short_name = models.CharField("tên viết tắt", max_length=100, blank=True)
    kind = models.CharField("loại", max_length=32, choices=AgencyKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name="cơ quan cấp trên",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    identifier = models.CharField(
        "mã định danh",
        max_length=13,
        unique=True,
        validators=[validate_agency_identifier],
        help_text="Dạng XXX.YY.ZZ.Hnn theo Quyết định 20/2020/QĐ-TTg.",
    )
    identifier_is_invented = models.BooleanField(
        "mã minh họa (tự đặt)",
        default=False,
        help_text="Đánh dấu khi mã không lấy từ danh mục chính thức của tỉnh.",
    )
    admin_unit_code = models.CharField("mã đơn vị hành chính", max_length=10, blank=True)
    address = models.CharField("địa chỉ", max_length=255, blank=True)
    phone = models.CharField("điện thoại", max_length=30, blank=True)
    email = models.EmailField("thư điện tử", blank=True)
    valid_from = models.DateField("hiệu lực từ", null=True, blank=True)
    valid_to = models.DateField("hiệu lực đến", null=True, blank=True)
    search_text = models.TextField(verbose_name="chuỗi tìm kiếm", editable=False, default="")

    objects = AgencyQuerySet.as_manager()

    class Meta:
        verbose_name = "cơ quan, đơn vị"
        verbose_name_plural = "cơ quan, đơn vị"
        ordering = ["identifier"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=models.F("valid_from")),
                name="agency_validity_ordered",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.search_text = fold(f"{self.name} {self.short_name} {self.identifier} {self.admin_unit_code}")
        super().save(*args, **kwargs)

    @property
    def is_service_centre(self) -> bool:
        return self.kind in SERVICE_CENTRE_KINDS


class SuccessionKind(models.TextChoices):
    MERGED = "merged", "Sáp nhập"
    SPLIT = "split", "Chia tách"
    RENAMED = "renamed", "Đổi tên"
    TRANSFERRED = "transferred", "Chuyển giao nhiệm vụ"


class AgencySuccession(models.Model):
    """A merged, split or renamed unit points to its successor; both keep their history."""

    predecessor = models.ForeignKey(
        Agency, verbose_name="đơn vị cũ", on_delete=models.PROTECT, related_name="successions"
    )
    successor = models.ForeignKey(
        Agency, verbose_name="đơn vị kế thừa", on_delete=models.PROTECT, related_name="predecessions"
    )
    kind = models.CharField("hình thức", max_length=16, choices=SuccessionKind.choices)
    effective_date = models.DateField("ngày hiệu lực")
    legal_basis = models.CharField("căn cứ", max_length=255, blank=True)

    class Meta:
        verbose_name = "kế thừa đơn vị"
        verbose_name_plural = "kế thừa đơn vị"
        constraints = [
            models.UniqueConstraint(fields=["predecessor", "successor"], name="unique_succession"),
            models.CheckConstraint(
                condition=~Q(predecessor=models.F("successor")), name="succession_not_self"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.predecessor} → {self.successor}"


class User(AbstractUser):
    """Everyone who logs in: staff (with roles) and applicants (with an Applicant profile)."""

    phone = models.CharField("điện thoại", max_length=20, blank=True, validators=[validate_phone])
    title = models.CharField("chức danh", max_length=120, blank=True)

    class Meta(AbstractUser.Meta):
        verbose_name = "tài khoản"
        verbose_name_plural = "tài khoản"
        # People log in by e-mail or phone: each may belong to one account only (checked in the
        # registration service too, but only the database closes the race between two registrations).
        constraints = [
            models.UniqueConstraint(Lower("email"), condition=~Q(email=""), name="unique_user_email_ci"),
            models.UniqueConstraint(fields=["phone"], condition=~Q(phone=""), name="unique_user_phone"),
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    def get_full_name(self) -> str:
        """Vietnamese order: family name (last_name) first, then middle and given names."""
        return f"{self.last_name} {self.first_name}".strip()


class Role(models.TextChoices):
    DESK_OFFICER = "desk_officer", "Cán bộ một cửa"
    PROCESSING_OFFICER = "processing_officer", "Chuyên viên thụ lý"
    LEADER = "leader", "Lãnh đạo"
    CLERK = "clerk", "Văn thư"
    UNIT_ADMIN = "unit_admin", "Quản trị đơn vị"
    PROVINCE_ADMIN = "province_admin", "Quản trị tỉnh"
    SUPERVISOR = "supervisor", "Giám sát"


class StaffRole(models.Model):
    user = models.ForeignKey(
        User, verbose_name="cán bộ", on_delete=models.CASCADE, related_name="staff_roles"
    )
    agency = models.ForeignKey(
        Agency, verbose_name="cơ quan", on_delete=models.PROTECT, related_name="staff_roles"
    )
    role = models.CharField("vai trò", max_length=32, choices=Role.choices)
    valid_from = models.DateField("từ ngày", null=True, blank=True)
    valid_to = models.DateField("đến ngày", null=True, blank=True)

    class Meta:
        verbose_name = "vai trò cán bộ"
        verbose_name_plural = "vai trò cán bộ"
        constraints = [models.UniqueConstraint(fields=["user", "agency", "role"], name="unique_staff_role")]
        indexes = [models.Index(fields=["agency", "role"])]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.agency}"


class Delegation(models.Model):
    """A role of one person handed to another for a period (e.g. a leader's approval while away)."""

    delegator = models.ForeignKey(
        User, verbose_name="người ủy quyền", on_delete=models.CASCADE, related_name="delegations_given"
    )
    delegate = models.ForeignKey(
        User,
        verbose_name="người được ủy quyền",
        on_delete=models.CASCADE,
        related_name="delegations_received",
    )
    agency = models.ForeignKey(Agency, verbose_name="cơ quan", on_delete=models.PROTECT)
    role = models.CharField("vai trò", max_length=32, choices=Role.choices)
    starts_at = models.DateTimeField("bắt đầu")
    ends_at = models.DateTimeField("kết thúc")
    reason = models.CharField("lý do", max_length=255, blank=True)
    revoked_at = models.DateTimeField("thu hồi lúc", null=True, blank=True)
    revoked_by = models.ForeignKey(
        User,
        verbose_name="người thu hồi",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(verbose_name="tạo lúc", auto_now_add=True)

    class Meta:
        verbose_name = "ủy quyền"
        verbose_name_plural = "ủy quyền"
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="delegation_period_ordered"
            ),
            models.CheckConstraint(condition=~Q(delegator=models.F("delegate")), name="delegation_not_self"),
        ]
        indexes = [models.Index(fields=["delegate", "agency", "role"])]

    def __str__(self) -> str:
        return f"{self.delegator} → {self.delegate} ({self.get_role_display()})"


class ApplicantKind(models.TextChoices):
    CITIZEN = "citizen", "Công dân"
    ORGANISATION = "organisation", "Tổ chức, doanh nghiệp"


class Applicant(models.Model):
    """A citizen or an organisation that files dossiers; not a staff member."""

    kind = models.CharField("loại đối tượng", max_length=16, choices=ApplicantKind.choices)
    full_name = models.CharField("họ tên / tên tổ chức", max_length=255)
    id_number = models.CharField(
        "số định danh cá nhân", max_length=12, blank=True, validators=[validate_citizen_id]
    )
    tax_code = models.CharField("mã số thuế", max_length=14, blank=True, validators=[validate_tax_code])
    date_of_birth = models.DateField("ngày sinh", null=True, blank=True)
    phone = models.CharField("điện thoại", max_length=20, blank=True, validators=[validate_phone])
    email = models.EmailField("thư điện tử", blank=True)
    address = models.CharField("địa chỉ", max_length=255, blank=True)
    user = models.OneToOneField(
        User,
        verbose_name="tài khoản",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="applicant",
    )
    search_text = models.TextField(verbose_name="chuỗi tìm kiếm", editable=False, default="")
    created_at = models.DateTimeField(verbose_name="tạo lúc", auto_now_add=True)

    class Meta:
        verbose_name = "người nộp hồ sơ"
        verbose_name_plural = "người nộp hồ sơ"
        constraints = [
            models.UniqueConstraint(
                fields=["id_number"], condition=~Q(id_number=""), name="unique_applicant_id_number"
            ),
            models.UniqueConstraint(
                fields=["tax_code"], condition=~Q(tax_code=""), name="unique_applicant_tax_code"
            ),
            models.CheckConstraint(
                condition=(Q(kind="citizen") & ~Q(id_number="")) | (Q(kind="organisation") & ~Q(tax_code="")),
                name="applicant_has_identifier",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args, **kwargs):
        self._normalise_identifiers()
        self.search_text = fold(
            f"{self.full_name} {self.id_number} {self.tax_code} {self.phone} {self.email}"
        )
        super().save(*args, **kwargs)

    def _normalise_identifiers(self) -> None:
        """ID number, tax code and phone with ASCII digits (`ascii_digits`), before validators run."""
        self.id_number = ascii_digits(self.id_number).strip()
        self.tax_code = ascii_digits(self.tax_code).strip()
        self.phone = ascii_digits(self.phone).strip()

    def clean_fields(self, exclude=None):
        self._normalise_identifiers()
        super().clean_fields(exclude=exclude)

    @property
    def identifier(self) -> str:
        return self.id_number if self.kind == ApplicantKind.CITIZEN else self.tax_code
