"""The public page: the year's days off with sources, and the appointment form."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_year_page_lists_days_off_with_sources(client):
    response = client.get(reverse("calendar:year"), {"year": 2026})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Lịch làm việc năm 2026" in html
    assert "9441/TB-BNV" in html
    assert "Điều 111 khoản 3" in html
    assert "Nghị quyết 28/2026/QH16" in html


def test_form_computes_an_appointment_date(client):
    response = client.get(reverse("calendar:year"), {"start": "2025-04-25T16:00", "duration": "3d"})
    assert response.status_code == 200
    assert "16:00" in response.content.decode()
    assert response.context["answer"].due.isoformat() == "2025-04-29T16:00:00+07:00"


def test_form_errors_are_shown_not_raised(client):
    response = client.get(reverse("calendar:year"), {"start": "2025-04-25T16:00", "duration": "-2d"})
    assert response.status_code == 200
    assert "Thời hạn không được âm" in response.content.decode()
    response = client.get(
        reverse("calendar:year"), {"start": "2025-04-25T16:00", "duration": "1d", "agency": "nope"}
    )
    assert response.status_code == 400
    assert "nope" in response.content.decode()


def test_year_out_of_range_is_clamped(client):
    assert client.get(reverse("calendar:year"), {"year": "1900"}).status_code == 200
    assert client.get(reverse("calendar:year"), {"year": "x"}).status_code == 200


def test_page_in_english(client):
    client.cookies["django_language"] = "en"
    response = client.get(reverse("calendar:year"), {"year": 2026}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    # Needs compiled catalogues (`make messages`, which `make test` runs first).
    assert "Working calendar 2026" in response.content.decode()
