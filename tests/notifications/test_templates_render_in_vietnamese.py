"""The templates are seeded in Vietnamese (English second) by the data migration, edited in the admin
(a text that does not render is refused, in Vietnamese and English), and the next message uses the
edited text; a template switched off sends nothing."""

import unicodedata

from django.urls import reverse

from motcua.notifications import rendering
from motcua.notifications.kinds import Kind
from motcua.notifications.models import Notification, NotificationTemplate
from tests.factories.organizations import UserFactory

from .people import received, with_email


def test_every_kind_is_seeded_in_vietnamese_then_english(db):
    templates = {t.kind: t for t in NotificationTemplate.objects.all()}
    assert set(templates) == set(Kind.values)
    for t in templates.values():
        for text in (t.subject_vi, t.body_vi, t.short_vi):
            assert unicodedata.is_normalized("NFC", text)
            rendered = rendering.render(text, rendering.SAMPLE)
            assert "{{" not in rendered and "{%" not in rendered
        assert any(word in t.subject_vi for word in ("Hồ sơ", "Cảnh báo"))
        assert t.subject_en and t.body_en


def test_an_edited_template_is_used_and_a_broken_one_refused(
    world, fixed_clock, settings, client, dispatcher
):
    settings.MOTCUA_NOTIFY_CHANNELS = "email"
    admin = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin)
    template = NotificationTemplate.objects.get(kind="received")
    url = reverse("admin:notifications_notificationtemplate_change", args=[template.pk])
    form = {
        "active": "on",
        "subject_vi": "Đã nhận hồ sơ {{ ma_ho_so }}",
        "body_vi": "Chào {{ ten }}, hồ sơ {{ ma_ho_so }} hẹn trả ngày {{ ngay_hen_tra }}.",
        "short_vi": "Đã nhận hồ sơ {{ ma_ho_so }}.",
        "subject_en": "Received {{ ma_ho_so }}",
        "body_en": "Hello {{ ten }}.",
    }
    broken = client.post(url, {**form, "body_vi": "{% if %}hỏng"})
    assert broken.status_code == 200
    assert "Mẫu không hợp lệ" in broken.content.decode() and "does not render" in broken.content.decode()
    assert client.post(url, form).status_code == 302

    dossier = received(with_email(world))
    dispatcher.drain()
    message = Notification.objects.get(dossier=dossier, recipient_role="applicant")
    assert message.subject == f"Đã nhận hồ sơ {dossier.code}"
    assert message.text.startswith(
        f"Chào {world.applicant.full_name}, hồ sơ {dossier.code} hẹn trả ngày 05/03/2026"
    )
    assert message.text.endswith("— English —\nHello " + world.applicant.full_name + ".")


def test_a_template_switched_off_sends_nothing(world, fixed_clock, settings):
    settings.MOTCUA_NOTIFY_CHANNELS = "email"
    NotificationTemplate.objects.filter(kind="received").update(active=False)
    dossier = received(with_email(world))
    assert not Notification.objects.filter(dossier=dossier).exists()


def test_a_template_broken_behind_the_admins_back_falls_back_to_the_default(
    world, fixed_clock, settings, dispatcher
):
    settings.MOTCUA_NOTIFY_CHANNELS = "email"
    NotificationTemplate.objects.filter(kind="received").update(body_vi="{% endif %}")
    dossier = received(with_email(world))
    dispatcher.drain()
    message = Notification.objects.get(dossier=dossier, recipient_role="applicant")
    assert message.status == "sent" and message.text.startswith("Kính gửi")


def test_a_template_may_not_use_debug_load_or_include(world, fixed_clock, settings, client):
    """An edited template runs only conditions and loops: `{% debug %}` would print the context and every
    loaded module into a citizen's message; `load`, `include`, `url`, `now` are refused too."""
    admin = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin)
    template = NotificationTemplate.objects.get(kind="received")
    url = reverse("admin:notifications_notificationtemplate_change", args=[template.pk])
    form = {
        "active": "on",
        "subject_vi": "Đã nhận hồ sơ {{ ma_ho_so }}",
        "body_vi": "{% if ten %}Chào {{ ten }}{% endif %}",
        "short_vi": "Đã nhận hồ sơ {{ ma_ho_so }}.",
        "subject_en": "Received {{ ma_ho_so }}",
        "body_en": "Hello {{ ten }}.",
    }
    for bad in ("{% debug %}", "{% load static %}", '{% include "x.txt" %}', '{% now "Y" %}'):
        response = client.post(url, {**form, "body_vi": bad})
        assert response.status_code == 200 and "Mẫu không hợp lệ" in response.content.decode(), bad
    assert client.post(url, form).status_code == 302
    # a bad text stored some other way is never rendered: the default text is used
    template.body_vi = "{% debug %}"
    _, text = rendering.compose("received", "email", template, {**rendering.SAMPLE})
    assert "{'" not in text and "module" not in text and rendering.SAMPLE["ten"] in text
