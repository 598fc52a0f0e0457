"""Dates are typed and shown dd/mm/yyyy in every form of the product and in the admin: 04/02/2027
is 4 February, never 2 April; 15/10/2026 is accepted."""

from datetime import date, datetime

import pytest
from django import forms
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.utils import timezone

from motcua.backoffice.forms import TrackingBookForm, WorklistFilterForm
from motcua.calendar.models import Notice
from motcua.core.dates import VnDateField, VnDateTimeField, parse_vn_datetime


def test_product_date_field_reads_day_first():
    field = VnDateField()
    assert field.clean("04/02/2027") == date(2027, 2, 4)
    assert field.clean("15/10/2026") == date(2026, 10, 15)
    assert field.clean("2026-10-15") == date(2026, 10, 15)
    with pytest.raises(forms.ValidationError) as caught:
        field.clean("10/15/2026")  # month 15: refused, never read as US
    assert "dd/mm/yyyy" in caught.value.messages[0]
    assert field.widget.format_value(date(2027, 2, 4)) == "04/02/2027"
    assert field.widget.format_value("2027-02-04") == "04/02/2027"  # stored e-form values


def test_product_datetime_field_and_the_apology_date():
    field = VnDateTimeField()
    assert timezone.localtime(field.clean("04/02/2027 14:30")).replace(tzinfo=None) == datetime(
        2027, 2, 4, 14, 30
    )
    assert field.widget.format_value(datetime(2027, 2, 4, 14, 30)) == "04/02/2027 14:30"
    assert timezone.localtime(parse_vn_datetime("12/03/2026 16:00")).replace(tzinfo=None) == datetime(
        2026, 3, 12, 16
    )


def test_back_office_filters_take_dd_mm_yyyy():
    form = WorklistFilterForm({"date_from": "04/02/2027", "date_to": "15/10/2027"})
    assert form.is_valid()
    assert form.filters().date_from == date(2027, 2, 4)
    book = TrackingBookForm({"agency": "", "start": "01/02/2026", "end": "28/02/2026", "format": "pdf"})
    book.is_valid()
    assert book.cleaned_data["start"] == date(2026, 2, 1)


def test_admin_date_fields_read_and_show_dd_mm_yyyy(db):
    model_admin = admin.site._registry[Notice]
    field = model_admin.formfield_for_dbfield(Notice._meta.get_field("issued_on"), request=None)
    assert field.clean("04/02/2027") == date(2027, 2, 4)
    assert field.clean("15/10/2026") == date(2026, 10, 15)
    assert field.widget.format_value(date(2027, 2, 4)) == "04/02/2027"


def test_admin_lists_show_dd_mm_yyyy(db, client):
    Notice.objects.filter(number="9441/TB-BNV").update(issued_on=date(2025, 10, 16))
    client.force_login(get_user_model().objects.create_superuser("qt", "qt@example.vn", "x-Mat-khau-1"))
    html = client.get("/admin/calendar/notice/").content.decode()
    assert "16/10/2025" in html
