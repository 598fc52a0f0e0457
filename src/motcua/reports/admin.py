from django.contrib import admin

from .models import IndicatorSetting


@admin.register(IndicatorSetting)
class IndicatorSettingAdmin(admin.ModelAdmin):
    """The province admin sets the points and thresholds of the Decision 766 indicators (no code)."""

    list_display = ["code", "group", "name", "max_points", "threshold", "formula"]
    list_editable = ["max_points", "threshold"]
    list_filter = ["group", "formula"]
    readonly_fields = ["code", "group"]
    fields = ["code", "group", "name", "max_points", "threshold", "formula", "source", "position"]

    def has_add_permission(self, request):
        return False  # the indicators are the national portal's; their list comes with the system

    def has_delete_permission(self, request, obj=None):
        return False
