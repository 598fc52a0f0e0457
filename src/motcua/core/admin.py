"""Admin pieces shared by versioned content (procedure versions, process definitions)."""

import json

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import models


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


# ----- JSON fields shown as lists -------------------------------------------------------------


def json_as_html(value):
    """A JSON value as nested HTML lists (dict: "key: value" items), escaped; "—" when empty."""
    from django.utils.html import format_html, format_html_join

    if value in (None, "", [], {}):
        return "—"
    if isinstance(value, dict):
        items = format_html_join(
            "", "<li><strong>{}</strong>: {}</li>", ((k, json_as_html(v)) for k, v in value.items())
        )
        return format_html("<ul>{}</ul>", items)
    if isinstance(value, list | tuple):
        return format_html(
            "<ul>{}</ul>", format_html_join("", "<li>{}</li>", ((json_as_html(v),) for v in value))
        )
    if value is True or value is False:
        return "có" if value else "không"
    return format_html("{}", value)


class LinesField(forms.CharField):
    """A list of scalars typed one item per line (a JSON list text is read as well)."""

    def __init__(self, *, item_type=str, **kwargs):
        self.item_type = item_type
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 3}))
        kwargs.setdefault("help_text", "Mỗi dòng một mục.")
        kwargs.pop("encoder", None)
        kwargs.pop("decoder", None)
        kwargs.pop("max_length", None)
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return "\n".join(str(v) for v in value)
        if isinstance(value, str) and value.strip().startswith("["):
            try:
                return "\n".join(str(v) for v in json.loads(value))
            except ValueError:
                return value
        return value

    def to_python(self, value):
        text = (value or "").strip()
        if text.startswith("["):
            try:
                items = json.loads(text)
            except ValueError:
                raise ValidationError("Danh sách không đúng dạng: mỗi dòng một mục.") from None
        else:
            items = [line.strip() for line in text.splitlines() if line.strip()]
        try:
            return [self.item_type(item) for item in items]
        except (TypeError, ValueError):
            raise ValidationError("Mỗi dòng phải là một số nguyên.") from None

    def has_changed(self, initial, data):
        try:
            return self.to_python(data) != list(initial or [])
        except ValidationError:
            return True


class JsonAsListsMixin:
    """For a ModelAdmin or inline: JSON fields named in `json_lines_fields` (name → item type) are
    edited one item per line; every JSON field shown read-only (the others always, these when the
    page is read-only) is a list, never raw JSON."""

    json_lines_fields: dict = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._json_display = {}
        for f in self.model._meta.fields:
            if isinstance(f, models.JSONField):
                name = f"{f.name}_as_list"

                def show(obj, _name=f.name):
                    return json_as_html(getattr(obj, _name, None))

                show.short_description = f.verbose_name
                setattr(self, name, show)
                self._json_display[f.name] = name
        self._json_shown = {k: v for k, v in self._json_display.items() if k not in self.json_lines_fields}
        if self._json_shown:  # never in a form: shown read-only as a list
            self.exclude = [*(self.exclude or ()), *self._json_shown]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name in self.json_lines_fields:
            return LinesField(
                item_type=self.json_lines_fields[db_field.name],
                label=str(db_field.verbose_name).capitalize(),
                required=not db_field.blank,
            )
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def _map(self, request, obj):
        editable = self.has_change_permission(request, obj) if obj is not None else True
        return self._json_shown if editable else self._json_display

    def _swap(self, names, mapping):
        return [mapping.get(n, n) if isinstance(n, str) else n for n in names]

    def get_fields(self, request, obj=None):
        return self._swap(super().get_fields(request, obj), self._map(request, obj))

    def get_fieldsets(self, request, obj=None):
        mapping = self._map(request, obj)
        return [
            (
                title,
                {
                    **opts,
                    "fields": [
                        tuple(self._swap(f, mapping)) if isinstance(f, tuple) else self._swap([f], mapping)[0]
                        for f in opts["fields"]
                    ],
                },
            )
            for title, opts in super().get_fieldsets(request, obj)
        ]

    def get_readonly_fields(self, request, obj=None):
        shown = self._map(request, obj)
        names = [*self._swap(super().get_readonly_fields(request, obj), self._json_display), *shown.values()]
        return list(dict.fromkeys(names))
