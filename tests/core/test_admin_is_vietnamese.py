"""The admin is Vietnamese throughout: every field and app of every admin page has a Vietnamese
name (no name Django makes up from an English attribute), JSON fields are shown as lists."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.auth import get_user_model

from motcua.catalog.models import ProcedureVersion
from tests.factories.catalog import publish_procedure


def _registered_models():
    found = []
    for model, model_admin in admin.site._registry.items():
        found.append(model)
        found.extend(i.model for i in model_admin.inlines)
    return found


def _default_label(field) -> str:
    return field.name.replace("_", " ")


@pytest.mark.parametrize(
    "model",
    [
        m
        for m in _registered_models()
        if m._meta.app_label.startswith("motcua") or m._meta.app_config.name.startswith("motcua")
    ],
    ids=lambda m: m._meta.label,
)
def test_every_field_of_our_models_has_a_vietnamese_name(model):
    english = [
        f.name for f in model._meta.fields if str(f.verbose_name) == _default_label(f) and f.name != "id"
    ]
    assert english == []


def test_every_app_in_the_admin_has_a_vietnamese_name():
    labels = {m._meta.app_label for m in _registered_models()}
    english = [label for label in labels if apps.get_app_config(label).verbose_name.isascii()]
    assert english == []


@pytest.mark.django_db
def test_admin_pages_show_no_made_up_english_names(client):
    client.force_login(get_user_model().objects.create_superuser("qt", "qt@example.vn", "x-Mat-khau-1"))
    for model in admin.site._registry:
        url = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
        page = client.get(url)
        assert page.status_code == 200, url
        html = page.content.decode()
        for field in model._meta.fields:
            made_up = _default_label(field).capitalize()
            if field.name != "id" and str(field.verbose_name) == _default_label(field):
                assert f">{made_up}<" not in html, (url, made_up)


@pytest.mark.django_db
def test_json_fields_are_lists_not_raw_json(client):
    procedure = publish_procedure(applicant_types=("Công dân Việt Nam", "Người nước ngoài"))
    version = ProcedureVersion.objects.get(pk=procedure.current_version_id)
    client.force_login(get_user_model().objects.create_superuser("qt", "qt@example.vn", "x-Mat-khau-1"))
    html = client.get(f"/admin/catalog/procedureversion/{version.pk}/change/").content.decode()
    assert "<li>Công dân Việt Nam</li>" in html
    assert '["Công dân' not in html and "[&quot;" not in html
    assert "<strong>name</strong>: ho_ten" in html  # the e-form, as a list
