from django.contrib import admin

from .forms import TemplateAdminForm
from .kinds import PLACEHOLDERS
from .models import Notification, NotificationTemplate


@admin.register(NotificationTemplate)
class NotificationTemplateAdmin(admin.ModelAdmin):
    form = TemplateAdminForm
    list_display = ["kind", "subject_vi", "active", "updated_at"]
    list_filter = ["active"]
    readonly_fields = ["kind", "updated_at", "placeholders"]
    fieldsets = [
        (None, {"fields": ["kind", "active", "placeholders"]}),
        ("Tiếng Việt", {"fields": ["subject_vi", "body_vi", "short_vi"]}),
        ("English", {"fields": ["subject_en", "body_en"]}),
        (None, {"fields": ["updated_at"]}),
    ]

    @admin.display(description="Trường dùng được / placeholders")
    def placeholders(self, obj):
        return "; ".join(f"{{{{ {k} }}}}: {v}" for k, v in PLACEHOLDERS.items())

    def has_add_permission(self, request):
        return False  # one template per kind, seeded by the migration

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    """Read-only: the log is written by the system; "retry now" is on the operations page."""

    list_display = ["id", "created_at", "kind", "channel", "recipient_name", "address", "status", "attempts"]
    list_filter = ["status", "channel", "kind"]
    search_fields = ["dossier__code", "address", "recipient_name"]
    raw_id_fields = ["dossier", "recipient_user", "template"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
