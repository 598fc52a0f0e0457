"""The default backend: jobs enqueued into the database (django-tasks-db) and run by its worker
(`db_worker --batch`, what `manage.py worker` runs), on SQLite and PostgreSQL; the periodic schedules
are registered for the scheduler the worker starts."""

import pytest
from django.core.management import call_command
from django.tasks import TaskResultStatus
from django_periodic_tasks import schedule_registry

from motcua.jobs.tasks import housekeeping, relay_outbox

from ..dossiers.world import act, make_world, receive


@pytest.mark.django_db(transaction=True)
def test_relay_job_through_db_worker(fake_portal, settings, media_root):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    world = make_world()
    dossier = act(receive(world), "forward", world.officer)
    result = relay_outbox.enqueue()
    cleaned = housekeeping.enqueue()
    assert result.status == TaskResultStatus.READY
    call_command("db_worker", "--batch", "--queue-name", "*", verbosity=0)
    result.refresh()
    cleaned.refresh()
    assert result.status == TaskResultStatus.SUCCESSFUL, result.errors
    assert result.return_value["delivered"] == 2
    assert cleaned.status == TaskResultStatus.SUCCESSFUL, cleaned.errors
    assert fake_portal.events(dossier.code) == [f"{dossier.code}:2"]


def test_periodic_schedules():
    entries = schedule_registry.get_entries()
    assert entries["relay_outbox"].cron_expression == "* * * * *"
    assert entries["housekeeping"].cron_expression == "30 2 * * *"
    assert entries["housekeeping"].timezone == "Asia/Ho_Chi_Minh"
