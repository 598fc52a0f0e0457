"""The same jobs through the Redis backend (django-tasks-rq on the local Redis at MOTCUA_REDIS_URL):
enqueued into Redis, taken by an RQ worker, run, their results read back through django.tasks."""

import uuid

import pytest
import redis
from django.conf import settings as django_settings
from django.tasks import TaskResultStatus

from motcua.jobs.tasks import housekeeping, relay_outbox

from ..dossiers.world import act, receive


@pytest.fixture
def redis_tasks(settings):
    connection = redis.Redis.from_url(django_settings.MOTCUA_REDIS_URL)
    try:
        connection.ping()
    except redis.ConnectionError:
        pytest.skip("no Redis at MOTCUA_REDIS_URL")  # CI starts one; this machine has 127.0.0.1:6379
    queue = f"motcua-test-{uuid.uuid4().hex[:8]}"
    url = django_settings.MOTCUA_REDIS_URL
    settings.RQ_QUEUES = {"default": {"URL": url}, queue: {"URL": url}}
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": [queue]}}
    yield queue
    for key in connection.scan_iter(f"rq:*{queue}*"):
        connection.delete(key)


def run_worker(queue: str) -> None:
    import django_rq
    from django_tasks_rq import Job
    from rq import SimpleWorker

    q = django_rq.get_queue(queue, job_class=Job)
    SimpleWorker([q], connection=q.connection, job_class=Job).work(burst=True)


def test_relay_and_housekeeping_run_through_redis(redis_tasks, world, fake_portal, media_root):
    dossier = act(receive(world), "forward", world.officer)
    relayed = relay_outbox.using(queue_name=redis_tasks).enqueue()
    cleaned = housekeeping.using(queue_name=redis_tasks).enqueue()
    assert relayed.status == TaskResultStatus.READY
    run_worker(redis_tasks)

    relayed = relay_outbox.get_result(relayed.id)
    assert relayed.status == TaskResultStatus.SUCCESSFUL, relayed.errors
    assert relayed.return_value["delivered"] == 2
    assert fake_portal.events(dossier.code) == [f"{dossier.code}:2"]
    cleaned = housekeeping.get_result(cleaned.id)
    assert cleaned.status == TaskResultStatus.SUCCESSFUL, cleaned.errors
    assert "orphaned files" in cleaned.return_value
