"""Signing certificates of the agencies, result templates of procedure versions, signed documents
(e-results and digitised sets: the hash on record that verification compares against) and the
digitisation metadata of a dossier's components (Decree 45/2020/NĐ-CP, Articles 25–27)."""

from django.conf import settings
from django.db import models
from django.db.models import Q


class SigningCertificate(models.Model):
    """An agency's signing certificate, configured by the province admin (PKCS#12 or PEM).

    The private key is stored only encrypted (`keys.encrypt`, Fernet under `MOTCUA_SIGNING_SECRET`);
    `chain_pem` holds the issuing chain up to the root, whose last self-signed certificate is one of
    the trust roots verification accepts (`verification.trust_roots`)."""

    agency = models.ForeignKey(
        "organizations.Agency", verbose_name="cơ quan", on_delete=models.PROTECT, related_name="+"
    )
    label = models.CharField("tên gợi nhớ", max_length=255, blank=True)
    subject = models.CharField("chủ thể", max_length=500)
    issuer = models.CharField("nơi cấp", max_length=500)
    serial = models.CharField("số hiệu", max_length=100)
    fingerprint = models.CharField("dấu vân tay SHA-256", max_length=64, unique=True)
    not_before = models.DateTimeField("hiệu lực từ")
    not_after = models.DateTimeField("hiệu lực đến")
    certificate_pem = models.TextField("chứng thư (PEM)")
    chain_pem = models.TextField("chuỗi chứng thư cấp trên (PEM)", blank=True)
    key_encrypted = models.BinaryField("khóa bí mật (đã mã hóa)", editable=False)
    is_active = models.BooleanField("đang dùng", default=True)
    is_development = models.BooleanField("chứng thư thử nghiệm (CA phát triển)", default=False)
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="tạo bởi",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = "chứng thư ký số của cơ quan"
        verbose_name_plural = "chứng thư ký số của cơ quan"
        constraints = [
            models.UniqueConstraint(
                fields=["agency"], condition=Q(is_active=True), name="signing_one_active_per_agency"
            )
        ]

    def __str__(self) -> str:
        return self.label or self.subject


class ResultTemplate(models.Model):
    """The HTML template (Django template language) a procedure version's result is generated from;
    rendered with the dossier, its applicant and e-form (`generation.render_result`)."""

    version = models.ForeignKey(
        "catalog.ProcedureVersion",
        verbose_name="phiên bản thủ tục",
        on_delete=models.CASCADE,
        related_name="result_templates",
    )
    name = models.CharField("tên giấy tờ kết quả", max_length=500)
    html = models.TextField("mẫu HTML")

    class Meta:
        verbose_name = "mẫu giấy tờ kết quả"
        verbose_name_plural = "mẫu giấy tờ kết quả"
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name


class SignedKind(models.TextChoices):
    RESULT = "result", "Kết quả giải quyết"
    DIGITISED_SET = "digitised_set", "Bộ hồ sơ số hóa"


class SignedDocument(models.Model):
    """A PDF this system signed (PAdES): a result waiting to be issued or issued (`result`), or a
    dossier's digitised set. `sha256` of the signed bytes is the hash on record."""

    kind = models.CharField("loại", max_length=16, choices=SignedKind.choices)
    dossier = models.ForeignKey(
        "dossiers.Dossier", verbose_name="hồ sơ", on_delete=models.CASCADE, related_name="signed_documents"
    )
    result = models.OneToOneField(
        "dossiers.DossierResult",
        verbose_name="giấy tờ kết quả đã ban hành",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="signature",
    )
    name = models.CharField("tên giấy tờ", max_length=500)
    number = models.CharField("số, ký hiệu", max_length=100, blank=True)
    document_date = models.DateField("ngày ban hành", null=True, blank=True)
    signer_name = models.CharField("người ký", max_length=255)
    file = models.FileField("tệp đã ký", upload_to="signed/%Y/%m/", max_length=500)
    sha256 = models.CharField("mã băm SHA-256", max_length=64, db_index=True)
    size = models.PositiveBigIntegerField("kích thước (byte)", default=0)
    certificate = models.ForeignKey(
        SigningCertificate, verbose_name="chứng thư số", on_delete=models.PROTECT, related_name="+"
    )
    agency = models.ForeignKey(
        "organizations.Agency", verbose_name="cơ quan", on_delete=models.PROTECT, related_name="+"
    )
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="người ký", on_delete=models.PROTECT, related_name="+"
    )
    on_behalf_of = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="ký thay cho",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    signed_at = models.DateTimeField("ký lúc")
    generated = models.BooleanField("tạo từ mẫu", default=False)
    timestamped = models.BooleanField("có dấu thời gian (TSA)", default=False)

    class Meta:
        verbose_name = "văn bản đã ký số"
        verbose_name_plural = "văn bản đã ký số"
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.name} {self.number}".strip()


class DigitisedComponent(models.Model):
    """What the desk recorded when it scanned a component: pages, whether the original was seen,
    who scanned it and when, and the signed digitised set it belongs to."""

    dossier = models.ForeignKey("dossiers.Dossier", on_delete=models.CASCADE, related_name="digitisations")
    position = models.PositiveIntegerField("thành phần số")
    pages = models.PositiveIntegerField("số trang")
    original_seen = models.BooleanField("đã đối chiếu bản chính", default=False)
    officer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField("số hóa lúc")
    signed_set = models.ForeignKey(
        SignedDocument, null=True, blank=True, on_delete=models.SET_NULL, related_name="components"
    )

    class Meta:
        verbose_name = "thành phần đã số hóa"
        verbose_name_plural = "thành phần đã số hóa"
        ordering = ["dossier", "position", "pk"]

    def __str__(self) -> str:
        return f"{self.dossier_id} #{self.position}"
