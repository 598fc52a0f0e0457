"""Read-only admin views: a dossier changes only through the lifecycle service, never by a form."""

from django.contrib import admin

from motcua.core.admin import JsonAsListsMixin

from .models import ApiToken, Dossier, DossierEvent, OutboxMessage


class ReadOnlyAdmin(JsonAsListsMixin, admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class EventInline(admin.TabularInline):
    model = DossierEvent
    fields = (
        "seq",
        "at",
        "action",
        "actor_name",
        "role",
        "from_state",
        "to_state",
        "to_step",
        "step_outcome",
    )
    readonly_fields = fields
    extra = 0
    can_delete = False
    ordering = ("seq",)

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Dossier)
class DossierAdmin(ReadOnlyAdmin):
    list_display = ("code", "state", "national_status", "channel", "current_step", "due_at", "received_at")
    list_filter = ("state", "channel", "receiving_agency")
    search_fields = ("code",)
    list_select_related = ("receiving_agency",)
    show_full_result_count = False
    inlines = (EventInline,)


@admin.register(OutboxMessage)
class OutboxAdmin(ReadOnlyAdmin):
    list_display = ("topic", "key", "created_at", "processed_at", "attempts")
    list_filter = ("topic",)
    search_fields = ("key",)
    show_full_result_count = False


@admin.register(ApiToken)
class ApiTokenAdmin(ReadOnlyAdmin):
    list_display = ("prefix", "user", "name", "created_at", "last_used_at", "revoked_at")
    search_fields = ("prefix", "user__username")

    @admin.action(description="Thu hồi mã truy cập / Revoke")
    def revoke(self, request, queryset):
        from motcua.core import clock

        queryset.filter(revoked_at__isnull=True).update(revoked_at=clock.now())

    actions = ("revoke",)

    def has_change_permission(self, request, obj=None):
        return obj is None and request.user.is_superuser
