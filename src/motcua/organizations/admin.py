from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from motcua.core.search import search_filter

from .models import Agency, AgencySuccession, Applicant, Delegation, StaffRole, User


class FoldedSearchMixin:
    """Admin search through the folded `search_text` column, so accents and đ don't matter."""

    def get_search_results(self, request, queryset, search_term):
        return search_filter(queryset, search_term), False


class SuccessionInline(admin.TabularInline):
    model = AgencySuccession
    fk_name = "predecessor"
    extra = 0
    autocomplete_fields = ["successor"]
    verbose_name_plural = "đơn vị kế thừa"


@admin.register(Agency)
class AgencyAdmin(FoldedSearchMixin, admin.ModelAdmin):
    list_display = ["name", "identifier", "kind", "parent", "admin_unit_code", "valid_from", "valid_to"]
    list_filter = ["kind", "identifier_is_invented"]
    search_fields = ["search_text"]
    autocomplete_fields = ["parent"]
    list_select_related = ["parent"]
    inlines = [SuccessionInline]


class StaffRoleInline(admin.TabularInline):
    model = StaffRole
    extra = 0
    autocomplete_fields = ["agency"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    inlines = [StaffRoleInline]
    list_display = ["username", "first_name", "last_name", "email", "is_staff", "is_active"]
    list_filter = ["is_staff", "is_active", "staff_roles__role", "staff_roles__agency__kind"]
    fieldsets = (*BaseUserAdmin.fieldsets, ("Thông tin thêm", {"fields": ("phone", "title")}))


@admin.register(StaffRole)
class StaffRoleAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "agency", "valid_from", "valid_to"]
    list_filter = ["role", "agency__kind"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "agency__name"]
    autocomplete_fields = ["user", "agency"]
    list_select_related = ["user", "agency"]


@admin.register(Delegation)
class DelegationAdmin(admin.ModelAdmin):
    list_display = ["delegator", "delegate", "role", "agency", "starts_at", "ends_at", "revoked_at"]
    list_filter = ["role"]
    autocomplete_fields = ["delegator", "delegate", "agency"]
    list_select_related = ["delegator", "delegate", "agency"]


@admin.register(Applicant)
class ApplicantAdmin(FoldedSearchMixin, admin.ModelAdmin):
    list_display = ["full_name", "kind", "id_number", "tax_code", "phone", "email"]
    list_filter = ["kind"]
    search_fields = ["search_text"]
    autocomplete_fields = ["user"]
