"""The background-task tables of django-tasks-db and django-periodic-tasks, shown in Vietnamese
(their own admin pages are in English): read-only lists and details with Vietnamese column names;
scheduled tasks can be switched on and off. Operations proper live on the jobs page (views.py)."""

from django.contrib import admin
from django_periodic_tasks.models import ScheduledTask, TaskExecution
from django_tasks_db.models import DBTaskResult

from motcua.core.admin import json_as_html

APP_LABELS = {
    "django_tasks_database": "Hàng đợi việc chạy nền",
    "django_periodic_tasks": "Việc chạy định kỳ",
}

LABELS = {
    DBTaskResult: {
        "id": "mã",
        "task_path": "việc",
        "status": "trạng thái",
        "enqueued_at": "xếp hàng lúc",
        "started_at": "bắt đầu lúc",
        "finished_at": "xong lúc",
        "priority": "độ ưu tiên",
        "queue_name": "hàng đợi",
        "backend_name": "máy chạy",
        "run_after": "chạy sau",
        "args_kwargs": "tham số",
        "return_value": "kết quả trả về",
        "exception_class_path": "loại lỗi",
        "traceback": "vết lỗi",
        "worker_ids": "tiến trình xử lý",
    },
    ScheduledTask: {
        "name": "tên",
        "task_path": "việc",
        "cron_expression": "lịch chạy (cron)",
        "timezone": "múi giờ",
        "enabled": "đang bật",
        "last_run_at": "chạy lần cuối lúc",
        "next_run_at": "chạy lần tới lúc",
        "total_run_count": "số lần đã chạy",
        "queue_name": "hàng đợi",
        "priority": "độ ưu tiên",
        "source": "nguồn khai báo",
        "args": "tham số",
        "kwargs": "tham số có tên",
        "backend": "máy chạy",
        "created_at": "tạo lúc",
        "updated_at": "cập nhật lúc",
    },
    TaskExecution: {
        "id": "mã",
        "scheduled_task": "việc định kỳ",
        "status": "trạng thái",
        "created_at": "tạo lúc",
        "dispatched_at": "gửi đi lúc",
        "dispatch_count": "số lần gửi",
        "completed_at": "xong lúc",
    },
}


def _column(name: str, label: str):
    def show(obj):
        value = getattr(obj, name)
        if isinstance(value, dict | list | bool):
            return json_as_html(value)  # JSON as lists, booleans as có / không
        return value

    show.short_description = label
    show.__name__ = f"col_{name}"
    return show


def _vietnamese_admin(model, list_columns: int, extra_actions=()):
    labels = LABELS[model]
    columns = [_column(n, v) for n, v in labels.items()]

    class VietnameseReadOnlyAdmin(admin.ModelAdmin):
        list_display = columns[:list_columns]
        fields = readonly_fields = columns
        actions = list(extra_actions)

        def has_add_permission(self, request, obj=None):
            return False

        def has_delete_permission(self, request, obj=None):
            return False

    VietnameseReadOnlyAdmin.__name__ = f"{model.__name__}VietnameseAdmin"
    return VietnameseReadOnlyAdmin


@admin.action(description="Bật các việc định kỳ đã chọn")
def enable(modeladmin, request, queryset):
    queryset.update(enabled=True)


@admin.action(description="Tắt các việc định kỳ đã chọn")
def disable(modeladmin, request, queryset):
    queryset.update(enabled=False)


for _model, _count, _actions in (
    (DBTaskResult, 8, ()),
    (ScheduledTask, 7, (enable, disable)),
    (TaskExecution, 5, ()),
):
    if admin.site.is_registered(_model):
        admin.site.unregister(_model)
    admin.site.register(_model, _vietnamese_admin(_model, _count, _actions))
