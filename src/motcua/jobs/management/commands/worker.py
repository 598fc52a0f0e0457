"""`manage.py worker`: the one background process. It runs, side by side,

- the job worker of the configured backend (django-tasks-db's `db_worker`, or `rqworker` for Redis),
- the periodic scheduler (django-periodic-tasks) that enqueues the scheduled jobs (tasks.py),
- the outbox relay loop: every MOTCUA_RELAY_POLL_SECONDS, deliver what is due (jobs/relay.py),
- the outbox projector loop: every MOTCUA_PROJECTOR_POLL seconds, derive the statistics and the
  notifications of the committed actions (jobs/projector.py),
- the notification dispatch loop, the same loop over `notifications.dispatch.Dispatcher`.

Ctrl-C / SIGTERM stops them all. Several workers may run at once (the relay, the projector and both
job queues claim with SKIP LOCKED on PostgreSQL)."""

import contextlib
import logging
import threading

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import close_old_connections

from motcua.jobs.relay import Relay

logger = logging.getLogger("motcua.relay")


def relay_loop(stop: threading.Event, relay: Relay | None = None, poll: float | None = None) -> None:
    """Rounds of `relay.run_once()` (anything with it: the outbox Relay and Projector, the notification
    Dispatcher) until `stop`; waits `poll` seconds (default MOTCUA_RELAY_POLL_SECONDS) when a round
    claimed nothing."""
    relay = relay or Relay()
    while not stop.is_set():
        wait = poll if poll is not None else settings.MOTCUA_RELAY_POLL_SECONDS
        try:
            close_old_connections()
            if not relay.run_once().claimed:
                stop.wait(wait)
        except Exception:  # a lost database connection must not end the loop
            logger.exception("relay round failed")
            stop.wait(wait)
        finally:
            close_old_connections()


class Command(BaseCommand):
    help = "Chạy việc nền: hàng đợi, lịch định kỳ, chuyển outbox. / Run the jobs worker, scheduler and relay."

    def add_arguments(self, parser):
        parser.add_argument("--no-relay", action="store_true", help="Không chạy vòng chuyển outbox.")
        parser.add_argument("--no-scheduler", action="store_true", help="Không chạy lịch định kỳ.")
        parser.add_argument("--no-projector", action="store_true", help="Không chạy vòng tổng hợp outbox.")
        parser.add_argument(
            "--relay-only", action="store_true", help="Chỉ chạy các vòng outbox (chuyển, tổng hợp, gửi)."
        )
        parser.add_argument(
            "--burst",
            action="store_true",
            help="Chạy hết các việc đang chờ rồi dừng. / Run the queued jobs, then exit.",
        )

    def handle(
        self,
        *args,
        no_relay=False,
        no_projector=False,
        no_scheduler=False,
        relay_only=False,
        burst=False,
        **options,
    ):
        stop = threading.Event()
        if not no_projector:
            from motcua.jobs.projector import Projector

            project = (stop, Projector(), settings.MOTCUA_PROJECTOR_POLL)
            threading.Thread(target=relay_loop, args=project, name="outbox-projector", daemon=True).start()
        if not no_relay:
            threading.Thread(target=relay_loop, args=(stop,), name="outbox-relay", daemon=True).start()
            from motcua.notifications.dispatch import Dispatcher

            dispatch = (stop, Dispatcher(), settings.MOTCUA_NOTIFY_POLL_SECONDS)
            threading.Thread(target=relay_loop, args=dispatch, name="notify-dispatch", daemon=True).start()
        if relay_only:
            with contextlib.suppress(KeyboardInterrupt):
                stop.wait()
            return
        if not no_scheduler:
            from django_periodic_tasks.scheduler import PeriodicTaskScheduler

            PeriodicTaskScheduler(interval=15).start()
        verbosity = options.get("verbosity", 1)
        if settings.MOTCUA_JOBS_BACKEND == "redis":
            # django-tasks-rq's job class: rq's own cannot run a django.tasks Task (the lab found every
            # periodic job failing with "'Task' object is not callable" without it).
            from django_rq.management.commands.rqworker import Command as RQWorker

            extra = ["--burst"] if burst else ["--with-scheduler"]
            call_command(
                RQWorker(), "default", "--job-class", "django_tasks_rq.Job", *extra, verbosity=verbosity
            )
        else:
            extra = ["--batch"] if burst else []
            call_command("db_worker", "--queue-name", "*", *extra, verbosity=verbosity)
        stop.set()
