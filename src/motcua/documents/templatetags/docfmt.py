"""Filters for the form templates: `{% load docfmt %}` then `{{ form.due_at|vn_datetime }}`."""

from django import template

from .. import formatting

register = template.Library()

register.filter("vn_date", formatting.vn_date)
register.filter("vn_datetime", formatting.vn_datetime)
register.filter("vn_short_datetime", formatting.vn_short_datetime)
register.filter("vn_short_date", formatting.vn_short_date)
register.filter("money", formatting.money)
register.filter("thousands", formatting.thousands)


@register.simple_tag
def date_line(place, value):
    return formatting.date_line(place, value)
