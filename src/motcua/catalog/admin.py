"""Catalogue admin. Published versions are read-only: "Tạo bản nháp" copies one into an editable draft,
"Công bố" publishes a draft as the procedure's new current version (both through services)."""

from django.contrib import admin

from motcua.core.admin import DraftChildInlineMixin, DraftPublishActionsMixin, JsonAsListsMixin
from motcua.organizations.admin import FoldedSearchMixin

from .models import Component, Fee, LegalBasis, Procedure, ProcedureVersion, ProcessingTime, Result, Sector
from .services import procedure_version_create_draft, procedure_version_publish


@admin.register(Sector)
class SectorAdmin(FoldedSearchMixin, admin.ModelAdmin):
    list_display = ["name", "code"]
    search_fields = ["search_text"]


class VersionChildInline(DraftChildInlineMixin, admin.TabularInline):
    pass


class ProcessingTimeInline(VersionChildInline):
    model = ProcessingTime


class FeeInline(VersionChildInline):
    model = Fee


class ComponentInline(VersionChildInline):
    model = Component


class ResultInline(VersionChildInline):
    model = Result


class LegalBasisInline(VersionChildInline):
    model = LegalBasis


@admin.register(ProcedureVersion)
class ProcedureVersionAdmin(JsonAsListsMixin, DraftPublishActionsMixin, admin.ModelAdmin):
    # the e-form (a list of field definitions) is shown as a list; it arrives with the catalogue import
    json_lines_fields = {"applicant_types": str}
    list_display = ["procedure", "number", "name", "status", "published_at"]
    list_filter = ["status", "level", "online_kind", "sector"]
    search_fields = ["procedure__code", "name"]
    list_select_related = ["procedure"]
    autocomplete_fields = ["competent_agencies", "receiving_agencies"]
    readonly_fields = ["procedure", "number", "status", "created_at", "published_at", "published_by"]
    inlines = [ProcessingTimeInline, FeeInline, ComponentInline, ResultInline, LegalBasisInline]
    actions = ["make_draft", "publish"]
    create_draft = staticmethod(procedure_version_create_draft)
    publish_draft = staticmethod(procedure_version_publish)

    def has_add_permission(self, request):
        return False  # a version is born from a publish, an import or a draft copy

    def has_change_permission(self, request, obj=None):
        if obj is not None and not obj.is_editable:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return obj is not None and obj.is_editable and super().has_delete_permission(request, obj)


class VersionInline(admin.TabularInline):
    model = ProcedureVersion
    fields = ["number", "name", "status", "published_at"]
    readonly_fields = fields
    extra = 0
    show_change_link = True
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Procedure)
class ProcedureAdmin(FoldedSearchMixin, admin.ModelAdmin):
    list_display = ["code", "name", "sector", "level", "online_kind", "is_active"]
    list_filter = ["level", "online_kind", "is_active", "sector"]
    search_fields = ["search_text"]
    list_select_related = ["sector"]
    readonly_fields = ["code", "current_version", "name", "sector", "level", "online_kind"]
    fields = ["code", "is_active", "current_version", "name", "sector", "level", "online_kind"]
    inlines = [VersionInline]

    def has_add_permission(self, request):
        return False  # procedures arrive by import or publication
