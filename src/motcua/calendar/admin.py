import hashlib

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse

from .models import Notice, NoticeDay, OfficeHours, OfficePeriod
from .notice_changes import NoticeDraftError
from .notice_forms import NoticeDayFormSet, NoticeForm, draft_of, initial_of


class NoticeDayInline(admin.TabularInline):
    model = NoticeDay
    extra = 3


@admin.register(Notice)
class NoticeAdmin(admin.ModelAdmin):
    list_display = ["number", "year", "title", "issued_on", "fixes_lunar_new_year", "fixes_national_day"]
    list_filter = ["year"]
    search_fields = ["number", "title"]
    inlines = [NoticeDayInline]
    fieldsets = [
        (None, {"fields": ["number", "title", "year", "issued_on", "issuer", "source_url"]}),
        ("Phạm vi", {"fields": ["fixes_lunar_new_year", "fixes_national_day", "note"]}),
    ]

    # Adding or changing a notice goes through a preview (days off added / removed, provisional days
    # replaced, open dossiers whose due dates move) and an apply that recomputes those dossiers
    # through the lifecycle (dossiers.calendar_change). The stock change form is not used.

    def add_view(self, request, form_url="", extra_context=None):
        if not self.has_add_permission(request):
            raise PermissionDenied
        return self._edit(request, None)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        notice = get_object_or_404(Notice, pk=object_id)
        if not self.has_change_permission(request, notice):
            return super().change_view(request, object_id, form_url, extra_context)  # read-only view
        return self._edit(request, notice)

    def _edit(self, request, notice):
        from motcua.dossiers.calendar_change import notice_apply, notice_preview
        from motcua.dossiers.errors import DossierError

        preview = token = None
        problems: list[str] = []
        if request.method == "POST":
            form = NoticeForm(request.POST, notice=notice)
            formset = NoticeDayFormSet(request.POST, prefix="days")
            if form.is_valid() and formset.is_valid():
                draft = draft_of(form, formset)
                token = hashlib.sha256(repr(draft).encode()).hexdigest()
                try:
                    if "_apply" in request.POST and request.POST.get("preview_token") == token:
                        saved, moves = notice_apply(draft, request.user)
                        self.message_user(
                            request,
                            f"Đã lưu thông báo {saved.number}; đã tính lại hạn của {len(moves)} hồ sơ.",
                            messages.SUCCESS,
                        )
                        return redirect("admin:calendar_notice_changelist")
                    preview = notice_preview(draft)
                except NoticeDraftError as exc:
                    problems = [m.split(" / ")[0] for m in exc.messages]
                except ValidationError as exc:
                    problems = [m.split(" / ")[0] for m in exc.messages]
                except DossierError as exc:
                    problems = [exc.message_vi]
        else:
            fields, days = initial_of(notice)
            form = NoticeForm(initial=fields, notice=notice)
            formset = NoticeDayFormSet(initial=days, prefix="days")
        title = f"Sửa thông báo {notice.number}" if notice else "Thêm thông báo nghỉ lễ, Tết"
        context = {
            **self.admin_site.each_context(request),
            "title": title,
            "opts": self.model._meta,
            "form": form,
            "formset": formset,
            "preview": preview,
            "token": token,
            "problems": problems,
        }
        return TemplateResponse(request, "admin/calendar/notice/edit.html", context)


class OfficePeriodInline(admin.TabularInline):
    model = OfficePeriod
    extra = 2


@admin.register(OfficeHours)
class OfficeHoursAdmin(admin.ModelAdmin):
    list_display = ["__str__", "hours_per_day", "same_day_cutoff"]
    autocomplete_fields = ["agency"]
    inlines = [OfficePeriodInline]
