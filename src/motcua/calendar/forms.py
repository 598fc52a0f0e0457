from django import forms
from django.utils.translation import gettext_lazy as _

from motcua.core.dates import VnDateTimeField
from motcua.core.forms import OneLanguageErrorsMixin

from .worktime import WorkTimeError, parse_duration


class DueDateForm(OneLanguageErrorsMixin, forms.Form):
    """People type a local date-time (Asia/Ho_Chi_Minh, the site's zone) and a duration."""

    start = VnDateTimeField(label=_("Thời điểm tiếp nhận"))
    duration = forms.CharField(
        label=_("Thời hạn giải quyết"),
        max_length=20,
        help_text=_("Ví dụ: 3d (3 ngày làm việc), 0.5d, 4h (4 giờ làm việc), 0d (trả trong ngày)."),
    )
    agency = forms.CharField(label=_("Mã định danh cơ quan (không bắt buộc)"), max_length=13, required=False)

    def clean_duration(self):
        try:
            return parse_duration(self.cleaned_data["duration"])
        except WorkTimeError as exc:
            raise forms.ValidationError(f"{exc.message_vi} / {exc.message_en}") from exc
