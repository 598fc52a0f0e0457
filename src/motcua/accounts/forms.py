"""Forms only parse and label input; the rules live in services.py. Labels are Vietnamese source
strings translated to English through gettext."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, SetPasswordForm
from django.core.exceptions import ValidationError
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from motcua.core.dates import VnDateField, VnDateInput
from motcua.core.forms import OneLanguageErrorsMixin

from .selectors import client_ip, login_lockout, login_subject


class NoColonMixin:
    """Labels without Django's trailing colon (cleaner accessible names, read aloud as typed)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class ServiceErrorsMixin(NoColonMixin):
    """Put a service's ValidationError on the fields it names (others become form errors)."""

    def add_service_errors(self, error: ValidationError) -> None:
        if hasattr(error, "error_dict"):
            for field, errors in error.message_dict.items():
                self.add_error(field if field in self.fields else None, errors)
        else:
            self.add_error(None, error.messages)


def _password_fields():
    return (
        forms.CharField(
            label=_("Mật khẩu"),
            strip=False,
            widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
            help_text=_("Ít nhất 8 ký tự, không chỉ gồm chữ số, không quá giống thông tin cá nhân."),
        ),
        forms.CharField(
            label=_("Nhập lại mật khẩu"),
            strip=False,
            widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        ),
    )


class _RegistrationForm(OneLanguageErrorsMixin, ServiceErrorsMixin, forms.Form):
    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("password")
            and cleaned.get("password2")
            and cleaned["password"] != cleaned["password2"]
        ):
            self.add_error("password2", _("Hai mật khẩu không khớp nhau."))
        return cleaned


class CitizenRegistrationForm(_RegistrationForm):
    full_name = forms.CharField(
        label=_("Họ và tên"), max_length=255, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    id_number = forms.CharField(
        label=_("Số định danh cá nhân (CCCD)"),
        max_length=12,
        help_text=_("12 chữ số, in trên thẻ căn cước."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    date_of_birth = VnDateField(label=_("Ngày sinh"), widget=VnDateInput(attrs={"autocomplete": "bday"}))
    phone = forms.CharField(
        label=_("Số điện thoại"),
        max_length=20,
        help_text=_("Dùng để đăng nhập và nhận thông báo."),
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    email = forms.EmailField(
        label=_("Thư điện tử (không bắt buộc)"),
        required=False,
        help_text=_("Dùng để đăng nhập và lấy lại mật khẩu."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    address = forms.CharField(
        label=_("Địa chỉ"), max_length=255, widget=forms.TextInput(attrs={"autocomplete": "street-address"})
    )
    password, password2 = _password_fields()


class OrganisationRegistrationForm(_RegistrationForm):
    full_name = forms.CharField(
        label=_("Tên tổ chức, doanh nghiệp"),
        max_length=255,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    tax_code = forms.CharField(
        label=_("Mã số thuế"),
        max_length=14,
        help_text=_("10 chữ số, hoặc 13 chữ số với đơn vị phụ thuộc."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    representative = forms.CharField(
        label=_("Người đại diện"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    phone = forms.CharField(
        label=_("Số điện thoại"),
        max_length=20,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    email = forms.EmailField(
        label=_("Thư điện tử"),
        help_text=_("Dùng để đăng nhập và lấy lại mật khẩu."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    address = forms.CharField(
        label=_("Địa chỉ trụ sở"),
        max_length=255,
        widget=forms.TextInput(attrs={"autocomplete": "street-address"}),
    )
    password, password2 = _password_fields()


def throttled_message(lockout) -> str:
    until = timezone.localtime(lockout.until)
    minutes = max(1, round(lockout.retry_after_seconds / 60))
    return _(
        "Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau %(minutes)s phút (lúc %(time)s), "
        "hoặc lấy lại mật khẩu."
    ) % {"minutes": minutes, "time": formats.time_format(until, "H:i")}


class LoginForm(OneLanguageErrorsMixin, NoColonMixin, AuthenticationForm):
    """Django's login form with an e-mail-or-phone field and a clear throttling message."""

    username = forms.CharField(
        label=_("Thư điện tử hoặc số điện thoại"),
        max_length=254,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )
    password = forms.CharField(
        label=_("Mật khẩu"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _("Thư điện tử/số điện thoại hoặc mật khẩu không đúng."),
    }

    def clean(self):
        identifier, user = login_subject(self.cleaned_data.get("username", ""))
        ip = client_ip(self.request)
        if (lockout := login_lockout(identifier=identifier, ip=ip, user=user)) is not None:
            raise ValidationError(throttled_message(lockout), code="throttled")
        try:
            return super().clean()
        except ValidationError:
            if (lockout := login_lockout(identifier=identifier, ip=ip, user=user)) is not None:
                raise ValidationError(throttled_message(lockout), code="throttled") from None
            raise


class ContactForm(OneLanguageErrorsMixin, ServiceErrorsMixin, forms.Form):
    phone = forms.CharField(
        label=_("Số điện thoại"),
        max_length=20,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    email = forms.EmailField(
        label=_("Thư điện tử"),
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    address = forms.CharField(
        label=_("Địa chỉ"),
        max_length=255,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "street-address"}),
    )


class ResetRequestForm(OneLanguageErrorsMixin, NoColonMixin, PasswordResetForm):
    email = forms.EmailField(
        label=_("Thư điện tử đã đăng ký"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )


class NewPasswordForm(OneLanguageErrorsMixin, NoColonMixin, SetPasswordForm):
    pass
