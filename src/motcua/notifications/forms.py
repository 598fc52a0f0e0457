from django import forms
from django.utils.translation import gettext_lazy as _

from . import rendering
from .kinds import OPTIONAL_KINDS, Channel, Kind
from .models import NotificationTemplate


class PreferencesForm(forms.Form):
    """What a person receives: every channel on by default; informational kinds may be turned off."""

    channels = forms.MultipleChoiceField(
        label=_("Nhận thông báo qua"),
        choices=Channel.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    kinds = forms.MultipleChoiceField(
        label=_("Nhận các thông báo (không bắt buộc)"),
        choices=[(k.value, k.label) for k in Kind if k in OPTIONAL_KINDS],
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_(
            "Yêu cầu bổ sung, nộp phí, xin lỗi hẹn lại, từ chối và dừng xử lý "
            "luôn được gửi qua các kênh bạn nhận."
        ),
    )


class TemplateAdminForm(forms.ModelForm):
    """The admin's form: every text must render (Django template syntax) with the sample data."""

    class Meta:
        model = NotificationTemplate
        fields = ["active", "subject_vi", "body_vi", "short_vi", "subject_en", "body_en"]

    def clean(self):
        cleaned = super().clean()
        for name in ("subject_vi", "body_vi", "short_vi", "subject_en", "body_en"):
            source = cleaned.get(name) or ""
            try:
                rendering.check(source)
            except Exception as exc:
                self.add_error(
                    name,
                    f"Mẫu không hợp lệ: {exc} / The template does not render: {exc}",
                )
        return cleaned
