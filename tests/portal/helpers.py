"""Driving the submission wizard with Django's test client."""

from django.urls import reverse

from motcua.portal.models import Draft

from .world import BIRTH, BIRTH_FORM, jpeg, pdf


def start(client) -> Draft:
    response = client.post(reverse("portal:submit_start", args=[BIRTH]))
    assert response.status_code == 302, response
    return Draft.objects.get(pk=int(response["Location"].strip("/").split("/")[1]))


def step_url(draft, step):
    return reverse("portal:submit_step", args=[draft.pk, step])


def fill_all(client, world, form=None) -> Draft:
    """Every step filled correctly; returns the draft ready to send."""
    draft = start(client)
    response = client.post(step_url(draft, "thong-tin"), {**BIRTH_FORM, **(form or {}), "go": "next"})
    assert response.status_code == 302, response.content.decode()[:3000]
    response = client.post(
        step_url(draft, "giay-to"),
        {
            "component_1": [pdf("to-khai.pdf")],
            "component_2": [pdf("giay-chung-sinh.pdf")],
            "component_3": [jpeg("cccd.jpg")],
            "go": "next",
        },
    )
    assert response.status_code == 302
    response = client.post(
        step_url(draft, "nhan-ket-qua"),
        {"receiving_agency": world.centre.pk, "result_channel": "electronic"},
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    return draft


def submit(client, world, **kwargs):
    draft = fill_all(client, world, **kwargs)
    response = client.post(step_url(draft, "xac-nhan"), {"declare": "1"})
    assert response.status_code == 302, response.content.decode()[:3000]
    draft.refresh_from_db()
    return draft.dossier
