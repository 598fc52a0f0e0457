"""Administration of agencies' signing certificates (the province admin uploads a PKCS#12 file with
its passphrase, or a PEM certificate + key + chain; the key is stored only encrypted, never shown)
and of result templates of procedure versions."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError

from motcua.core import clock
from motcua.dossiers.errors import DossierError
from motcua.organizations.models import Role
from motcua.organizations.selectors import user_role_grants

from . import keys
from .models import ResultTemplate, SignedDocument, SigningCertificate


def is_province_admin(user) -> bool:
    """A superuser, or a holder of the province admin role (own or delegated) right now."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser:
        return True
    return any(g.role == Role.PROVINCE_ADMIN for g in user_role_grants(user, clock.now()))


class ProvinceAdminOnly:
    def has_module_permission(self, request):
        return is_province_admin(request.user)

    def has_view_permission(self, request, obj=None):
        return is_province_admin(request.user)

    def has_add_permission(self, request):
        return is_province_admin(request.user)

    def has_change_permission(self, request, obj=None):
        return is_province_admin(request.user)

    def has_delete_permission(self, request, obj=None):
        return False  # signed documents refer to it; deactivate instead


class CertificateUploadForm(forms.ModelForm):
    pkcs12 = forms.FileField(label="Tệp PKCS#12 (.p12, .pfx)", required=False)
    certificate = forms.FileField(label="Chứng thư (PEM)", required=False)
    private_key = forms.FileField(label="Khóa bí mật (PEM)", required=False)
    chain = forms.FileField(label="Chuỗi chứng thư cấp trên (PEM, không bắt buộc)", required=False)
    passphrase = forms.CharField(label="Mật khẩu của tệp", required=False, widget=forms.PasswordInput)

    class Meta:
        model = SigningCertificate
        fields = ["agency", "label"]

    def clean(self):
        data = super().clean()
        p12, cert, key = data.get("pkcs12"), data.get("certificate"), data.get("private_key")
        try:
            if p12:
                self.material = keys.from_pkcs12(p12.read(), data.get("passphrase") or "")
            elif cert and key:
                chain = data.get("chain")
                self.material = keys.from_pem(
                    cert.read(), key.read(), chain.read() if chain else b"", data.get("passphrase") or ""
                )
            else:
                raise ValidationError(
                    "Tải lên tệp PKCS#12, hoặc chứng thư và khóa bí mật PEM. / Upload a PKCS#12 file, "
                    "or a PEM certificate and private key."
                )
        except DossierError as exc:
            raise ValidationError(f"{exc.message_vi} / {exc.message_en}") from None
        return data


@admin.register(SigningCertificate)
class SigningCertificateAdmin(ProvinceAdminOnly, admin.ModelAdmin):
    list_display = ["agency", "subject", "issuer", "not_after", "is_active", "is_development"]
    list_filter = ["is_active", "is_development"]
    search_fields = ["agency__name", "subject", "fingerprint"]
    readonly_fields = ["subject", "issuer", "serial", "fingerprint", "not_before", "not_after", "created_by"]

    def get_form(self, request, obj=None, **kwargs):
        if obj is None:
            kwargs["form"] = CertificateUploadForm
        return super().get_form(request, obj, **kwargs)

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["agency", "label", "pkcs12", "certificate", "private_key", "chain", "passphrase"]
        return ["agency", "label", "is_active", *self.readonly_fields]

    def get_readonly_fields(self, request, obj=None):
        return [] if obj is None else ["agency", *self.readonly_fields]

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
            return
        row = keys.install(form.cleaned_data["agency"], form.material, label=obj.label, user=request.user)
        obj.pk, obj._state.adding = row.pk, False
        obj.__dict__.update(row.__dict__)


@admin.register(ResultTemplate)
class ResultTemplateAdmin(admin.ModelAdmin):
    list_display = ["name", "version"]
    search_fields = ["name", "version__procedure__code"]
    autocomplete_fields = ["version"]


@admin.register(SignedDocument)
class SignedDocumentAdmin(ProvinceAdminOnly, admin.ModelAdmin):
    list_display = [
        "dossier",
        "kind",
        "name",
        "number",
        "signer_name",
        "signed_by",
        "on_behalf_of",
        "signed_at",
    ]
    list_filter = ["kind"]
    search_fields = ["dossier__code", "number", "sha256"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
