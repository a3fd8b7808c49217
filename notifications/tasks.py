"""Celery tasks. Each calls one service; both are idempotent (the unique key decides)."""

from datetime import date

from celery import shared_task
from django.utils import timezone

from .services import reminders_run


@shared_task(name="notifications.tasks.send_daily_reminders", acks_late=True)
def send_daily_reminders(as_of: str | None = None) -> dict:
    """Daily at 06:30 (config/celery.py): clock levels, evaluation reminders, e-mail.

    `as_of` is an ISO date (JSON-serialisable); empty means today in Europe/Amsterdam.
    Safe to run twice or on two workers at once: nothing is sent twice.
    """
    day = date.fromisoformat(as_of) if as_of else timezone.localdate()
    return reminders_run(as_of=day)
