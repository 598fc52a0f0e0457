"""The admin's holiday-notice form: dates typed dd/mm/yyyy, days as a formset, read into a
`NoticeDraft` for the preview and the apply (calendar.notice_changes, dossiers.calendar_change)."""

from __future__ import annotations

from django import forms

from motcua.core.dates import VnDateField
from motcua.core.forms import OneLanguageErrorsMixin

from .models import DayKind, Notice
from .notice_changes import NoticeDraft


class NoticeForm(OneLanguageErrorsMixin, forms.Form):
    number = forms.CharField(label="Số hiệu", max_length=64, help_text="Ví dụ: 9441/TB-BNV")
    title = forms.CharField(label="Trích yếu", max_length=500)
    year = forms.IntegerField(label="Năm áp dụng", min_value=2000, max_value=2099)
    issued_on = VnDateField(label="Ngày ban hành", required=False)
    issuer = forms.CharField(label="Cơ quan ban hành", max_length=255, required=False)
    source_url = forms.URLField(label="Đường dẫn văn bản", required=False)
    fixes_lunar_new_year = forms.BooleanField(
        label="Ấn định ngày nghỉ Tết Âm lịch",
        required=False,
        help_text="Khi chọn, các ngày nghỉ Tết tạm tính được thay bằng các ngày nghỉ của thông báo này.",
    )
    fixes_national_day = forms.BooleanField(
        label="Ấn định ngày nghỉ Quốc khánh",
        required=False,
        help_text="Khi chọn, ngày nghỉ liền kề 02/9 tạm tính được thay bằng các ngày của thông báo này.",
    )
    note = forms.CharField(label="Ghi chú", widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args, notice: Notice | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.notice = notice

    def clean_number(self):
        number = self.cleaned_data["number"].strip()
        taken = Notice.objects.filter(number=number)
        if self.notice is not None:
            taken = taken.exclude(pk=self.notice.pk)
        if taken.exists():
            raise forms.ValidationError("Đã có thông báo mang số hiệu này.")
        return number


class NoticeDayForm(OneLanguageErrorsMixin, forms.Form):
    date = VnDateField(label="Ngày")
    kind = forms.ChoiceField(label="Loại ngày", choices=DayKind.choices)
    note = forms.CharField(label="Nội dung", max_length=255, required=False)


NoticeDayFormSet = forms.formset_factory(NoticeDayForm, extra=3, can_delete=True)


def initial_of(notice: Notice | None) -> tuple[dict, list[dict]]:
    if notice is None:
        return {"fixes_lunar_new_year": False, "fixes_national_day": False}, []
    fields = {
        name: getattr(notice, name)
        for name in (
            "number",
            "title",
            "year",
            "issued_on",
            "issuer",
            "source_url",
            "fixes_lunar_new_year",
            "fixes_national_day",
            "note",
        )
    }
    days = [{"date": d.date, "kind": d.kind, "note": d.note} for d in notice.days.all()]
    return fields, days


def draft_of(form: NoticeForm, formset) -> NoticeDraft:
    """Both must be valid."""
    data = form.cleaned_data
    days = tuple(
        sorted(
            (f.cleaned_data["date"], f.cleaned_data["kind"], f.cleaned_data.get("note", ""))
            for f in formset.forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE") and f.cleaned_data.get("date")
        )
    )
    return NoticeDraft(
        number=data["number"],
        title=data["title"],
        year=data["year"],
        days=days,
        fixes_lunar_new_year=data["fixes_lunar_new_year"],
        fixes_national_day=data["fixes_national_day"],
        issued_on=data.get("issued_on"),
        issuer=data.get("issuer", ""),
        source_url=data.get("source_url", ""),
        note=data.get("note", ""),
        notice_id=form.notice.pk if form.notice is not None else None,
    )
