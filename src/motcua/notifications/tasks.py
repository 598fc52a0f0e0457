"""Notification jobs (`django.tasks`) and their schedules (django-periodic-tasks, run by
`manage.py worker`). The worker's dispatch loop sends messages every MOTCUA_NOTIFY_POLL_SECONDS; the
minutely `dispatch_notifications` is the safety net (e.g. a worker started with --no-relay)."""

from dataclasses import asdict

from django.tasks import task
from django_periodic_tasks import scheduled_task

from .dispatch import Dispatcher
from .due_soon import warn_due_soon


@scheduled_task(cron="* * * * *", name="dispatch_notifications")
@task()
def dispatch_notifications(max_rounds: int = 100) -> dict:
    """Send what is due; returns the counts."""
    return asdict(Dispatcher().drain(max_rounds=max_rounds))


@scheduled_task(cron="*/10 * * * *", name="due_soon_warnings", timezone="Asia/Ho_Chi_Minh")
@task()
def due_soon_warnings() -> int:
    """Every 10 minutes: warn officers and leaders of dossiers newly due within the thresholds."""
    return warn_due_soon()
