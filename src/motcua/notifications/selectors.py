"""Reads for the message log page."""

from django.db.models import Count, Min, Q

from .kinds import Status
from .models import Notification

LOG_PAGE = 100


def log(*, status: str = "", channel: str = "", code: str = ""):
    """Messages newest first, filtered by status, channel and dossier code (exact)."""
    rows = Notification.objects.select_related("dossier").order_by("-id")
    if status:
        rows = rows.filter(status=status)
    if channel:
        rows = rows.filter(channel=channel)
    if code:
        rows = rows.filter(dossier__code=code)
    return rows


def figures() -> dict:
    """{"by_status": {status: n}, "failing": [(channel, error_code, n)], "oldest_pending": datetime}."""
    by_status = dict(Notification.objects.order_by().values_list("status").annotate(n=Count("id")))
    failing = list(
        Notification.objects.filter(status__in=[Status.FAILED, Status.DEAD])
        .order_by()
        .values_list("channel", "error_code")
        .annotate(n=Count("id"))
        .order_by("-n")[:20]
    )
    oldest = Notification.objects.filter(Q(status=Status.PENDING) | Q(status=Status.FAILED)).aggregate(
        at=Min("created_at")
    )["at"]
    return {
        "by_status": {s: by_status.get(s, 0) for s in Status.values},
        "failing": failing,
        "oldest": oldest,
    }
