"""The project's background jobs (`django.tasks`), and their schedules (django-periodic-tasks; the
scheduler runs inside `manage.py worker`, no second daemon). Discovered by django_periodic_tasks'
autodiscovery of `tasks` modules."""

from dataclasses import asdict
from io import StringIO

from django.core.management import call_command
from django.tasks import task
from django_periodic_tasks import scheduled_task

from .relay import Relay


@scheduled_task(cron="* * * * *", name="relay_outbox")
@task()
def relay_outbox(max_rounds: int = 1000) -> dict:
    """Deliver what is due in the outbox (the worker's relay loop does this every second; this
    schedule is the safety net, e.g. for a worker started with --no-relay). Returns the counts."""
    return asdict(Relay().drain(max_rounds=max_rounds))


@scheduled_task(cron="* * * * *", name="project_outbox")
@task()
def project_outbox(max_rounds: int = 1000) -> dict:
    """Project what the outbox holds unprojected into statistics and notifications (the worker's
    projector loop does this every second; this schedule is the safety net, e.g. for a worker started
    with --no-projector). Returns the counts."""
    from .projector import Projector

    return asdict(Projector().drain(max_rounds=max_rounds))


@scheduled_task(cron="30 2 * * *", name="housekeeping", timezone="Asia/Ho_Chi_Minh")
@task()
def housekeeping() -> str:
    """The daily cleanup (`manage.py housekeeping`): abandoned drafts and orphaned files, at 02:30."""
    out = StringIO()
    call_command("housekeeping", stdout=out)
    return out.getvalue()


@scheduled_task(cron="0 3 * * *", name="national_catalogue_pull", timezone="Asia/Ho_Chi_Minh")
@task()
def national_catalogue_pull() -> dict:
    """Nightly (03:00): the catalogue from the national portal into new catalogue versions; nothing
    when the connector is not configured."""
    from motcua.integrations.national_portal.catalogue import PortalNotConfigured, catalogue_pull

    try:
        return catalogue_pull().as_dict()
    except PortalNotConfigured:
        return {"skipped": "not configured"}


@scheduled_task(cron="0 7 * * 1-6", name="stats_digest", timezone="Asia/Ho_Chi_Minh")
@task()
def stats_digest() -> str:
    """Working mornings (07:00): the leaders' digest of dossiers at risk (`manage.py stats_digest
    --send`, reports app)."""
    out = StringIO()
    call_command("stats_digest", "--send", stdout=out)
    return out.getvalue()


@scheduled_task(cron="5 0 * * *", name="warm_statistics", timezone="Asia/Ho_Chi_Minh")
@task()
def warm_statistics() -> dict:
    """Just after midnight (00:05): every reader's dashboard computed once, so the day's first visits
    read the kept trend and ranking (reports/warmup.py); nothing unless the web processes share the
    cache (`MOTCUA_CACHE_URL`)."""
    from motcua.reports.warmup import shared_cache, warm

    if not shared_cache():
        return {"skipped": "the cache is not shared (MOTCUA_CACHE_URL unset)"}
    return warm()
