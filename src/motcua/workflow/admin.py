"""Process definitions in the admin. A draft is edited with its steps and transitions inline; published
and superseded definitions are read-only. "Tạo bản nháp" copies one into a new draft, "Công bố" validates
and publishes drafts (both through services). Save the steps first: the transition lists offer the
steps already saved in this definition."""

import json

from django.contrib import admin
from django.http import HttpResponse

from motcua.core.admin import DraftChildInlineMixin, DraftPublishActionsMixin, JsonAsListsMixin

from .models import ProcessDefinition, Step, Transition
from .services import (
    process_definition_create_draft,
    process_definition_export,
    process_definition_next_number,
    process_definition_publish,
)
from .validation import longest_path_hours


class StepInline(JsonAsListsMixin, DraftChildInlineMixin, admin.StackedInline):
    json_lines_fields = {"required_component_positions": int, "required_fields": str}
    model = Step
    fieldsets = [
        (None, {"fields": [("position", "key", "name"), ("kind", "is_terminal")]}),
        ("Người thực hiện và thời gian", {"fields": [("role", "agency", "officer"), "allotment_hours"]}),
        ("Người dân", {"fields": [("notify_applicant", "public_status")]}),
        (
            "Điều kiện rời bước và xin ý kiến",
            {"fields": ["required_component_positions", "required_fields", "consulted_agencies"]},
        ),
    ]
    autocomplete_fields = ["agency", "officer", "consulted_agencies"]


class TransitionInline(DraftChildInlineMixin, admin.TabularInline):
    model = Transition
    fields = ["from_step", "action", "to_step"]

    def get_formset(self, request, obj=None, **kwargs):
        self._definition = obj
        return super().get_formset(request, obj, **kwargs)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in ("from_step", "to_step"):
            definition = getattr(self, "_definition", None)
            kwargs["queryset"] = (
                Step.objects.filter(definition=definition).order_by("position")
                if definition is not None
                else Step.objects.none()
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(ProcessDefinition)
class ProcessDefinitionAdmin(DraftPublishActionsMixin, admin.ModelAdmin):
    list_display = ["procedure", "agency", "number", "name", "status", "published_at"]
    list_filter = ["status"]
    search_fields = ["procedure__code", "procedure__name", "name", "agency__name"]
    list_select_related = ["procedure", "agency"]
    autocomplete_fields = ["procedure", "agency"]
    readonly_fields = [
        "number",
        "status",
        "created_at",
        "published_at",
        "published_by",
        "total_hours",
    ]
    inlines = [StepInline, TransitionInline]
    actions = ["make_draft", "publish", "export_json"]
    create_draft = staticmethod(process_definition_create_draft)
    publish_draft = staticmethod(process_definition_publish)

    @admin.display(description="tổng thời gian đường dài nhất (giờ làm việc)")
    def total_hours(self, obj):
        return f"{longest_path_hours(obj):g}" if obj and obj.pk else "—"

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None:
            fields += ["procedure", "agency"]  # a draft stays in its (procedure, agency) series
        return fields

    def has_change_permission(self, request, obj=None):
        if obj is not None and not obj.is_editable:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return obj is not None and obj.is_editable and super().has_delete_permission(request, obj)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.number = process_definition_next_number(obj.procedure, obj.agency_id)
        super().save_model(request, obj, form, change)

    @admin.action(description="Xuất tệp JSON")
    def export_json(self, request, queryset):
        payload = [process_definition_export(d) for d in queryset]
        body = json.dumps(payload[0] if len(payload) == 1 else payload, ensure_ascii=False, indent=2)
        response = HttpResponse(body, content_type="application/json; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="quy-trinh.json"'
        return response
