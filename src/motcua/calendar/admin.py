from django.contrib import admin

from .models import Notice, NoticeDay, OfficeHours, OfficePeriod


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


class OfficePeriodInline(admin.TabularInline):
    model = OfficePeriod
    extra = 2


@admin.register(OfficeHours)
class OfficeHoursAdmin(admin.ModelAdmin):
    list_display = ["__str__", "hours_per_day", "same_day_cutoff"]
    autocomplete_fields = ["agency"]
    inlines = [OfficePeriodInline]
