"""Forms of the back office (input parsing only)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from motcua.core.dates import VnDateField, VnDateTimeField
from motcua.core.forms import OneLanguageErrorsMixin
from motcua.dossiers.states import Channel
from motcua.organizations.models import ApplicantKind

from .selectors import Filters


class WorklistFilterForm(OneLanguageErrorsMixin, forms.Form):
    q = forms.CharField(label=_("Tìm mã hồ sơ, tên, số định danh"), required=False, max_length=200)
    procedure = forms.CharField(label=_("Mã thủ tục"), required=False, max_length=16)
    channel = forms.ChoiceField(
        label=_("Kênh nộp"), required=False, choices=[("", _("Tất cả")), *list(Channel.choices)]
    )
    date_from = VnDateField(label=_("Nộp từ ngày"), required=False)
    date_to = VnDateField(label=_("Đến ngày"), required=False)

    def filters(self) -> Filters:
        if not self.is_valid():
            return Filters()
        d = self.cleaned_data
        return Filters(
            procedure=d["procedure"].strip(),
            channel=d["channel"],
            date_from=d["date_from"],
            date_to=d["date_to"],
            q=d["q"].strip(),
        )


DESK_CHANNELS = [(Channel.IN_PERSON.value, Channel.IN_PERSON.label), (Channel.POST.value, Channel.POST.label)]


class DeskForm(OneLanguageErrorsMixin, forms.Form):
    procedure = forms.CharField(label=_("Thủ tục"), max_length=16)
    channel = forms.ChoiceField(label=_("Hình thức nộp"), choices=DESK_CHANNELS, initial=Channel.IN_PERSON)
    receiving_agency = forms.IntegerField(required=False, widget=forms.HiddenInput)
    competent_agency = forms.ChoiceField(label=_("Cơ quan giải quyết"), required=False)
    kind = forms.ChoiceField(
        label=_("Loại đối tượng"), choices=ApplicantKind.choices, initial=ApplicantKind.CITIZEN
    )
    identifier = forms.CharField(label=_("Số định danh cá nhân / mã số thuế"), max_length=14)
    full_name = forms.CharField(label=_("Họ tên / tên tổ chức"), max_length=255, required=False)
    phone = forms.CharField(label=_("Điện thoại"), max_length=20, required=False)
    email = forms.EmailField(label=_("Thư điện tử"), required=False)
    address = forms.CharField(label=_("Địa chỉ"), max_length=255, required=False)
    representative_name = forms.CharField(
        label=_("Người được ủy quyền (nếu có)"), max_length=255, required=False
    )
    summary = forms.CharField(label=_("Trích yếu"), max_length=500, required=False)
    reason = forms.CharField(
        label=_("Lý do (khi yêu cầu bổ sung hoặc từ chối)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    missing_other = forms.CharField(
        label=_("Giấy tờ khác cần bổ sung (mỗi dòng một giấy tờ)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, competent_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["competent_agency"].choices = [("", _("Theo thủ tục"))] + [
            (a.pk, a.name) for a in competent_choices
        ]


class TrackingBookForm(OneLanguageErrorsMixin, forms.Form):
    agency = forms.ChoiceField(label=_("Cơ quan tiếp nhận"))
    start = VnDateField(label=_("Từ ngày"))
    end = VnDateField(label=_("Đến ngày"))
    format = forms.ChoiceField(
        label=_("Định dạng"), choices=[("pdf", "PDF"), ("xlsx", "Excel")], initial="pdf"
    )

    def __init__(self, *args, agencies=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].choices = [(a.pk, a.name) for a in agencies]

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            raise forms.ValidationError(_("Ngày kết thúc phải sau ngày bắt đầu."))
        if data.get("start") and data.get("end") and (data["end"] - data["start"]).days > 366:
            raise forms.ValidationError(_("Mỗi lần in tối đa một năm."))
        return data


class DelegationForm(OneLanguageErrorsMixin, forms.Form):
    grant = forms.ChoiceField(label=_("Vai trò ủy quyền"))
    delegate = forms.ChoiceField(label=_("Người được ủy quyền"))
    starts_at = VnDateTimeField(label=_("Từ"))
    ends_at = VnDateTimeField(label=_("Đến"))
    reason = forms.CharField(label=_("Lý do"), max_length=255, required=False)

    def __init__(self, *args, roles=(), candidates=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["grant"].choices = [(r.pk, f"{r.get_role_display()} · {r.agency.name}") for r in roles]
        self.fields["delegate"].choices = [(u.pk, f"{u} ({u.username})") for u in candidates]
