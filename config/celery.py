"""The Celery app. Tasks are queued with transaction.on_commit and are idempotent (acks_late)."""

import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("plusdossier")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# The schedule lives in code (not django-celery-beat): it is the same on every install,
# reviewed with the code, and needs no database rows to be right after a fresh deploy.
app.conf.beat_schedule = {
    "daily-reminders": {
        "task": "notifications.tasks.send_daily_reminders",
        "schedule": crontab(hour=6, minute=30),
    },
    "weekly-overview": {
        "task": "notifications.tasks.send_weekly_overview",
        "schedule": crontab(hour=7, minute=0, day_of_week="mon"),
    },
    "daily-retention": {
        "task": "casework.tasks.anonymise_expired_cases",
        "schedule": crontab(hour=2, minute=15),
    },
    "daily-meeting-bundles": {
        "task": "reports.tasks.warm_coming_meeting_bundles",
        "schedule": crontab(hour=5, minute=45),
    },
    "daily-followups": {  # the task keeps its registered name: followups/tasks.py
        "task": "quality.tasks.create_follow_ups",
        "schedule": crontab(hour=6, minute=0),
    },
    # Tasks the broker could not take when they were queued (Redis down): core/outbox.py.
    "outbox-drain": {
        "task": "core.tasks.drain_outbox",
        "schedule": 60.0,
    },
}


@app.task(name="core.ping")
def ping() -> str:
    """Round trip used by the process smoke test and /healthz?worker=1."""
    return "pong"
