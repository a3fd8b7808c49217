"""`make run`: the development server with a Celery worker and beat beside it.

The worker (with beat in the same process) gets its tasks from the broker of the settings:
Redis with REDIS_URL, else the embedded mode's folder (config.embedded). So the web process
queues tasks as in production instead of running them in-process, and the daily scans, the
retention, the follow-ups and the bundle warming run on beat's schedule (config.celery). The
daily tasks are also queued once at the start, so a demo started after 06:30 is up to date.
"""

import os
import signal
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from config import embedded
from config.celery import app

# The beat tasks that catch up at the start (the bundle warming needs no catching up).
DAILY_AT_START = [
    "notifications.tasks.send_daily_reminders",
    "casework.tasks.anonymise_expired_cases",
    "quality.tasks.create_follow_ups",  # followups.tasks: the name stays, see there
]


class Command(BaseCommand):
    help = (
        "Start de ontwikkelserver met een Celery-worker en -beat voor de taken op de achtergrond."
    )

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")

    def handle(self, *args, addrport: str, **options):
        # Queue tasks for the worker, here and in runserver's autoreload child (which inherits
        # the environment and loads the settings anew).
        os.environ["CELERY_TASK_ALWAYS_EAGER"] = "false"
        settings.CELERY_TASK_ALWAYS_EAGER = False
        app.conf.task_always_eager = False
        worker = None
        if os.environ.get("RUN_MAIN") != "true":  # not in the autoreload child: start once
            worker = self._start_worker()
            for task in DAILY_AT_START:
                app.send_task(task)
        try:
            call_command("runserver", addrport)
        finally:
            if worker is not None and worker.poll() is None:
                worker.send_signal(signal.SIGTERM)
                try:
                    worker.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    worker.kill()

    def _start_worker(self) -> subprocess.Popen:
        schedule = embedded.root(settings.BASE_DIR) / "celerybeat-schedule"
        schedule.parent.mkdir(parents=True, exist_ok=True)
        command = [
            str(Path(sys.executable).parent / "celery"),
            "-A",
            "config",
            "worker",
            "--beat",
            f"--schedule={schedule}",
            "--concurrency=1",
            "--loglevel=INFO",
        ]
        self.stdout.write("Celery-worker en -beat gestart: " + " ".join(command[1:]))
        return subprocess.Popen(command, env=os.environ.copy())
