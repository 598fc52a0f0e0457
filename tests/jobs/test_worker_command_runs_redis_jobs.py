"""`manage.py worker` with MOTCUA_JOBS_BACKEND=redis runs django.tasks jobs from Redis: its RQ worker uses
django-tasks-rq's job class (with rq's own, every job failed with "'Task' object is not callable"; found
by the lab). Burst mode drains the queue and returns."""

import uuid

import pytest
import redis
from django.conf import settings as django_settings
from django.core.management import call_command
from django.tasks import TaskResultStatus

from motcua.jobs.tasks import housekeeping


@pytest.fixture
def redis_default_queue(settings):
    base = django_settings.MOTCUA_REDIS_URL.rsplit("/", 1)[0]
    url = f"{base}/{11 + uuid.uuid4().int % 4}"  # a database of its own, not the development one's
    connection = redis.Redis.from_url(url)
    try:
        connection.ping()
    except redis.ConnectionError:
        pytest.skip("no Redis at MOTCUA_REDIS_URL")
    prefix = uuid.uuid4().hex[:8]
    settings.MOTCUA_JOBS_BACKEND = "redis"
    settings.RQ_QUEUES = {"default": {"URL": url}}
    # In-process for the test (rq's default worker forks a child per job, which must not share the
    # test's database connection); production keeps the forking worker.
    settings.RQ = {"WORKER_CLASS": "rq.SimpleWorker"}
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    connection.flushdb()
    yield prefix
    connection.flushdb()


def test_the_worker_command_runs_a_job_from_redis(redis_default_queue, transactional_db, settings, tmp_path):
    # transactional: the RQ worker closes the database connections before it works
    settings.MEDIA_ROOT = tmp_path / "media"
    result = housekeeping.enqueue()
    assert result.status == TaskResultStatus.READY
    call_command("worker", "--burst", "--no-relay", "--no-scheduler", verbosity=0)
    done = housekeeping.get_result(result.id)
    assert done.status == TaskResultStatus.SUCCESSFUL, done.errors
    assert "orphaned files" in done.return_value
