"""Limit/offset pagination with both numbers bounded, so a huge `offset` is a 422, not a database error."""

from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination

MAX_LIMIT = 100
MAX_OFFSET = 1_000_000


class LimitOffset(LimitOffsetPagination):
    """`?limit=` 1–100 (default 100), `?offset=` 0–1,000,000 (default 0)."""

    class Input(Schema):
        limit: int = Field(MAX_LIMIT, ge=1, le=MAX_LIMIT)
        offset: int = Field(0, ge=0, le=MAX_OFFSET)
