"""Admin pieces shared by versioned content (procedure versions, process definitions)."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError


class DraftChildInlineMixin:
    """Inlines of versioned content: rows can be added, changed or deleted only while the parent is a draft
    (the parent has `is_editable`)."""

    extra = 0

    def _editable(self, obj) -> bool:
        return obj is None or obj.is_editable

    def has_add_permission(self, request, obj=None):
        return self._editable(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._editable(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._editable(obj) and super().has_delete_permission(request, obj)


class DraftPublishActionsMixin:
    """ "Create a draft from" and "publish" admin actions calling the app's services.

    Set `create_draft` and `publish_draft` to the service functions (wrapped in staticmethod)."""

    create_draft = None
    publish_draft = None

    @admin.action(description="Tạo bản nháp mới từ bản đã chọn")
    def make_draft(self, request, queryset):
        for item in queryset:
            draft = self.create_draft(item, user=request.user)
            self.message_user(request, f"Đã tạo bản nháp {draft}.", messages.SUCCESS)

    @admin.action(description="Kiểm tra và công bố bản nháp đã chọn")
    def publish(self, request, queryset):
        for item in queryset:
            try:
                self.publish_draft(item, user=request.user)
            except ValidationError as err:
                self.message_user(request, f"{item}: {' · '.join(err.messages)}", messages.ERROR)
            else:
                self.message_user(request, f"Đã công bố {item}.", messages.SUCCESS)
