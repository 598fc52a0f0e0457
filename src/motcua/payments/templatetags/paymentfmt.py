"""`{% load paymentfmt %}`: `{{ amount|dong }}` → "1.005.000" (integer đồng, dots every three digits)."""

from django import template

from motcua.documents.formatting import thousands

register = template.Library()
register.filter("dong", thousands)
