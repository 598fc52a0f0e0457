"""E-forms: a procedure version's `eform` JSON list (docs/eforms.md) turned into a Django form.

Each entry is one typed field: `{"name", "label", "type", "required", "help", "choices", "min", "max",
"max_length", "section", "prefill"}`. Unknown types fall back to text; entries without a name are
skipped, so a malformed catalogue record never breaks the portal.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
from django.utils.translation import gettext as _

from motcua.core.forms import OneLanguageErrorsMixin
from motcua.organizations.validators import validate_citizen_id, validate_phone, validate_tax_code

TYPES = (
    "text",
    "textarea",
    "number",
    "integer",
    "date",
    "select",
    "radio",
    "checkbox",
    "id_number",
    "tax_code",
    "phone",
    "email",
)
NAME_RE = re.compile(r"^[a-z][a-z0-9_]{0,63}$")
# Keys of eform_data the portal writes itself (never e-form field names).
RESERVED_PREFIX = "_"


@dataclass(frozen=True)
class EField:
    name: str
    label: str
    type: str = "text"
    required: bool = False
    help: str = ""
    choices: tuple[tuple[str, str], ...] = ()
    min: Decimal | None = None
    max: Decimal | None = None
    max_length: int = 255
    section: str = ""
    prefill: str = ""
    default: object = None


def _choices(raw) -> tuple[tuple[str, str], ...]:
    out = []
    for item in raw or ():
        if isinstance(item, dict):
            value = str(item.get("value", item.get("label", "")))
            out.append((value, str(item.get("label", value))))
        else:
            out.append((str(item), str(item)))
    return tuple(out)


def _decimal(value) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except ArithmeticError:
        return None


def parse(eform) -> list[EField]:
    """The usable fields of a version's e-form, in order."""
    fields = []
    seen = set()
    for item in eform or ():
        if not isinstance(item, dict):
            continue
        name = str(item.get("name") or "")
        if not NAME_RE.match(name) or name in seen:
            continue
        seen.add(name)
        kind = str(item.get("type") or "text")
        if kind not in TYPES:
            kind = "text"
        fields.append(
            EField(
                name=name,
                label=str(item.get("label") or name),
                type=kind,
                required=bool(item.get("required")),
                help=str(item.get("help") or ""),
                choices=_choices(item.get("choices")),
                min=_decimal(item.get("min")),
                max=_decimal(item.get("max")),
                max_length=int(item.get("max_length") or (2000 if kind == "textarea" else 255)),
                section=str(item.get("section") or ""),
                prefill=str(item.get("prefill") or ""),
                default=item.get("default"),
            )
        )
    return fields


def _django_field(f: EField) -> forms.Field:
    common = {"label": f.label, "required": f.required, "help_text": f.help}
    if f.type == "textarea":
        return forms.CharField(max_length=f.max_length, widget=forms.Textarea(attrs={"rows": 3}), **common)
    if f.type in ("number", "integer"):
        field_class = forms.IntegerField if f.type == "integer" else forms.DecimalField
        return field_class(
            min_value=f.min,
            max_value=f.max,
            widget=forms.NumberInput(attrs={"inputmode": "decimal"}),
            **common,
        )
    if f.type == "date":
        return forms.DateField(
            widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            input_formats=["%Y-%m-%d", "%d/%m/%Y"],
            **common,
        )
    if f.type in ("select", "radio"):
        choices = list(f.choices)
        if f.type == "select":
            choices = [("", _("— Chọn —")), *choices]
        widget = forms.RadioSelect if f.type == "radio" else forms.Select
        return forms.ChoiceField(choices=choices, widget=widget, **common)
    if f.type == "checkbox":
        return forms.BooleanField(**common)
    if f.type == "id_number":
        return forms.CharField(
            max_length=12,
            validators=[validate_citizen_id],
            widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
            **common,
        )
    if f.type == "tax_code":
        return forms.CharField(max_length=14, validators=[validate_tax_code], **common)
    if f.type == "phone":
        return forms.CharField(
            max_length=20,
            validators=[validate_phone],
            widget=forms.TextInput(attrs={"type": "tel"}),
            **common,
        )
    if f.type == "email":
        return forms.CharField(
            max_length=254, validators=[EmailValidator()], widget=forms.EmailInput(), **common
        )
    return forms.CharField(max_length=f.max_length, **common)


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
        """cleaned_data as JSON values: dates ISO, numbers as int or string, booleans, strings."""
        out = {}
        for f in self.efields:
            value = self.cleaned_data.get(f.name)
            if isinstance(value, date):
                value = value.isoformat()
            elif isinstance(value, Decimal):
                value = int(value) if value == value.to_integral_value() else str(value)
            elif value is None:
                value = ""
            out[f.name] = value
        return out


def form_for(eform, *, data=None, initial=None) -> EForm:
    efields = parse(eform)
    attrs = {f.name: _django_field(f) for f in efields}
    attrs["efields"] = efields
    form_class = type("VersionEForm", (EForm,), attrs)
    return form_class(data=data, initial=initial)


def problems(eform, values: dict) -> list[tuple[str, str]]:
    """(field label, message) for every stored value that would not pass the form (completeness)."""
    efields = parse(eform)
    data = {}
    for f in efields:
        value = values.get(f.name, "")
        if f.type == "checkbox":
            if value:
                data[f.name] = "on"
        elif value not in (None, ""):
            data[f.name] = str(value)
    form = form_for(eform, data=data)
    if form.is_valid():
        return []
    labels = {f.name: f.label for f in efields}
    return [(labels.get(name, name), " ".join(errors)) for name, errors in form.errors.items()]


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


def validate_definition(eform) -> list[str]:
    """Problems in an e-form definition (for catalogue checks and tests): names, types, choices."""
    errors = []
    names = set()
    for i, item in enumerate(eform or ()):
        if not isinstance(item, dict):
            errors.append(f"#{i}: not an object")
            continue
        name = str(item.get("name") or "")
        if not NAME_RE.match(name):
            errors.append(f"#{i}: invalid name {name!r}")
        if name in names:
            errors.append(f"#{i}: duplicate name {name!r}")
        names.add(name)
        if str(item.get("type") or "text") not in TYPES:
            errors.append(f"{name}: unknown type {item.get('type')!r}")
        if item.get("type") in ("select", "radio") and not item.get("choices"):
            errors.append(f"{name}: a {item.get('type')} needs choices")
        if not item.get("label"):
            errors.append(f"{name}: label missing")
    return errors


__all__ = ["EField", "EForm", "ValidationError", "form_for", "parse", "problems", "summary_rows"]
