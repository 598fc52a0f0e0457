"""Starting an online submission changes state, so it is a POST (the button on the procedure page, with
its CSRF token); a GET on the start address creates no draft and leads back to the procedure page."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from motcua.portal.models import Draft

from .world import BIRTH

pytestmark = pytest.mark.django_db
START = reverse("portal:submit_start", args=[BIRTH])


def test_a_get_creates_nothing_and_leads_to_the_procedure_page(citizen_client, world):
    response = citizen_client.get(START)
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:procedure", args=[BIRTH])
    response = citizen_client.head(START)
    assert response.status_code == 302
    assert Draft.objects.count() == 0


def test_other_methods_are_refused(citizen_client, world):
    assert citizen_client.put(START).status_code == 405
    assert citizen_client.delete(START).status_code == 405
    assert Draft.objects.count() == 0


def test_the_procedure_page_posts_with_a_csrf_token_and_that_creates_the_draft(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.citizen)
    html = client.get(reverse("portal:procedure", args=[BIRTH])).content.decode()
    form = re.search(r'<form method="post" action="([^"]+)">(.*?)</form>', html, re.S)
    assert form is not None and form.group(1) == START
    assert "Nộp hồ sơ trực tuyến" in form.group(2)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.group(2)).group(1)
    assert client.post(START).status_code == 403  # without the token: refused, nothing created
    assert Draft.objects.count() == 0
    response = client.post(START, {"csrfmiddlewaretoken": token})
    assert response.status_code == 302 and response["Location"].endswith("/thong-tin/")
    draft = Draft.objects.get()
    assert draft.user == world.citizen
    # a second press resumes the same draft
    assert client.post(START, {"csrfmiddlewaretoken": token})["Location"] == response["Location"]
    assert Draft.objects.count() == 1


def test_anonymous_visitors_get_a_login_link_back_to_the_procedure(client, world):
    page = reverse("portal:procedure", args=[BIRTH])
    html = client.get(page).content.decode()
    assert f'href="/tai-khoan/dang-nhap/?next={page}"' in html
    assert 'action="' + START not in html
    assert Draft.objects.count() == 0
