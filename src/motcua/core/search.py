"""Folded-accent search over a denormalised `search_text` column."""

from django.db.models import Q, QuerySet

from .text import fold_terms


def search_filter(queryset: QuerySet, query: str | None, field: str = "search_text") -> QuerySet:
    for term in fold_terms(query):
        queryset = queryset.filter(Q(**{f"{field}__contains": term}))
    return queryset
