"""A person's choices on /tai-khoan/thong-bao/: a channel switched off gets no message of any kind;
an informational kind switched off gets none on any channel; a kind that asks the applicant to act
(supplement, payment, apology, refusal, stop) cannot be switched off alone."""

import pytest
from django.urls import reverse

from motcua.notifications import services
from motcua.notifications.models import Notification, NotificationOptOut

from .people import APPLICANT_EMAIL, REP, received, supplement_requested, with_email


def _rows(dossier, kind):
    return {(r.recipient_role, r.channel) for r in Notification.objects.filter(dossier=dossier, kind=kind)}


def test_choices_from_the_page_are_respected(world, fixed_clock, channels, client, dispatcher, fake_sms):
    with_email(world)
    client.force_login(world.citizen)
    page = client.get(reverse("notifications:preferences"))
    assert page.status_code == 200 and "Nhận thông báo" in page.content.decode()
    # keep e-mail and Zalo; keep every optional kind except "received"
    response = client.post(
        reverse("notifications:preferences"),
        {"channels": ["email", "zalo"], "kinds": ["result_ready", "returned", "withdrawn", "due_soon"]},
    )
    assert response.status_code == 302
    assert set(NotificationOptOut.objects.filter(user=world.citizen).values_list("channel", "kind")) == {
        ("sms", ""),
        ("", "received"),
    }

    dossier = received(world)
    # the applicant opted out of "received": only the representative (no account) is told
    assert _rows(dossier, "received") == {("representative", "sms"), ("representative", "zalo")}

    dossier = supplement_requested(world)
    # a supplement request cannot be switched off alone: e-mail and Zalo, not the SMS channel turned off
    assert _rows(dossier, "supplement_requested") == {
        ("applicant", "email"),
        ("applicant", "zalo"),
        ("representative", "sms"),
        ("representative", "zalo"),
    }
    dispatcher.drain()
    assert "84912345678" not in {d["to"] for d in fake_sms.delivered}  # nothing to the applicant's phone
    assert {d["to"] for d in fake_sms.delivered} == {"84987654321"}


def test_a_representative_with_an_account_is_reached_by_email_and_has_choices(world, fixed_clock, channels):
    from tests.factories.organizations import ApplicantFactory, UserFactory

    rep_user = UserFactory()
    ApplicantFactory(user=rep_user, id_number=REP["id_number"], email="cuong@example.vn", phone=REP["phone"])
    services.preferences_set(rep_user, channels_off={"zalo"}, kinds_off=set())
    dossier = received(with_email(world))
    rep = {
        (r.channel, r.address)
        for r in Notification.objects.filter(dossier=dossier, recipient_role="representative")
    }
    assert rep == {("email", "cuong@example.vn"), ("sms", REP["phone"])}
    assert Notification.objects.filter(dossier=dossier, address=APPLICANT_EMAIL).count() == 1


def test_a_mandatory_kind_cannot_be_switched_off_alone(world):
    with pytest.raises(ValueError):
        services.preferences_set(world.citizen, channels_off=set(), kinds_off={"supplement_requested"})
    with pytest.raises(ValueError):
        services.preferences_set(world.citizen, channels_off={"fax"}, kinds_off=set())
    assert not NotificationOptOut.objects.filter(user=world.citizen).exists()


def test_preferences_page_needs_a_login(client):
    response = client.get(reverse("notifications:preferences"))
    assert response.status_code == 302 and "dang-nhap" in response["Location"]
