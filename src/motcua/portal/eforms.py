"""E-forms on the portal: a procedure version's `eform` JSON list (docs/eforms.md) turned into a Django form.

The schema and the rules of every value live in the domain (`motcua.catalog.eform_schema`): each form
field here only chooses the widget and hands its value to `eform_schema.clean_value`, so the portal shows
the very messages the API returns (both languages in one string; the page shows the reader's half).
"""

from __future__ import annotations

from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from motcua.catalog.eform_schema import (
    NAME_RE,
    RESERVED_PREFIX,
    TYPES,
    EField,
    EFormErrors,
    FieldError,
    clean,
    clean_value,
    parse,
    validate_definition,
)
from motcua.core.bilingual import in_active_language
from motcua.core.dates import VnDateField
from motcua.core.forms import OneLanguageErrorsMixin


class _DomainClean:
    """A form field whose whole clean step is the domain's `clean_value` (widgets and HTML attributes
    still come from the Django field class it is mixed into)."""

    def __init__(self, *args, efield: EField, **kwargs):
        self.efield = efield
        super().__init__(*args, **kwargs)

    def clean(self, value):
        try:
            return clean_value(self.efield, value)
        except FieldError as exc:
            raise ValidationError(exc.bilingual, code="eform") from None


class _Text(_DomainClean, forms.CharField):
    pass


class _Integer(_DomainClean, forms.IntegerField):
    pass


class _Decimal(_DomainClean, forms.DecimalField):
    pass


class _Date(_DomainClean, VnDateField):
    pass


class _Choice(_DomainClean, forms.ChoiceField):
    pass


class _Checkbox(_DomainClean, forms.BooleanField):
    pass


def _django_field(f: EField) -> forms.Field:
    common = {"label": f.label, "required": f.required, "help_text": f.help, "efield": f}
    if f.type == "textarea":
        return _Text(max_length=f.max_length, widget=forms.Textarea(attrs={"rows": 3}), **common)
    if f.type in ("number", "integer"):
        field_class = _Integer if f.type == "integer" else _Decimal
        return field_class(
            min_value=f.min,
            max_value=f.max,
            widget=forms.NumberInput(attrs={"inputmode": "decimal"}),
            **common,
        )
    if f.type == "date":
        return _Date(**common)
    if f.type in ("select", "radio"):
        choices = list(f.choices)
        if f.type == "select":
            choices = [("", _("— Chọn —")), *choices]
        widget = forms.RadioSelect if f.type == "radio" else forms.Select
        return _Choice(choices=choices, widget=widget, **common)
    if f.type == "checkbox":
        return _Checkbox(**common)
    if f.type == "id_number":
        return _Text(
            max_length=f.max_length,
            widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
            **common,
        )
    if f.type == "phone":
        return _Text(max_length=f.max_length, widget=forms.TextInput(attrs={"type": "tel"}), **common)
    if f.type == "email":
        return _Text(max_length=f.max_length, widget=forms.EmailInput(), **common)
    return _Text(max_length=f.max_length, **common)


class EForm(OneLanguageErrorsMixin, forms.Form):
    """Built per version by `form_for`; `self.efields` keeps the schema for sections and the summary."""

    efields: list[EField] = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.label_suffix = ""

    def sections(self) -> list[tuple[str, list]]:
        """Bound fields grouped by consecutive `section` (for fieldsets)."""
        groups: list[tuple[str, list]] = []
        for f in self.efields:
            if not groups or groups[-1][0] != f.section:
                groups.append((f.section, []))
            groups[-1][1].append(self[f.name])
        return groups

    def json_data(self) -> dict:
        """cleaned_data as stored: the domain's JSON values (dates ISO, numbers, booleans, strings)."""
        return {f.name: self.cleaned_data.get(f.name, "") for f in self.efields}


def form_for(eform, *, data=None, initial=None) -> EForm:
    efields = parse(eform)
    attrs = {f.name: _django_field(f) for f in efields}
    attrs["efields"] = efields
    form_class = type("VersionEForm", (EForm,), attrs)
    return form_class(data=data, initial=initial)


def problems(eform, values: dict) -> list[tuple[str, str]]:
    """(field label, message in the active language) for every stored value the domain's
    `eform_schema.clean` refuses (the completeness pre-check; the lifecycle runs the same rule)."""
    efields = parse(eform)
    names = {f.name for f in efields}
    try:
        clean(efields, {k: v for k, v in (values or {}).items() if k in names})
    except EFormErrors as exc:
        labels = {f.name: f.label for f in efields}
        return [(labels.get(e.field, e.field), in_active_language(e.bilingual)) for e in exc.errors]
    return []


def display_value(f: EField, value) -> str:
    """A stored value as the applicant would read it (summary, dossier page)."""
    if value in (None, ""):
        return ""
    if f.type == "checkbox":
        return _("Có") if value else _("Không")
    if f.type == "date":
        try:
            return date.fromisoformat(str(value)).strftime("%d/%m/%Y")
        except ValueError:
            return str(value)
    if f.choices:
        return dict(f.choices).get(str(value), str(value))
    return str(value)


def summary_rows(eform, values: dict) -> list[tuple[str, str]]:
    return [(f.label, display_value(f, (values or {}).get(f.name))) for f in parse(eform)]


__all__ = [
    "NAME_RE",
    "RESERVED_PREFIX",
    "TYPES",
    "EField",
    "EForm",
    "ValidationError",
    "form_for",
    "parse",
    "problems",
    "summary_rows",
    "validate_definition",
]
